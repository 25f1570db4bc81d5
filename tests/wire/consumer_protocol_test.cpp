// The consumer protocol's Subscription and Assignment bytes, written here field by
// field as librdkafka, kafkajs and the Java consumer write them
// (ConsumerProtocolSubscription.json, ConsumerProtocolAssignment.json).
#include <catch2/catch.hpp>

#include "broker_model/wire/consumer_protocol.h"
#include "broker_model/wire/wire_reader.h"
#include "broker_model/wire/wire_writer.h"

using namespace kafkalab::kafka;
using namespace kafkalab::kafka::wire;

namespace {

void write_topics(WireWriter& out, const std::vector<std::string>& topics) {
    out.array_length(static_cast<std::int32_t>(topics.size()));
    for (const auto& topic : topics) out.string(topic);
}

/// librdkafka's owned partitions, and the assignment list: [topic, [partition]].
void write_partitions(WireWriter& out, const std::vector<std::pair<std::string, std::vector<std::int32_t>>>& topics) {
    out.array_length(static_cast<std::int32_t>(topics.size()));
    for (const auto& [topic, partitions] : topics) {
        out.string(topic);
        out.array_length(static_cast<std::int32_t>(partitions.size()));
        for (std::int32_t partition : partitions) out.int32(partition);
    }
}

}  // namespace

TEST_CASE("a kafkajs version 0 subscription decodes to its topics") {
    WireWriter out;
    out.int16(0);
    write_topics(out, {"orders", "payments"});
    out.bytes("");  // user_data: kafkajs sends empty bytes
    const auto protocol = decode_subscription(out.buffer());
    REQUIRE(protocol);
    REQUIRE(protocol->name.empty());
    REQUIRE(protocol->topics == std::vector<std::string>{"orders", "payments"});
    REQUIRE(protocol->owned_partitions.empty());
    REQUIRE(protocol->generation == -1);
}

TEST_CASE("a librdkafka version 1 subscription decodes its owned partitions in order") {
    WireWriter out;
    out.int16(1);
    write_topics(out, {"orders", "payments"});
    out.bytes("");
    write_partitions(out, {{"orders", {2, 0}}, {"payments", {1}}});
    const auto protocol = decode_subscription(out.buffer());
    REQUIRE(protocol);
    REQUIRE(protocol->topics == std::vector<std::string>{"orders", "payments"});
    REQUIRE(protocol->owned_partitions ==
            std::vector<TopicPartition>{{"orders", 2}, {"orders", 0}, {"payments", 1}});
    REQUIRE(protocol->generation == -1);
}

TEST_CASE("a version 2 subscription carries the generation and version 3 a rack") {
    for (std::int16_t version = 2; version <= 3; ++version) {
        CAPTURE(version);
        WireWriter out;
        out.int16(version);
        write_topics(out, {"orders"});
        out.nullable_bytes(std::nullopt);  // user_data: the Java consumer's default
        write_partitions(out, {{"orders", {0}}});
        out.int32(7);  // generation_id
        if (version >= 3) out.nullable_string(std::string("rack-a"));
        const auto protocol = decode_subscription(out.buffer());
        REQUIRE(protocol);
        REQUIRE(protocol->topics == std::vector<std::string>{"orders"});
        REQUIRE(protocol->owned_partitions == std::vector<TopicPartition>{{"orders", 0}});
        REQUIRE(protocol->generation == 7);
    }
}

TEST_CASE("a subscription of a later version parses as the latest known and ignores what follows") {
    WireWriter out;
    out.int16(9);
    write_topics(out, {"orders"});
    out.bytes("state");
    write_partitions(out, {});
    out.int32(3);
    out.nullable_string(std::nullopt);
    out.int64(12345);  // a field from the future
    const auto protocol = decode_subscription(out.buffer());
    REQUIRE(protocol);
    REQUIRE(protocol->topics == std::vector<std::string>{"orders"});
    REQUIRE(protocol->generation == 3);
}

