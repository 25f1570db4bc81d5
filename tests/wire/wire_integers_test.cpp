// WireReader and WireWriter: Kafka's integers byte for byte. The expected encodings are
// the protocol's (big-endian fixed-width integers, zig-zag varints and varlongs as in
// DefaultRecord, unsigned varints for compact lengths and tags), written out in hex.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "broker_model/wire/wire_reader.h"
#include "broker_model/wire/wire_writer.h"
#include "wire/wire_test_hex.h"

using namespace kafkalab::kafka::wire;
using namespace kafkalab::kafka::wire::testing;

namespace {

std::string varint_bytes(std::int32_t value) {
    WireWriter out;
    out.varint(value);
    return hex(out.buffer());
}

std::string varlong_bytes(std::int64_t value) {
    WireWriter out;
    out.varlong(value);
    return hex(out.buffer());
}

std::string unsigned_varint_bytes(std::uint32_t value) {
    WireWriter out;
    out.unsigned_varint(value);
    return hex(out.buffer());
}

std::int32_t read_varint(std::string_view text) {
    const std::string bytes = from_hex(text);
    WireReader in(bytes);
    const std::int32_t value = in.varint();
    REQUIRE(in.remaining() == 0);
    return value;
}

std::int64_t read_varlong(std::string_view text) {
    const std::string bytes = from_hex(text);
    WireReader in(bytes);
    const std::int64_t value = in.varlong();
    REQUIRE(in.remaining() == 0);
    return value;
}

}  // namespace

TEST_CASE("Fixed-width integers are written big-endian") {
    WireWriter out;
    out.int8(-2);
    out.int16(0x0102);
    out.int16(-2);
    out.int32(0x01020304);
    out.int32(-2);
    out.int64(0x0102030405060708);
    out.int64(-2);
    out.uint32(0xE3069283U);
    out.boolean(true);
    out.boolean(false);
    REQUIRE(hex(out.buffer()) ==
            "fe 01 02 ff fe 01 02 03 04 ff ff ff fe 01 02 03 04 05 06 07 08 ff ff ff ff ff ff ff fe e3 06 92 83 01 00");
}

TEST_CASE("Fixed-width integers are read big-endian") {
    const std::string bytes =
        from_hex("fe 01 02 ff fe 01 02 03 04 ff ff ff fe 01 02 03 04 05 06 07 08 ff ff ff ff ff ff ff fe e3 06 92 83 "
                 "01 00 02");
    WireReader in(bytes);
    REQUIRE(in.int8() == -2);
    REQUIRE(in.int16() == 0x0102);
    REQUIRE(in.int16() == -2);
    REQUIRE(in.int32() == 0x01020304);
    REQUIRE(in.int32() == -2);
    REQUIRE(in.int64() == 0x0102030405060708);
    REQUIRE(in.int64() == -2);
    REQUIRE(in.uint32() == 0xE3069283U);
    REQUIRE(in.boolean());
    REQUIRE_FALSE(in.boolean());
    REQUIRE(in.boolean());  // any non-zero byte is true
    REQUIRE(in.remaining() == 0);
    REQUIRE(in.position() == bytes.size());
}

TEST_CASE("Fixed-width integer extremes round-trip") {
    WireWriter out;
    out.int16(std::numeric_limits<std::int16_t>::min());
    out.int16(std::numeric_limits<std::int16_t>::max());
    out.int32(std::numeric_limits<std::int32_t>::min());
    out.int32(std::numeric_limits<std::int32_t>::max());
    out.int64(std::numeric_limits<std::int64_t>::min());
    out.int64(std::numeric_limits<std::int64_t>::max());
    REQUIRE(hex(out.buffer()).substr(0, 35) == "80 00 7f ff 80 00 00 00 7f ff ff ff");
    WireReader in(out.buffer());
    REQUIRE(in.int16() == std::numeric_limits<std::int16_t>::min());
    REQUIRE(in.int16() == std::numeric_limits<std::int16_t>::max());
    REQUIRE(in.int32() == std::numeric_limits<std::int32_t>::min());
    REQUIRE(in.int32() == std::numeric_limits<std::int32_t>::max());
    REQUIRE(in.int64() == std::numeric_limits<std::int64_t>::min());
    REQUIRE(in.int64() == std::numeric_limits<std::int64_t>::max());
    REQUIRE(in.remaining() == 0);
}

TEST_CASE("Zig-zag varints have Kafka's known encodings") {
    REQUIRE(varint_bytes(0) == "00");
    REQUIRE(varint_bytes(-1) == "01");
    REQUIRE(varint_bytes(1) == "02");
    REQUIRE(varint_bytes(-2) == "03");
    REQUIRE(varint_bytes(63) == "7e");
    REQUIRE(varint_bytes(-64) == "7f");
    REQUIRE(varint_bytes(64) == "80 01");
    REQUIRE(varint_bytes(-65) == "81 01");
    REQUIRE(varint_bytes(150) == "ac 02");
    REQUIRE(varint_bytes(std::numeric_limits<std::int32_t>::max()) == "fe ff ff ff 0f");
    REQUIRE(varint_bytes(std::numeric_limits<std::int32_t>::min()) == "ff ff ff ff 0f");

    REQUIRE(read_varint("00") == 0);
    REQUIRE(read_varint("01") == -1);
    REQUIRE(read_varint("02") == 1);
    REQUIRE(read_varint("7e") == 63);
    REQUIRE(read_varint("7f") == -64);
    REQUIRE(read_varint("80 01") == 64);
    REQUIRE(read_varint("81 01") == -65);
    REQUIRE(read_varint("fe ff ff ff 0f") == std::numeric_limits<std::int32_t>::max());
    REQUIRE(read_varint("ff ff ff ff 0f") == std::numeric_limits<std::int32_t>::min());
}

