// WireReader and WireWriter: Kafka's length-prefixed types byte for byte (int16-length
// strings, int32-length bytes and arrays, their compact forms, -1 or 0 for null), tagged
// fields, and truncated frames, with the expected encodings written out in hex.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "broker_model/wire/wire_reader.h"
#include "broker_model/wire/wire_writer.h"
#include "wire/wire_test_hex.h"

using namespace kafkalab::kafka::wire;
using namespace kafkalab::kafka::wire::testing;

TEST_CASE("Strings carry an int16 length and compact strings a varint length plus one") {
    WireWriter out;
    out.string("kafka");
    out.string("");
    out.string("kafka", true);
    out.string("", true);
    out.nullable_string(std::nullopt);
    out.nullable_string(std::nullopt, true);
    out.nullable_string(std::string("ab"));
    out.nullable_string(std::string("ab"), true);
    REQUIRE(hex(out.buffer()) == "00 05 6b 61 66 6b 61 00 00 06 6b 61 66 6b 61 01 ff ff 00 00 02 61 62 03 61 62");

    WireReader in(out.buffer());
    REQUIRE(in.string() == "kafka");
    REQUIRE(in.string() == "");
    REQUIRE(in.string(true) == "kafka");
    REQUIRE(in.nullable_string(true) == std::optional<std::string>(""));  // empty is not null
    REQUIRE(in.nullable_string() == std::nullopt);
    REQUIRE(in.nullable_string(true) == std::nullopt);
    REQUIRE(in.nullable_string() == std::optional<std::string>("ab"));
    REQUIRE(in.nullable_string(true) == std::optional<std::string>("ab"));
    REQUIRE(in.remaining() == 0);
}

TEST_CASE("A compact string of 127 bytes takes a two-byte length") {
    const std::string text(127, 'k');
    WireWriter out;
    out.string(text, true);
    REQUIRE(hex(out.buffer().substr(0, 2)) == "80 01");
    REQUIRE(out.size() == 129);
    WireReader in(out.buffer());
    REQUIRE(in.string(true) == text);
    REQUIRE(in.remaining() == 0);
}

TEST_CASE("A null string where one is required is refused") {
    const std::string classic = from_hex("ff ff");
    WireReader a(classic);
    REQUIRE_THROWS_AS(a.string(), MalformedFrame);
    const std::string compact = from_hex("00");
    WireReader b(compact);
    REQUIRE_THROWS_AS(b.string(true), MalformedFrame);
}

TEST_CASE("A string longer than the bytes left is refused") {
    const std::string classic = from_hex("00 0a 61 62 63");
    WireReader a(classic);
    REQUIRE_THROWS_AS(a.string(), MalformedFrame);
    const std::string compact = from_hex("0b 61 62 63");
    WireReader b(compact);
    REQUIRE_THROWS_AS(b.string(true), MalformedFrame);
    const std::string one_byte_of_length = from_hex("00");
    WireReader c(one_byte_of_length);
    REQUIRE_THROWS_AS(c.nullable_string(), MalformedFrame);
}

TEST_CASE("A compact length beyond INT32_MAX is refused") {
    const std::string bytes = from_hex("ff ff ff ff 0f");
    WireReader a(bytes);
    REQUIRE_THROWS_AS(a.nullable_string(true), MalformedFrame);
    WireReader b(bytes);
    REQUIRE_THROWS_AS(b.nullable_bytes(true), MalformedFrame);
    WireReader c(bytes);
    REQUIRE_THROWS_AS(c.array_length(true, true), MalformedFrame);
}