TEST_CASE("subscription bytes that do not parse decode to nothing") {
    WireWriter truncated;
    truncated.int16(1);
    write_topics(truncated, {"orders"});
    truncated.bytes("");  // owned partitions missing
    REQUIRE_FALSE(decode_subscription(truncated.buffer()));
    REQUIRE_FALSE(decode_subscription(""));
    WireWriter negative;
    negative.int16(-1);
    write_topics(negative, {});
    negative.bytes("");
    REQUIRE_FALSE(decode_subscription(negative.buffer()));
}

TEST_CASE("encode_subscription writes version 1 without a generation") {
    GroupProtocol protocol{"range", {"orders", "payments"}, {{"orders", 1}, {"orders", 0}, {"payments", 3}}, -1};
    const std::string bytes = encode_subscription(protocol);
    WireReader in(bytes);
    REQUIRE(in.int16() == 1);
    REQUIRE(in.array_length() == 2);
    REQUIRE(in.string() == "orders");
    REQUIRE(in.string() == "payments");
    REQUIRE(in.nullable_bytes() == std::optional<std::string_view>(""));
    REQUIRE(in.array_length() == 2);
    REQUIRE(in.string() == "orders");
    REQUIRE(in.array_length() == 2);
    REQUIRE(in.int32() == 1);
    REQUIRE(in.int32() == 0);
    REQUIRE(in.string() == "payments");
    REQUIRE(in.array_length() == 1);
    REQUIRE(in.int32() == 3);
    REQUIRE(in.remaining() == 0);
}

TEST_CASE("encode_subscription writes version 2 when the generation is known and decodes back") {
    GroupProtocol protocol{"cooperative-sticky", {"orders"}, {{"orders", 0}}, 4};
    const std::string bytes = encode_subscription(protocol);
    WireReader in(bytes);
    REQUIRE(in.int16() == 2);
    const auto decoded = decode_subscription(bytes);
    REQUIRE(decoded);
    REQUIRE(decoded->topics == protocol.topics);
    REQUIRE(decoded->owned_partitions == protocol.owned_partitions);
    REQUIRE(decoded->generation == 4);
}

TEST_CASE("a librdkafka version 0 assignment decodes to its partitions in order") {
    WireWriter out;
    out.int16(0);
    write_partitions(out, {{"orders", {1, 3}}, {"payments", {0}}});
    out.bytes("");
    const auto partitions = decode_assignment(out.buffer());
    REQUIRE(partitions);
    REQUIRE(*partitions == std::vector<TopicPartition>{{"orders", 1}, {"orders", 3}, {"payments", 0}});
}

TEST_CASE("an assignment of a later version with user data decodes its partitions") {
    WireWriter out;
    out.int16(3);
    write_partitions(out, {{"orders", {0}}});
    out.nullable_bytes(std::string_view("sticky state"));
    const auto partitions = decode_assignment(out.buffer());
    REQUIRE(partitions);
    REQUIRE(*partitions == std::vector<TopicPartition>{{"orders", 0}});
}

TEST_CASE("empty assignment bytes are an empty assignment and garbage is none") {
    const auto empty = decode_assignment("");
    REQUIRE(empty);
    REQUIRE(empty->empty());
    REQUIRE_FALSE(decode_assignment(std::string_view("\x00\x00\x00\x05", 4)));
}

TEST_CASE("encode_assignment writes version 0 with one entry per run of a topic") {
    const std::string bytes = encode_assignment({{"orders", 0}, {"orders", 2}, {"payments", 1}, {"orders", 5}});
    WireReader in(bytes);
    REQUIRE(in.int16() == 0);
    REQUIRE(in.array_length() == 3);
    REQUIRE(in.string() == "orders");
    REQUIRE(in.array_length() == 2);
    REQUIRE(in.int32() == 0);
    REQUIRE(in.int32() == 2);
    REQUIRE(in.string() == "payments");
    REQUIRE(in.array_length() == 1);
    REQUIRE(in.int32() == 1);
    REQUIRE(in.string() == "orders");
    REQUIRE(in.array_length() == 1);
    REQUIRE(in.int32() == 5);
    REQUIRE(in.nullable_bytes() == std::optional<std::string_view>(""));
    REQUIRE(in.remaining() == 0);
    REQUIRE(*decode_assignment(bytes) == std::vector<TopicPartition>{{"orders", 0}, {"orders", 2}, {"payments", 1},
                                                                     {"orders", 5}});
}
