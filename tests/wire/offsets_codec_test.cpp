// OffsetCommit v2-7 and OffsetFetch v1-5 bodies. Requests are written here field by
// field as a client writes them from Kafka's message schemas; responses are read back
// field by field the same way.
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

std::string offset_fetch_body(const std::optional<ClientTopics>& topics) {
    WireWriter out;
    out.string("payments-app");
    if (!topics) {
        out.array_length(-1);
        return out.take();
    }
    out.array_length(static_cast<std::int32_t>(topics->size()));
    for (const auto& [topic, partitions] : *topics) {
        out.string(topic);
        out.array_length(static_cast<std::int32_t>(partitions.size()));
        for (std::int32_t partition : partitions) out.int32(partition);
    }
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
    for (std::int16_t version = 1; version <= 5; ++version) {
        CAPTURE(version);
        const std::string body = offset_fetch_body(ClientTopics{{"orders", {0, 1}}, {"payments", {4}}});
        const auto request = decode_body<OffsetFetchRequest>(decode_offset_fetch_request, body, version);
        REQUIRE(request->group_id == "payments-app");
        REQUIRE(request->partitions);
        REQUIRE(*request->partitions == std::vector<TopicPartition>{{"orders", 0}, {"orders", 1}, {"payments", 4}});
    }
}

TEST_CASE("OffsetFetch requests with a null topic list ask for every partition from v2") {
    for (std::int16_t version = 2; version <= 5; ++version) {
        CAPTURE(version);
        const std::string body = offset_fetch_body(std::nullopt);
        const auto request = decode_body<OffsetFetchRequest>(decode_offset_fetch_request, body, version);
        REQUIRE_FALSE(request->partitions);
    }
    // v1 has no null topic list.
    const std::string null_topics = offset_fetch_body(std::nullopt);
    WireReader in(null_topics);
    REQUIRE_THROWS_AS(decode_offset_fetch_request(in, 1), MalformedFrame);
}

TEST_CASE("OffsetFetch requests with an empty topic list ask for no partition") {
    const std::string body = offset_fetch_body(ClientTopics{});
    const auto request = decode_body<OffsetFetchRequest>(decode_offset_fetch_request, body, 5);
    REQUIRE(request->partitions);
    REQUIRE(request->partitions->empty());
}

TEST_CASE("OffsetFetch responses nest committed offsets under topics in every version") {
    OffsetFetchResponse response;
    response.offsets = {{{"orders", 0}, Offset{42}}, {{"orders", 1}, Offset{-1}}, {{"payments", 4}, Offset{7}}};
    for (std::int16_t version = 1; version <= 5; ++version) {
        CAPTURE(version);
        WireWriter out;
        encode_offset_fetch_response(out, response, version);
        WireReader in(out.buffer());
        if (version >= 3) REQUIRE(in.int32() == 0);  // throttle_time_ms
        REQUIRE(in.array_length() == 2);
        const auto partition = [&](std::int32_t index, std::int64_t offset) {
            REQUIRE(in.int32() == index);
            REQUIRE(in.int64() == offset);
            if (version >= 5) REQUIRE(in.int32() == -1);  // committed_leader_epoch
            REQUIRE(in.nullable_string() == std::optional<std::string>(""));  // metadata
            REQUIRE(in.int16() == 0);
        };
        REQUIRE(in.string() == "orders");
        REQUIRE(in.array_length() == 2);
        partition(0, 42);
        partition(1, -1);
        REQUIRE(in.string() == "payments");
        REQUIRE(in.array_length() == 1);
        partition(4, 7);
        if (version >= 2) REQUIRE(in.int16() == 0);  // error_code
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("OffsetFetch response errors are top-level from v2 and per partition in v1") {
    OffsetFetchResponse response;
    response.error = Error::coordinator_load_in_progress;
    response.offsets = {{{"orders", 0}, Offset{-1}}};
    for (std::int16_t version = 1; version <= 5; ++version) {
        CAPTURE(version);
        WireWriter out;
        encode_offset_fetch_response(out, response, version);
        WireReader in(out.buffer());
        if (version >= 3) REQUIRE(in.int32() == 0);
        REQUIRE(in.array_length() == 1);
        REQUIRE(in.string() == "orders");
        REQUIRE(in.array_length() == 1);
        REQUIRE(in.int32() == 0);
        REQUIRE(in.int64() == -1);
        if (version >= 5) REQUIRE(in.int32() == -1);
        REQUIRE(in.nullable_string() == std::optional<std::string>(""));
        REQUIRE(in.int16() == (version >= 2 ? 0 : 14));
        if (version >= 2) REQUIRE(in.int16() == 14);
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("truncated offset request bodies are malformed") {
    for (std::int16_t version : {std::int16_t{2}, std::int16_t{6}, std::int16_t{7}}) {
        CAPTURE(version);
        const std::string body = offset_commit_body(version, {{"orders", {{0, 42, std::string("m")}}}});
        require_every_prefix_throws(decode_offset_commit_request, body, version);
    }
    require_every_prefix_throws(decode_offset_fetch_request, offset_fetch_body(ClientTopics{{"orders", {0}}}), 5);
}
