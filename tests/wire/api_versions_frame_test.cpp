// ApiVersions frames: requests in v0-3 (header v2 and compact strings in v3, unknown
// versions parsed from the header alone) and responses listing the supported APIs, as
// librdkafka and kafkajs write and read them (ApiVersionsRequest.json).
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "broker_model/wire/api_versions_codec.h"
#include "broker_model/wire/codec.h"
#include "broker_model/wire/supported_apis.h"
#include "wire/frame_test_support.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::wire;
using namespace kafkalab::kafka::wire::testing;

namespace {

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

TEST_CASE("ApiVersions in an unknown version is answered in v0 with UNSUPPORTED_VERSION and its own range") {
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
        // v0: int32 count, no tagged fields, no throttle time; only ApiVersions (KIP-511).
        REQUIRE(in.array_length() == 1);
        REQUIRE(in.int16() == 18);
        REQUIRE(in.int16() == 0);
        REQUIRE(in.int16() == 3);
        REQUIRE(in.remaining() == 0);
    }
}