TEST_CASE("Bytes carry an int32 length and compact bytes a varint length plus one") {
    WireWriter out;
    out.bytes(std::string_view("\x00\x01\x02", 3));
    out.bytes("");
    out.bytes(std::string_view("\x00\x01\x02", 3), true);
    out.nullable_bytes(std::nullopt);
    out.nullable_bytes(std::nullopt, true);
    out.nullable_bytes(std::string_view("z"));
    out.nullable_bytes(std::string_view(""), true);
    REQUIRE(hex(out.buffer()) == "00 00 00 03 00 01 02 00 00 00 00 04 00 01 02 ff ff ff ff 00 00 00 00 01 7a 01");

    WireReader in(out.buffer());
    REQUIRE(in.bytes() == std::string_view("\x00\x01\x02", 3));
    REQUIRE(in.bytes().empty());
    REQUIRE(in.bytes(true) == std::string_view("\x00\x01\x02", 3));
    REQUIRE(in.nullable_bytes() == std::nullopt);
    REQUIRE(in.nullable_bytes(true) == std::nullopt);
    REQUIRE(in.nullable_bytes() == std::optional<std::string_view>("z"));
    const auto empty = in.nullable_bytes(true);
    REQUIRE(empty.has_value());
    REQUIRE(empty->empty());
    REQUIRE(in.remaining() == 0);
}

TEST_CASE("Null bytes where they are required are refused") {
    const std::string classic = from_hex("ff ff ff ff");
    WireReader a(classic);
    REQUIRE_THROWS_AS(a.bytes(), MalformedFrame);
    const std::string compact = from_hex("00");
    WireReader b(compact);
    REQUIRE_THROWS_AS(b.bytes(true), MalformedFrame);
    const std::string too_long = from_hex("00 00 00 05 01 02");
    WireReader c(too_long);
    REQUIRE_THROWS_AS(c.bytes(), MalformedFrame);
}

TEST_CASE("Array lengths are int32 or compact varint plus one with -1 as null") {
    WireWriter out;
    out.array_length(2);
    out.array_length(-1);
    out.array_length(0);
    out.array_length(2, true);
    out.array_length(-1, true);
    out.array_length(0, true);
    REQUIRE(hex(out.buffer()) == "00 00 00 02 ff ff ff ff 00 00 00 00 03 00 01");
}

TEST_CASE("Array lengths read null only where the array is nullable") {
    {
        const std::string bytes = from_hex("ff ff ff ff");
        WireReader nullable(bytes);
        REQUIRE(nullable.array_length(false, true) == -1);
        WireReader required(bytes);
        REQUIRE_THROWS_AS(required.array_length(), MalformedFrame);
    }
    {
        const std::string bytes = from_hex("00");
        WireReader nullable(bytes);
        REQUIRE(nullable.array_length(true, true) == -1);
        WireReader required(bytes);
        REQUIRE_THROWS_AS(required.array_length(true), MalformedFrame);
    }
    {
        // -2 is no length at all, nullable or not.
        const std::string bytes = from_hex("ff ff ff fe");
        WireReader nullable(bytes);
        REQUIRE_THROWS_AS(nullable.array_length(false, true), MalformedFrame);
    }
    {
        const std::string bytes = from_hex("00 00 00 00");
        WireReader empty(bytes);
        REQUIRE(empty.array_length() == 0);
        REQUIRE(empty.remaining() == 0);
    }
    {
        const std::string bytes = from_hex("03 aa bb");
        WireReader compact(bytes);
        REQUIRE(compact.array_length(true) == 2);
        REQUIRE(compact.remaining() == 2);
    }
}

TEST_CASE("An array count larger than the bytes left is refused") {
    // Four one-byte elements fit four bytes; five do not.
    const std::string fits = from_hex("00 00 00 04 01 02 03 04");
    WireReader a(fits);
    REQUIRE(a.array_length() == 4);
    const std::string lies = from_hex("00 00 00 05 01 02 03 04");
    WireReader b(lies);
    REQUIRE_THROWS_AS(b.array_length(), MalformedFrame);
    // A count that would reserve gigabytes in a tiny frame.
    const std::string huge = from_hex("7f ff ff ff 00");
    WireReader c(huge);
    REQUIRE_THROWS_AS(c.array_length(), MalformedFrame);
    const std::string compact_lies = from_hex("06 01 02 03 04");
    WireReader d(compact_lies);
    REQUIRE_THROWS_AS(d.array_length(true), MalformedFrame);
}

