// Response frames: the size prefix and header v0 before the body, and the flexible
// OffsetFetch v7 and InitProducerId v4, whose request header v2 goes with response
// header v1. Responses are read back field by field as a client reads them.
#include <catch2/catch.hpp>

#include "broker_model/wire/codec.h"
#include "wire/frame_test_support.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::wire;
using namespace kafkalab::kafka::wire::testing;

namespace {

EncodeContext test_encode_context() {
    EncodeContext context;
    context.address = [](BrokerId id, std::string_view, std::int32_t) {
        return AdvertisedAddress{"127.0.0.1", 9091 + id.value};
    };
    return context;
}

}  // namespace

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
