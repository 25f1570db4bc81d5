// Whole frames: request headers (v1, and v2 for flexible versions), the dispatch to
// each API's decoder, refusals, ApiVersions, and response frames with their size
// prefix and header. Frames are written here field by field as a client writes them
// (RequestHeader.json, ApiVersionsRequest.json); responses are read back the same way.
#include <catch2/catch.hpp>

#include "broker_model/wire/api_versions_codec.h"
#include "broker_model/wire/codec.h"
#include "broker_model/wire/supported_apis.h"
#include "wire/client_record_batch.h"
#include "wire/codec_test_support.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::wire;
using namespace kafkalab::kafka::wire::testing;

namespace {

/// A request frame without its size prefix: header v1 (api_key, api_version,
/// correlation_id, nullable client_id), or v2 (v1 plus an empty tagged-field section)
/// when `flexible`, then the body.
std::string request_frame(std::int16_t api_key, std::int16_t api_version, std::int32_t correlation_id,
                          const std::optional<std::string>& client_id, const std::string& body, bool flexible = false) {
    WireWriter out;
    out.int16(api_key);
    out.int16(api_version);
    out.int32(correlation_id);
    out.nullable_string(client_id);  // never compact, even in header v2
    if (flexible) out.empty_tagged_fields();
    out.raw(body);
    return out.take();
}

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

/// ApiVersions v3 body as librdkafka writes it: compact strings and tagged fields.
std::string api_versions_v3_body() {
    WireWriter out;
    out.string("librdkafka", true);
    out.string("2.0.2", true);
    out.empty_tagged_fields();
    return out.take();
}

DecodeContext test_context() {
    DecodeContext context;
    context.record_id = [next = RecordId{500}](const TopicPartition&, std::optional<std::string_view>, std::string_view,
                                               std::int64_t) mutable { return next++; };
    context.client_host = "/127.0.0.1";
    return context;
}

EncodeContext test_encode_context() {
    EncodeContext context;
    context.address = [](BrokerId id, std::string_view, std::int32_t) {
        return AdvertisedAddress{"127.0.0.1", 9091 + id.value};
    };
    return context;
}

/// Reads an ApiVersions response's ApiKeys array and checks that the
/// array lists exactly what the server speaks.
void read_api_keys(WireReader& in, bool compact) {
    const auto apis = supported_apis();
    REQUIRE(in.array_length(compact) == static_cast<std::int32_t>(apis.size()));
    for (const ApiVersionRange& api : apis) {
        CAPTURE(static_cast<int>(api.key));
        REQUIRE(in.int16() == static_cast<std::int16_t>(api.key));
        REQUIRE(in.int16() == api.min_version);
        REQUIRE(in.int16() == api.max_version);
        if (compact) in.skip_tagged_fields();
    }
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

TEST_CASE("ApiVersions v3 with header v2 and compact strings parses as ApiVersions") {
    const std::string frame = request_frame(18, 3, 1, std::string("rdkafka"), api_versions_v3_body(), true);
    const ParsedRequest parsed = parse_request(frame, test_context());
    REQUIRE(parsed.is_api_versions());
    REQUIRE(parsed.header.api_version == 3);
    REQUIRE(parsed.header.correlation_id == 1);
    REQUIRE(parsed.header.client_id == std::optional<std::string>("rdkafka"));
    REQUIRE(parsed.expects_response);

    const std::string body = api_versions_v3_body();
    WireReader body_in(body);
    const ApiVersionsRequest request = decode_api_versions_request(body_in, 3);
    REQUIRE(request.client_software_name == "librdkafka");
    REQUIRE(request.client_software_version == "2.0.2");
    REQUIRE(body_in.remaining() == 0);
}

TEST_CASE("ApiVersions v3 skips tagged fields in its header and body") {
    WireWriter frame;
    frame.int16(18);
    frame.int16(3);
    frame.int32(5);
    frame.nullable_string(std::string("rdkafka"));
    frame.unsigned_varint(1);  // one header tagged field
    frame.unsigned_varint(0);
    frame.unsigned_varint(2);
    frame.raw("xy");
    frame.string("librdkafka", true);
    frame.string("2.0.2", true);
    frame.unsigned_varint(1);  // one body tagged field
    frame.unsigned_varint(7);
    frame.unsigned_varint(1);
    frame.raw("z");
    const ParsedRequest parsed = parse_request(frame.buffer(), test_context());
    REQUIRE(parsed.is_api_versions());
    REQUIRE(parsed.header.correlation_id == 5);
}

TEST_CASE("ApiVersions v0 to v2 have empty bodies") {
    for (std::int16_t version = 0; version <= 2; ++version) {
        CAPTURE(version);
        const ParsedRequest parsed = parse_request(request_frame(18, version, 11, std::string("kafkajs"), ""), test_context());
        REQUIRE(parsed.is_api_versions());
        REQUIRE(parsed.header.api_version == version);
    }
}

TEST_CASE("ApiVersions in a version this server does not know parses from the header alone") {
    // A v4 body this server cannot read: Kafka answers from the header.
    const ParsedRequest parsed =
        parse_request(request_frame(18, 4, 21, std::string("future"), "\x01\x02\x03", true), test_context());
    REQUIRE(parsed.is_api_versions());
    REQUIRE(parsed.header.api_version == 4);
    REQUIRE(parsed.header.correlation_id == 21);
}

TEST_CASE("ApiVersions responses list exactly the supported APIs in every version") {
    for (std::int16_t version = 0; version <= 3; ++version) {
        CAPTURE(version);
        RequestHeader header;
        header.api_key = 18;
        header.api_version = version;
        header.correlation_id = 0x0a0b0c0d;
        const std::string frame = api_versions_response_frame(header);
        WireReader in(frame);
        REQUIRE(in.int32() == static_cast<std::int32_t>(frame.size() - 4));
        // Response header v0 even for the flexible v3: the correlation id alone.
        REQUIRE(in.int32() == 0x0a0b0c0d);
        REQUIRE(in.int16() == 0);  // error_code
        read_api_keys(in, version >= 3);
        if (version >= 1) REQUIRE(in.int32() == 0);  // throttle_time_ms
        if (version >= 3) in.skip_tagged_fields();
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("The ApiVersions v3 response header has no tagged fields") {
    RequestHeader header;
    header.api_key = 18;
    header.api_version = 3;
    header.correlation_id = 1;
    const std::string frame = api_versions_response_frame(header);
    // size, correlation id, then error_code 0 straight away (no 0x00 tag byte between).
    REQUIRE(frame.substr(4, 6) == std::string("\x00\x00\x00\x01\x00\x00", 6));
    // Then the compact array length: the count plus one, one byte for 15 APIs.
    REQUIRE(std::size_t{static_cast<unsigned char>(frame[10])} == supported_apis().size() + 1);
}

TEST_CASE("ApiVersions in an unknown version is answered in v0 with UNSUPPORTED_VERSION and the list") {
    for (const std::int16_t version : {std::int16_t{4}, std::int16_t{100}, std::int16_t{-1}}) {
        CAPTURE(version);
        RequestHeader header;
        header.api_key = 18;
        header.api_version = version;
        header.correlation_id = 77;
        const std::string frame = api_versions_response_frame(header);
        WireReader in(frame);
        REQUIRE(in.int32() == static_cast<std::int32_t>(frame.size() - 4));
        REQUIRE(in.int32() == 77);
        REQUIRE(in.int16() == 35);  // UNSUPPORTED_VERSION
        read_api_keys(in, false);    // v0: int32 count, no tagged fields, no throttle time
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("OffsetFetch v7 frames use request header v2 and response header v1") {
    // Header v2 with one unknown tagged field, then the body as librdkafka writes it:
    // compact group id and topics, require_stable, tagged-field sections.
    WireWriter frame;
    frame.int16(9);
    frame.int16(7);
    frame.int32(31);
    frame.nullable_string(std::string("rdkafka"));
    frame.unsigned_varint(1);  // one header tagged field
    frame.unsigned_varint(3);
    frame.unsigned_varint(2);
    frame.raw("xy");
    frame.string("grp", true);
    frame.array_length(1, true);
    frame.string("orders", true);
    frame.array_length(2, true);
    frame.int32(0);
    frame.int32(1);
    frame.empty_tagged_fields();  // topic
    frame.boolean(true);          // require_stable
    frame.empty_tagged_fields();  // body
    const ParsedRequest parsed = parse_request(frame.buffer(), test_context());
    REQUIRE(parsed.header.correlation_id == 31);
    const auto& request = message_as<OffsetFetchRequest>(*parsed.request);
    REQUIRE(request.group_id == "grp");
    REQUIRE(*request.partitions == std::vector<TopicPartition>{{"orders", 0}, {"orders", 1}});
    for (std::size_t size = 0; size < frame.size(); ++size) {
        CAPTURE(size);
        REQUIRE_THROWS_AS(parse_request(std::string_view(frame.buffer()).substr(0, size), test_context()),
                          MalformedFrame);
    }

    OffsetFetchResponse response;
    response.offsets = {{{"orders", 0}, Offset{5}}};
    const std::string out = encode_response(parsed.header, response, test_encode_context());
    WireReader in(out);
    REQUIRE(in.int32() == static_cast<std::int32_t>(out.size() - 4));
    REQUIRE(in.int32() == 31);
    REQUIRE(in.unsigned_varint() == 0);  // response header v1: no tagged fields
    REQUIRE(in.int32() == 0);            // throttle_time_ms
    REQUIRE(in.array_length(true) == 1);
    REQUIRE(in.string(true) == "orders");
    REQUIRE(in.array_length(true) == 1);
    REQUIRE(in.int32() == 0);
    REQUIRE(in.int64() == 5);
    REQUIRE(in.int32() == -1);
    REQUIRE(in.nullable_string(true) == std::optional<std::string>(""));
    REQUIRE(in.int16() == 0);
    REQUIRE(in.unsigned_varint() == 0);  // partition
    REQUIRE(in.unsigned_varint() == 0);  // topic
    REQUIRE(in.int16() == 0);            // error_code
    REQUIRE(in.unsigned_varint() == 0);  // body
    REQUIRE(in.remaining() == 0);
}

TEST_CASE("InitProducerId v4 frames use request header v2 and response header v1") {
    WireWriter body;
    body.nullable_string(std::nullopt, true);  // transactional_id
    body.int32(60'000);
    body.int64(-1);  // producer_id
    body.int16(-1);  // producer_epoch
    body.empty_tagged_fields();
    const std::string frame = request_frame(22, 4, 8, std::string("rdkafka"), body.buffer(), true);
    const ParsedRequest parsed = parse_request(frame, test_context());
    REQUIRE(std::dynamic_pointer_cast<InitProducerIdRequest>(parsed.request));
    // A header v1 (no tagged-field section) leaves the body one byte short.
    REQUIRE_THROWS_AS(parse_request(request_frame(22, 4, 8, std::string("rdkafka"), body.buffer()), test_context()),
                      MalformedFrame);

    InitProducerIdResponse response;
    response.producer_id = ProducerId{1'000};
    response.producer_epoch = ProducerEpoch{0};
    const std::string out = encode_response(parsed.header, response, test_encode_context());
    WireReader in(out);
    REQUIRE(in.int32() == static_cast<std::int32_t>(out.size() - 4));
    REQUIRE(in.int32() == 8);
    REQUIRE(in.unsigned_varint() == 0);  // response header v1
    REQUIRE(in.int32() == 0);
    REQUIRE(in.int16() == 0);
    REQUIRE(in.int64() == 1'000);
    REQUIRE(in.int16() == 0);
    REQUIRE(in.unsigned_varint() == 0);
    REQUIRE(in.remaining() == 0);
}

TEST_CASE("Response frames carry a size prefix and header v0 before the body") {
    MetadataResponse response;
    response.brokers = {{BrokerId{2}, "broker-2", 9092, ""}};
    response.controller_id = BrokerId{2};
    const EncodeContext context = test_encode_context();
    for (std::int16_t version = 0; version <= 8; ++version) {
        CAPTURE(version);
        RequestHeader header;
        header.api_key = 3;
        header.api_version = version;
        header.correlation_id = 4242;
        header.client_id = "rdkafka";
        const std::string frame = encode_response(header, response, context);
        WireWriter body;
        encode_metadata_response(body, response, version, context);

        WireReader in(frame);
        REQUIRE(in.int32() == static_cast<std::int32_t>(frame.size() - 4));
        REQUIRE(in.int32() == 4242);
        REQUIRE(in.remaining() == body.size());
        REQUIRE(frame.substr(8) == body.buffer());
        // The body begins as Metadata does in this version.
        if (version >= 3) REQUIRE(in.int32() == 0);
        REQUIRE(in.array_length() == 1);
        REQUIRE(in.int32() == 2);
        REQUIRE(in.string() == "127.0.0.1");
        REQUIRE(in.int32() == 9093);
    }
}

TEST_CASE("Produce response frames put the body right after the correlation id") {
    ProduceResponse response;
    response.partitions = {{{"orders", 0}, Error::none, Offset{5}, Offset{0}}};
    RequestHeader header;
    header.api_key = 0;
    header.api_version = 7;
    header.correlation_id = 9;
    const std::string frame = encode_response(header, response, test_encode_context());
    WireReader in(frame);
    REQUIRE(in.int32() == static_cast<std::int32_t>(frame.size() - 4));
    REQUIRE(in.int32() == 9);
    REQUIRE(in.array_length() == 1);
    REQUIRE(in.string() == "orders");
    REQUIRE(in.array_length() == 1);
    REQUIRE(in.int32() == 0);
    REQUIRE(in.int16() == 0);
    REQUIRE(in.int64() == 5);
    REQUIRE(in.int64() == -1);
    REQUIRE(in.int64() == 0);
    REQUIRE(in.int32() == 0);
    REQUIRE(in.remaining() == 0);
}
