// OffsetCommit v2-7 and OffsetFetch v1-7 bodies. Requests are written here field by
// field as a client writes them from Kafka's message schemas; responses are read back
// field by field the same way. OffsetFetch v6 and v7 are flexible: compact strings and
// arrays, and a tagged-field section after the body and after each topic and partition.
#include <catch2/catch.hpp>

#include "broker_model/wire/api_codecs.h"
#include "wire/codec_test_support.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::wire;
using namespace kafkalab::kafka::wire::testing;

namespace {

struct ClientCommit {
    std::int32_t partition;
    std::int64_t offset;
    std::optional<std::string> metadata;
};

std::string offset_commit_body(std::int16_t version,
                               const std::vector<std::pair<std::string, std::vector<ClientCommit>>>& topics) {
    WireWriter out;
    out.string("payments-app");
    out.int32(5);  // generation_id
    out.string("member-a");
    if (version >= 7) out.nullable_string(std::nullopt);  // group_instance_id
    if (version <= 4) out.int64(-1);                      // retention_time_ms
    out.array_length(static_cast<std::int32_t>(topics.size()));
    for (const auto& [topic, commits] : topics) {
        out.string(topic);
        out.array_length(static_cast<std::int32_t>(commits.size()));
        for (const ClientCommit& commit : commits) {
            out.int32(commit.partition);
            out.int64(commit.offset);
            if (version >= 6) out.int32(9);  // committed_leader_epoch
            out.nullable_string(commit.metadata);
        }
    }
    return out.take();
}

/// A client's topic list: topics and their partition indexes.
using ClientTopics = std::vector<std::pair<std::string, std::vector<std::int32_t>>>;

/// A tagged-field section as a client writes it: empty, or one unknown tag (the server
/// must skip it) when `unknown_tag`.
void tagged_fields(WireWriter& out, bool unknown_tag) {
    if (!unknown_tag) {
        out.empty_tagged_fields();
        return;
    }
    out.unsigned_varint(1);   // one field
    out.unsigned_varint(40);  // tag no server knows
    out.unsigned_varint(2);   // its size
    out.raw("\x01\x02");
}

/// OffsetFetchRequest.json: group_id, topics (nullable from v2) of name and partition
/// indexes, require_stable from v7; compact with tagged fields from v6, where
/// `unknown_tags` puts an unknown tag in every tagged-field section.
std::string offset_fetch_body(std::int16_t version, const std::optional<ClientTopics>& topics,
                              bool unknown_tags = false) {
    const bool flexible = version >= 6;
    WireWriter out;
    out.string("payments-app", flexible);
    if (!topics) {
        out.array_length(-1, flexible);
    } else {
        out.array_length(static_cast<std::int32_t>(topics->size()), flexible);
        for (const auto& [topic, partitions] : *topics) {
            out.string(topic, flexible);
            out.array_length(static_cast<std::int32_t>(partitions.size()), flexible);
            for (std::int32_t partition : partitions) out.int32(partition);
            if (flexible) tagged_fields(out, unknown_tags);
        }
    }
    if (version >= 7) out.boolean(true);  // require_stable
    if (flexible) tagged_fields(out, unknown_tags);
    return out.take();
}

}  // namespace

TEST_CASE("OffsetCommit requests flatten committed offsets in order in every version") {
    for (std::int16_t version = 2; version <= 7; ++version) {
        CAPTURE(version);
        const std::string body = offset_commit_body(
            version, {{"orders", {{0, 42, std::string("host-1")}, {2, 7, std::nullopt}}}, {"payments", {{1, 0, ""}}}});
        const auto request = decode_body<OffsetCommitRequest>(decode_offset_commit_request, body, version);
        REQUIRE(request->group_id == "payments-app");
        REQUIRE(request->generation_id == Generation{5});
        REQUIRE(request->member_id == "member-a");
        REQUIRE(request->offsets.size() == 3);
        REQUIRE(request->offsets[0].partition == TopicPartition{"orders", 0});
        REQUIRE(request->offsets[0].offset == Offset{42});
        REQUIRE(request->offsets[0].metadata == "host-1");
        REQUIRE(request->offsets[1].partition == TopicPartition{"orders", 2});
        REQUIRE(request->offsets[1].offset == Offset{7});
        REQUIRE(request->offsets[1].metadata.empty());  // null metadata is Kafka's ""
        REQUIRE(request->offsets[2].partition == TopicPartition{"payments", 1});
        REQUIRE(request->offsets[2].offset == Offset{0});
    }
}

TEST_CASE("OffsetCommit requests from a consumer without a group carry generation -1") {
    WireWriter out;
    out.string("standalone");
    out.int32(-1);
    out.string("");
    out.nullable_string(std::nullopt);
    out.array_length(0);
    const auto request = decode_body<OffsetCommitRequest>(decode_offset_commit_request, out.buffer(), 7);
    REQUIRE(request->generation_id == Generation{-1});
    REQUIRE(request->member_id.empty());
    REQUIRE(request->offsets.empty());
}

