// Whole request frames: request headers v1, the dispatch to each API's decoder, and
// refusals (unknown APIs, versions out of range, bytes left over, truncation). Frames are
// written here field by field as a client writes them (RequestHeader.json).
#include <catch2/catch.hpp>

#include <tuple>

#include "broker_model/wire/codec.h"
#include "broker_model/wire/supported_apis.h"
#include "wire/client_record_batch.h"
#include "wire/frame_test_support.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::wire;
using namespace kafkalab::kafka::wire::testing;

namespace {

/// Metadata v1 body asking for every topic.
std::string all_topics_metadata_body() {
    WireWriter out;
    out.array_length(-1);
    return out.take();
}

std::string produce_body(std::int16_t acks) {
    ClientBatch batch;
    batch.records = {{std::string("k"), std::string("v"), 0, {}}};
    WireWriter out;
    out.nullable_string(std::nullopt);  // transactional_id
    out.int16(acks);
    out.int32(30'000);
    out.array_length(1);
    out.string("orders");
    out.array_length(1);
    out.int32(0);
    out.bytes(client_record_batch(batch));
    return out.take();
}

/// JoinGroup v5 as kafkajs writes it, with a version 0 subscription.
std::string join_group_v5_body() {
    WireWriter subscription;
    subscription.int16(0);
    subscription.array_length(1);
    subscription.string("orders");
    subscription.bytes("");  // user_data
    WireWriter out;
    out.string("payments-app");
    out.int32(30'000);  // session_timeout_ms
    out.int32(60'000);  // rebalance_timeout_ms
    out.string("");     // member_id: first join
    out.nullable_string(std::nullopt);  // group_instance_id
    out.string("consumer");
    out.array_length(1);
    out.string("RoundRobinAssigner");
    out.bytes(subscription.buffer());
    return out.take();
}

}  // namespace

TEST_CASE("A request header v1 gives api key version correlation id and client id") {
    const std::string frame = request_frame(3, 1, 0x01020304, std::string("rdkafka"), all_topics_metadata_body());
    const ParsedRequest parsed = parse_request(frame, test_context());
    REQUIRE(parsed.header.api_key == 3);
    REQUIRE(parsed.header.api_version == 1);
    REQUIRE(parsed.header.correlation_id == 0x01020304);
    REQUIRE(parsed.header.client_id == std::optional<std::string>("rdkafka"));
    REQUIRE_FALSE(parsed.is_api_versions());
    REQUIRE(parsed.expects_response);
    const auto request = std::dynamic_pointer_cast<MetadataRequest>(parsed.request);
    REQUIRE(request);
    REQUIRE_FALSE(request->topics.has_value());
}

TEST_CASE("A request header with a null client id parses") {
    const ParsedRequest parsed = parse_request(request_frame(3, 1, 7, std::nullopt, all_topics_metadata_body()), test_context());
    REQUIRE_FALSE(parsed.header.client_id.has_value());
    REQUIRE(parsed.header.correlation_id == 7);
}

TEST_CASE("Unknown API keys are unsupported") {
    // 4 is LeaderAndIsr, a broker-to-broker API; 99 and -1 name no API.
    for (const std::int16_t key : {std::int16_t{4}, std::int16_t{99}, std::int16_t{-1}, std::int16_t{23}}) {
        CAPTURE(key);
        REQUIRE_THROWS_AS(parse_request(request_frame(key, 0, 1, std::string("c"), ""), test_context()),
                          UnsupportedRequest);
    }
}

TEST_CASE("Versions outside each API's range are unsupported") {
    const std::tuple<std::int16_t, std::int16_t> cases[] = {
        {0, 2}, {0, 8}, {0, 9},   // Produce: 3-7; v9 would be flexible
        {1, 3}, {1, 12},          // Fetch: 4-11
        {2, 0}, {2, 6},           // ListOffsets: 1-5
        {3, 9}, {3, -1},          // Metadata: 0-8
        {8, 1}, {9, 8}, {10, 3},  // OffsetCommit 2-7, OffsetFetch 1-7, FindCoordinator 0-2
        {11, 6}, {22, 5},         // JoinGroup 0-5, InitProducerId 0-4
    };
    for (const auto& [key, version] : cases) {
        CAPTURE(key, version);
        REQUIRE_THROWS_AS(parse_request(request_frame(key, version, 1, std::string("c"), all_topics_metadata_body()),
                                        test_context()),
                          UnsupportedRequest);
    }
    for (const ApiVersionRange& api : supported_apis()) {
        if (api.key == ApiKey::api_versions) continue;
        CAPTURE(static_cast<int>(api.key));
        const auto key = static_cast<std::int16_t>(api.key);
        REQUIRE_THROWS_AS(parse_request(request_frame(key, static_cast<std::int16_t>(api.min_version - 1), 1, std::nullopt, ""),
                                        test_context()),
                          UnsupportedRequest);
        REQUIRE_THROWS_AS(parse_request(request_frame(key, static_cast<std::int16_t>(api.max_version + 1), 1, std::nullopt, ""),
                                        test_context()),
                          UnsupportedRequest);
    }
}

TEST_CASE("The advertised ranges include what librdkafka and kafkajs need") {
    const auto range = [](ApiKey key) { return *find_supported_api(static_cast<std::int16_t>(key)); };
    // Record batch v2 needs Produce v3 and Fetch v4 (librdkafka's MsgVer2 feature).
    REQUIRE(range(ApiKey::produce).min_version <= 3);
    REQUIRE(range(ApiKey::produce).max_version >= 3);
    REQUIRE(range(ApiKey::fetch).min_version <= 4);
    REQUIRE(range(ApiKey::fetch).max_version >= 4);
    // ApiVersions v0 for the fallback and v3 for librdkafka's first request.
    REQUIRE(range(ApiKey::api_versions).min_version == 0);
    REQUIRE(range(ApiKey::api_versions).max_version == 3);
    REQUIRE(is_flexible(range(ApiKey::api_versions), 3));
    // librdkafka's OffsetFetch v6-7 and InitProducerId v2-4 are flexible; no other API
    // is spoken in a flexible version.
    REQUIRE(range(ApiKey::offset_fetch).max_version == 7);
    REQUIRE(range(ApiKey::offset_fetch).first_flexible_version == 6);
    REQUIRE(range(ApiKey::init_producer_id).max_version == 4);
    REQUIRE(range(ApiKey::init_producer_id).first_flexible_version == 2);
    for (const ApiVersionRange& api : supported_apis()) {
        if (api.key == ApiKey::api_versions || api.key == ApiKey::offset_fetch || api.key == ApiKey::init_producer_id) {
            continue;
        }
        REQUIRE_FALSE(is_flexible(api, api.max_version));
    }
    REQUIRE_FALSE(find_supported_api(4).has_value());
}

TEST_CASE("Bytes after a request body are malformed") {
    REQUIRE_THROWS_AS(parse_request(request_frame(3, 1, 1, std::string("c"), all_topics_metadata_body() + "x"),
                                    test_context()),
                      MalformedFrame);
    REQUIRE_THROWS_AS(parse_request(request_frame(0, 7, 1, std::string("c"), produce_body(1) + std::string(1, '\0')),
                                    test_context()),
                      MalformedFrame);
    REQUIRE_THROWS_AS(parse_request(request_frame(18, 3, 1, std::string("c"), api_versions_v3_body() + "x", true),
                                    test_context()),
                      MalformedFrame);
    REQUIRE_THROWS_AS(parse_request(request_frame(18, 0, 1, std::string("c"), "x"), test_context()), MalformedFrame);
}

TEST_CASE("Every truncation of a request frame is refused") {
    const std::string frame = request_frame(3, 4, 9, std::string("kafkajs"), [] {
        WireWriter out;
        out.array_length(1);
        out.string("orders");
        out.boolean(true);
        return out.take();
    }());
    REQUIRE_NOTHROW(parse_request(frame, test_context()));
    for (std::size_t size = 0; size < frame.size(); ++size) {
        CAPTURE(size);
        REQUIRE_THROWS_AS(parse_request(std::string_view(frame).substr(0, size), test_context()), MalformedFrame);
    }
}

TEST_CASE("Produce with acks 0 expects no response") {
    const ParsedRequest none = parse_request(request_frame(0, 7, 1, std::string("c"), produce_body(0)), test_context());
    REQUIRE_FALSE(none.expects_response);
    REQUIRE(message_as<ProduceRequest>(*none.request).acks == Acks::none);
    for (const std::int16_t acks : {std::int16_t{1}, std::int16_t{-1}}) {
        CAPTURE(acks);
        const ParsedRequest some = parse_request(request_frame(0, 3, 1, std::string("c"), produce_body(acks)), test_context());
        REQUIRE(some.expects_response);
    }
}

TEST_CASE("Produce frames take record ids from the decode context") {
    const ParsedRequest parsed = parse_request(request_frame(0, 7, 1, std::string("c"), produce_body(-1)), test_context());
    const auto& request = message_as<ProduceRequest>(*parsed.request);
    REQUIRE(request.partitions.size() == 1);
    REQUIRE(request.partitions[0].records->record_id(0) == 500);
}

TEST_CASE("JoinGroup takes client id from the header and client host from the context") {
    const ParsedRequest parsed =
        parse_request(request_frame(11, 5, 3, std::string("kafkajs-consumer"), join_group_v5_body()), test_context());
    const auto& join = message_as<JoinGroupRequest>(*parsed.request);
    REQUIRE(join.group_id == "payments-app");
    REQUIRE(join.client_id == "kafkajs-consumer");
    REQUIRE(join.client_host == "/127.0.0.1");
    REQUIRE(join.protocols.size() == 1);
    REQUIRE(join.protocols[0].name == "RoundRobinAssigner");
    REQUIRE(join.protocols[0].topics == std::vector<std::string>{"orders"});

    const ParsedRequest anonymous = parse_request(request_frame(11, 5, 3, std::nullopt, join_group_v5_body()), test_context());
    REQUIRE(message_as<JoinGroupRequest>(*anonymous.request).client_id.empty());
}