TEST_CASE("Tagged field sections are skipped whole") {
    {
        const std::string bytes = from_hex("00 2a");
        WireReader in(bytes);
        in.skip_tagged_fields();
        REQUIRE(in.int8() == 0x2a);
    }
    {
        // Two fields: tag 0 with 3 bytes, tag 300 with 1 byte; then the next field.
        const std::string bytes = from_hex("02 00 03 61 62 63 ac 02 01 ff 2a");
        WireReader in(bytes);
        in.skip_tagged_fields();
        REQUIRE(in.int8() == 0x2a);
        REQUIRE(in.remaining() == 0);
    }
    {
        // A field whose size runs past the frame.
        const std::string bytes = from_hex("01 00 05 61 62");
        WireReader in(bytes);
        REQUIRE_THROWS_AS(in.skip_tagged_fields(), MalformedFrame);
    }
    {
        // More fields counted than present.
        const std::string bytes = from_hex("02 00 01 61");
        WireReader in(bytes);
        REQUIRE_THROWS_AS(in.skip_tagged_fields(), MalformedFrame);
    }
    {
        WireWriter out;
        out.empty_tagged_fields();
        REQUIRE(hex(out.buffer()) == "00");
    }
}

TEST_CASE("expect_end refuses bytes left over and accepts none") {
    const std::string bytes = from_hex("00 01 02");
    WireReader in(bytes);
    in.int16();
    REQUIRE_THROWS_AS(in.expect_end("test body"), MalformedFrame);
    REQUIRE_THROWS_WITH(in.expect_end("test body"), Catch::Contains("test body"));
    in.int8();
    REQUIRE_NOTHROW(in.expect_end("test body"));
}

TEST_CASE("Every fixed-width read of a truncated frame is refused") {
    const std::string three = from_hex("01 02 03");
    const std::string seven = from_hex("01 02 03 04 05 06 07");
    WireReader empty("");
    REQUIRE_THROWS_AS(empty.int8(), MalformedFrame);
    REQUIRE_THROWS_AS(empty.boolean(), MalformedFrame);
    WireReader one(std::string_view(three).substr(0, 1));
    REQUIRE_THROWS_AS(one.int16(), MalformedFrame);
    WireReader a(three);
    REQUIRE_THROWS_AS(a.int32(), MalformedFrame);
    REQUIRE_THROWS_AS(a.uint32(), MalformedFrame);
    WireReader b(seven);
    REQUIRE_THROWS_AS(b.int64(), MalformedFrame);
    REQUIRE_THROWS_WITH(b.int64(), Catch::Contains("truncated"));
    WireReader c(three);
    REQUIRE_THROWS_AS(c.raw(4), MalformedFrame);
    REQUIRE(c.raw(3) == three);
}

TEST_CASE("A refused read names where it failed") {
    const std::string bytes = from_hex("00 00 00 01 00");
    WireReader in(bytes);
    in.int32();
    REQUIRE_THROWS_WITH(in.int32(), Catch::Contains("at byte 4"));
}

TEST_CASE("Raw bytes are views and put_int32_at patches an earlier field") {
    WireWriter out;
    out.int32(0);
    out.raw("abc");
    out.put_int32_at(0, 0x01020304);
    REQUIRE(hex(out.buffer()) == "01 02 03 04 61 62 63");
    out.put_int32_at(3, -1);
    REQUIRE(hex(out.buffer()) == "01 02 03 ff ff ff ff");
    REQUIRE(out.size() == 7);
    const std::string taken = out.take();
    REQUIRE(taken.size() == 7);

    WireReader in(taken);
    const std::string_view first = in.raw(3);
    REQUIRE(first.data() == taken.data());  // a view, not a copy
    REQUIRE(in.position() == 3);
    REQUIRE(in.remaining() == 4);
}