TEST_CASE("OffsetCommit responses nest results under runs of one topic in every version") {
    OffsetCommitResponse response;
    response.results = {{{"orders", 0}, Error::none},
                        {{"orders", 2}, Error::offset_metadata_too_large},
                        {{"payments", 1}, Error::none},
                        {{"orders", 3}, Error::illegal_generation}};
    for (std::int16_t version = 2; version <= 7; ++version) {
        CAPTURE(version);
        WireWriter out;
        encode_offset_commit_response(out, response, version);
        WireReader in(out.buffer());
        if (version >= 3) REQUIRE(in.int32() == 0);  // throttle_time_ms
        REQUIRE(in.array_length() == 3);
        REQUIRE(in.string() == "orders");
        REQUIRE(in.array_length() == 2);
        REQUIRE(in.int32() == 0);
        REQUIRE(in.int16() == 0);
        REQUIRE(in.int32() == 2);
        REQUIRE(in.int16() == 12);
        REQUIRE(in.string() == "payments");
        REQUIRE(in.array_length() == 1);
        REQUIRE(in.int32() == 1);
        REQUIRE(in.int16() == 0);
        REQUIRE(in.string() == "orders");
        REQUIRE(in.array_length() == 1);
        REQUIRE(in.int32() == 3);
        REQUIRE(in.int16() == 22);
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("OffsetFetch requests flatten the partitions asked for in every version") {
    for (std::int16_t version = 1; version <= 7; ++version) {
        CAPTURE(version);
        const std::string body = offset_fetch_body(version, ClientTopics{{"orders", {0, 1}}, {"payments", {4}}});
        const auto request = decode_body<OffsetFetchRequest>(decode_offset_fetch_request, body, version);
        REQUIRE(request->group_id == "payments-app");
        REQUIRE(request->partitions);
        REQUIRE(*request->partitions == std::vector<TopicPartition>{{"orders", 0}, {"orders", 1}, {"payments", 4}});
    }
}

TEST_CASE("OffsetFetch requests with a null topic list ask for every partition from v2") {
    for (std::int16_t version = 2; version <= 7; ++version) {
        CAPTURE(version);
        const std::string body = offset_fetch_body(version, std::nullopt);
        const auto request = decode_body<OffsetFetchRequest>(decode_offset_fetch_request, body, version);
        REQUIRE_FALSE(request->partitions);
    }
    // v1 has no null topic list.
    const std::string null_topics = offset_fetch_body(1, std::nullopt);
    WireReader in(null_topics);
    REQUIRE_THROWS_AS(decode_offset_fetch_request(in, 1), MalformedFrame);
}

TEST_CASE("OffsetFetch requests with an empty topic list ask for no partition") {
    for (const std::int16_t version : {std::int16_t{5}, std::int16_t{7}}) {
        CAPTURE(version);
        const std::string body = offset_fetch_body(version, ClientTopics{});
        const auto request = decode_body<OffsetFetchRequest>(decode_offset_fetch_request, body, version);
        REQUIRE(request->partitions);
        REQUIRE(request->partitions->empty());
    }
}

TEST_CASE("OffsetFetch requests skip unknown tagged fields from v6") {
    for (const std::int16_t version : {std::int16_t{6}, std::int16_t{7}}) {
        CAPTURE(version);
        const std::string body = offset_fetch_body(version, ClientTopics{{"orders", {0, 1}}, {"payments", {4}}}, true);
        const auto request = decode_body<OffsetFetchRequest>(decode_offset_fetch_request, body, version);
        REQUIRE(request->group_id == "payments-app");
        REQUIRE(*request->partitions == std::vector<TopicPartition>{{"orders", 0}, {"orders", 1}, {"payments", 4}});

        const std::string null_topics = offset_fetch_body(version, std::nullopt, true);
        REQUIRE_FALSE(decode_body<OffsetFetchRequest>(decode_offset_fetch_request, null_topics, version)->partitions);
    }
}

TEST_CASE("OffsetFetch v6 requests are compact: one-byte lengths of size plus one") {
    const std::string body = offset_fetch_body(6, ClientTopics{{"orders", {3}}});
    // group id, topics, "orders", partition indexes, partition 3, topic tags, body tags
    const std::string expected = std::string("\x0d" "payments-app" "\x02" "\x07" "orders" "\x02", 22) +
                                 std::string("\x00\x00\x00\x03" "\x00" "\x00", 6);
    REQUIRE(body == expected);
    const auto request = decode_body<OffsetFetchRequest>(decode_offset_fetch_request, body, 6);
    REQUIRE(*request->partitions == std::vector<TopicPartition>{{"orders", 3}});
}

TEST_CASE("OffsetFetch responses nest committed offsets under topics in every version") {
    OffsetFetchResponse response;
    response.offsets = {{{"orders", 0}, Offset{42}}, {{"orders", 1}, Offset{-1}}, {{"payments", 4}, Offset{7}}};
    for (std::int16_t version = 1; version <= 7; ++version) {
        CAPTURE(version);
        const bool flexible = version >= 6;
        WireWriter out;
        encode_offset_fetch_response(out, response, version);
        WireReader in(out.buffer());
        if (version >= 3) REQUIRE(in.int32() == 0);  // throttle_time_ms
        REQUIRE(in.array_length(flexible) == 2);
        const auto partition = [&](std::int32_t index, std::int64_t offset) {
            REQUIRE(in.int32() == index);
            REQUIRE(in.int64() == offset);
            if (version >= 5) REQUIRE(in.int32() == -1);  // committed_leader_epoch
            REQUIRE(in.nullable_string(flexible) == std::optional<std::string>(""));  // metadata
            REQUIRE(in.int16() == 0);
            if (flexible) REQUIRE(in.unsigned_varint() == 0);  // no tagged fields
        };
        REQUIRE(in.string(flexible) == "orders");
        REQUIRE(in.array_length(flexible) == 2);
        partition(0, 42);
        partition(1, -1);
        if (flexible) REQUIRE(in.unsigned_varint() == 0);
        REQUIRE(in.string(flexible) == "payments");
        REQUIRE(in.array_length(flexible) == 1);
        partition(4, 7);
        if (flexible) REQUIRE(in.unsigned_varint() == 0);
        if (version >= 2) REQUIRE(in.int16() == 0);  // error_code
        if (flexible) REQUIRE(in.unsigned_varint() == 0);
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("OffsetFetch v6 responses are compact: one-byte lengths of size plus one") {
    OffsetFetchResponse response;
    response.offsets = {{{"orders", 3}, Offset{-1}}};
    WireWriter out;
    encode_offset_fetch_response(out, response, 6);
    // throttle time, topics, "orders", partitions, partition 3, offset -1, leader epoch
    // -1, metadata "", error 0, partition tags, topic tags, error 0, body tags
    const std::string expected =
        std::string("\x00\x00\x00\x00" "\x02" "\x07" "orders" "\x02" "\x00\x00\x00\x03", 17) +
        std::string(12, '\xff') + std::string("\x01" "\x00\x00" "\x00" "\x00" "\x00\x00" "\x00", 8);
    REQUIRE(out.buffer() == expected);
}

TEST_CASE("OffsetFetch response errors are top-level from v2 and per partition in v1") {
    OffsetFetchResponse response;
    response.error = Error::coordinator_load_in_progress;
    response.offsets = {{{"orders", 0}, Offset{-1}}};
    for (std::int16_t version = 1; version <= 7; ++version) {
        CAPTURE(version);
        const bool flexible = version >= 6;
        WireWriter out;
        encode_offset_fetch_response(out, response, version);
        WireReader in(out.buffer());
        if (version >= 3) REQUIRE(in.int32() == 0);
        REQUIRE(in.array_length(flexible) == 1);
        REQUIRE(in.string(flexible) == "orders");
        REQUIRE(in.array_length(flexible) == 1);
        REQUIRE(in.int32() == 0);
        REQUIRE(in.int64() == -1);
        if (version >= 5) REQUIRE(in.int32() == -1);
        REQUIRE(in.nullable_string(flexible) == std::optional<std::string>(""));
        REQUIRE(in.int16() == (version >= 2 ? 0 : 14));
        if (flexible) REQUIRE(in.unsigned_varint() == 0);  // partition tags
        if (flexible) REQUIRE(in.unsigned_varint() == 0);  // topic tags
        if (version >= 2) REQUIRE(in.int16() == 14);
        if (flexible) REQUIRE(in.unsigned_varint() == 0);  // body tags
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("truncated offset request bodies are malformed") {
    for (std::int16_t version : {std::int16_t{2}, std::int16_t{6}, std::int16_t{7}}) {
        CAPTURE(version);
        const std::string body = offset_commit_body(version, {{"orders", {{0, 42, std::string("m")}}}});
        require_every_prefix_throws(decode_offset_commit_request, body, version);
    }
    for (std::int16_t version = 1; version <= 7; ++version) {
        CAPTURE(version);
        const ClientTopics topics{{"orders", {0}}};
        require_every_prefix_throws(decode_offset_fetch_request, offset_fetch_body(version, topics), version);
        if (version >= 6) {
            require_every_prefix_throws(decode_offset_fetch_request, offset_fetch_body(version, topics, true), version);
            require_every_prefix_throws(decode_offset_fetch_request, offset_fetch_body(version, std::nullopt, true),
                                        version);
        }
    }
}