TEST_CASE("Zig-zag varlongs have Kafka's known encodings") {
    REQUIRE(varlong_bytes(0) == "00");
    REQUIRE(varlong_bytes(-1) == "01");
    REQUIRE(varlong_bytes(1) == "02");
    REQUIRE(varlong_bytes(63) == "7e");
    REQUIRE(varlong_bytes(-64) == "7f");
    REQUIRE(varlong_bytes(64) == "80 01");
    REQUIRE(varlong_bytes(std::int64_t{1} << 32) == "80 80 80 80 20");
    REQUIRE(varlong_bytes(std::numeric_limits<std::int64_t>::max()) == "fe ff ff ff ff ff ff ff ff 01");
    REQUIRE(varlong_bytes(std::numeric_limits<std::int64_t>::min()) == "ff ff ff ff ff ff ff ff ff 01");

    REQUIRE(read_varlong("00") == 0);
    REQUIRE(read_varlong("01") == -1);
    REQUIRE(read_varlong("7f") == -64);
    REQUIRE(read_varlong("80 01") == 64);
    REQUIRE(read_varlong("80 80 80 80 20") == std::int64_t{1} << 32);
    REQUIRE(read_varlong("fe ff ff ff ff ff ff ff ff 01") == std::numeric_limits<std::int64_t>::max());
    REQUIRE(read_varlong("ff ff ff ff ff ff ff ff ff 01") == std::numeric_limits<std::int64_t>::min());
}

TEST_CASE("Varints and varlongs round-trip across their range") {
    const std::int64_t values[] = {0,
                                   1,
                                   -1,
                                   127,
                                   128,
                                   -129,
                                   300,
                                   1'700'000'000'000,
                                   -1'700'000'000'000,
                                   std::numeric_limits<std::int32_t>::min(),
                                   std::numeric_limits<std::int32_t>::max(),
                                   std::numeric_limits<std::int64_t>::min(),
                                   std::numeric_limits<std::int64_t>::max()};
    for (const std::int64_t value : values) {
        CAPTURE(value);
        WireWriter out;
        out.varlong(value);
        const bool fits_int32 =
            value >= std::numeric_limits<std::int32_t>::min() && value <= std::numeric_limits<std::int32_t>::max();
        if (fits_int32) out.varint(static_cast<std::int32_t>(value));
        WireReader in(out.buffer());
        REQUIRE(in.varlong() == value);
        if (fits_int32) {
            // Both forms are the same bytes for a value that fits 32 bits.
            REQUIRE(in.varint() == value);
            REQUIRE(out.size() % 2 == 0);
            REQUIRE(out.buffer().substr(0, out.size() / 2) == out.buffer().substr(out.size() / 2));
        }
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("Unsigned varints are plain base-128 without zig-zag") {
    REQUIRE(unsigned_varint_bytes(0) == "00");
    REQUIRE(unsigned_varint_bytes(1) == "01");
    REQUIRE(unsigned_varint_bytes(127) == "7f");
    REQUIRE(unsigned_varint_bytes(128) == "80 01");
    REQUIRE(unsigned_varint_bytes(300) == "ac 02");
    REQUIRE(unsigned_varint_bytes(16'384) == "80 80 01");
    REQUIRE(unsigned_varint_bytes(0xffffffffU) == "ff ff ff ff 0f");

    for (const std::uint32_t value : {0U, 1U, 127U, 128U, 300U, 16'383U, 16'384U, 0x0fffffffU, 0xffffffffU}) {
        CAPTURE(value);
        WireWriter out;
        out.unsigned_varint(value);
        REQUIRE(unsigned_varint_size(value) == out.size());
        WireReader in(out.buffer());
        REQUIRE(in.unsigned_varint() == value);
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("A varint longer than 5 bytes is refused") {
    const std::string six = from_hex("ff ff ff ff ff 01");
    {
        WireReader in(six);
        REQUIRE_THROWS_AS(in.unsigned_varint(), MalformedFrame);
    }
    {
        WireReader in(six);
        REQUIRE_THROWS_AS(in.varint(), MalformedFrame);
    }
    {
        // A compact length is an unsigned varint too.
        const std::string frame = six + std::string(64, 'x');
        WireReader in(frame);
        REQUIRE_THROWS_AS(in.string(true), MalformedFrame);
    }
    // Five bytes are still a varint.
    const std::string five = from_hex("80 80 80 80 01");
    WireReader in(five);
    REQUIRE(in.unsigned_varint() == 0x10000000U);
}

TEST_CASE("A varlong longer than 10 bytes is refused") {
    const std::string eleven = from_hex("ff ff ff ff ff ff ff ff ff ff 01");
    WireReader in(eleven);
    REQUIRE_THROWS_AS(in.varlong(), MalformedFrame);
}

TEST_CASE("A varint cut short is refused") {
    for (const char* text : {"", "80", "ff ff", "80 80 80 80"}) {
        CAPTURE(text);
        const std::string bytes = from_hex(text);
        WireReader a(bytes);
        REQUIRE_THROWS_AS(a.unsigned_varint(), MalformedFrame);
        WireReader b(bytes);
        REQUIRE_THROWS_AS(b.varint(), MalformedFrame);
        WireReader c(bytes);
        REQUIRE_THROWS_AS(c.varlong(), MalformedFrame);
    }
}
