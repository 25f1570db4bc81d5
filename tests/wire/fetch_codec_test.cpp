// Fetch v4-11 and ListOffsets v1-5 bodies. Requests are written here field by field as
// a client writes them from Kafka's message schemas; responses are read back field by
// field the same way, their record batches by the codec's decoder.
#include <catch2/catch.hpp>

#include "broker_model/wire/api_codecs.h"
#include "broker_model/wire/record_batch.h"
#include "wire/codec_test_support.h"
#include "wire/record_batch_test_support.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::wire;
using namespace kafkalab::kafka::wire::testing;

namespace {

/// Fetch partitions as a client lists them, per topic.
struct ClientFetchPartition {
    std::int32_t partition;
    std::int32_t current_leader_epoch;
    std::int64_t fetch_offset;
    std::int32_t partition_max_bytes;
};

std::string fetch_body(std::int16_t version, std::int32_t replica_id,
                       const std::vector<std::pair<std::string, std::vector<ClientFetchPartition>>>& topics,
                       const std::vector<std::pair<std::string, std::vector<std::int32_t>>>& forgotten = {}) {
    WireWriter out;
    out.int32(replica_id);
    out.int32(500);         // max_wait_ms
    out.int32(1);           // min_bytes
    out.int32(52'428'800);  // max_bytes
    out.int8(1);            // isolation_level: READ_COMMITTED, kafkajs's default
    if (version >= 7) {
        out.int32(0);   // session_id
        out.int32(-1);  // session_epoch
    }
    out.array_length(static_cast<std::int32_t>(topics.size()));
    for (const auto& [topic, partitions] : topics) {
        out.string(topic);
        out.array_length(static_cast<std::int32_t>(partitions.size()));
        for (const ClientFetchPartition& partition : partitions) {
            out.int32(partition.partition);
            if (version >= 9) out.int32(partition.current_leader_epoch);
            out.int64(partition.fetch_offset);
            if (version >= 5) out.int64(-1);  // log_start_offset: a consumer's
            out.int32(partition.partition_max_bytes);
        }
    }
    if (version >= 7) {
        out.array_length(static_cast<std::int32_t>(forgotten.size()));
        for (const auto& [topic, partitions] : forgotten) {
            out.string(topic);
            out.array_length(static_cast<std::int32_t>(partitions.size()));
            for (std::int32_t partition : partitions) out.int32(partition);
        }
    }
    if (version >= 11) out.string("rack-a");  // rack_id
    return out.take();
}

std::string list_offsets_body(std::int16_t version,
                              const std::vector<std::pair<std::string, std::vector<std::pair<std::int32_t, std::int64_t>>>>& topics) {
    WireWriter out;
    out.int32(-1);                  // replica_id: a consumer
    if (version >= 2) out.int8(0);  // isolation_level
    out.array_length(static_cast<std::int32_t>(topics.size()));
    for (const auto& [topic, partitions] : topics) {
        out.string(topic);
        out.array_length(static_cast<std::int32_t>(partitions.size()));
        for (const auto& [partition, timestamp] : partitions) {
            out.int32(partition);
            if (version >= 4) out.int32(-1);  // current_leader_epoch
            out.int64(timestamp);
        }
    }
    return out.take();
}

}  // namespace

TEST_CASE("Fetch requests flatten partitions in order in every version") {
    for (std::int16_t version = 4; version <= 11; ++version) {
        CAPTURE(version);
        const std::string body = fetch_body(version, -1,
                                            {{"orders", {{0, 5, 42, 1'048'576}, {2, 6, 0, 65'536}}},
                                             {"payments", {{1, 7, 1'000'000'000'000, 1}}}},
                                            {{"old-topic", {0, 1}}});
        const auto request = decode_body<FetchRequest>(decode_fetch_request, body, version);
        REQUIRE(request->replica_id == no_broker);
        REQUIRE_FALSE(request->from_follower());
        REQUIRE(request->max_wait_ms == 500);
        REQUIRE(request->min_bytes == 1);
        REQUIRE(request->max_bytes == 52'428'800);
        REQUIRE(request->partitions.size() == 3);
        REQUIRE(request->partitions[0].partition == TopicPartition{"orders", 0});
        REQUIRE(request->partitions[0].fetch_offset == Offset{42});
        REQUIRE(request->partitions[0].partition_max_bytes == 1'048'576);
        REQUIRE(request->partitions[1].partition == TopicPartition{"orders", 2});
        REQUIRE(request->partitions[1].fetch_offset == Offset{0});
        REQUIRE(request->partitions[1].partition_max_bytes == 65'536);
        REQUIRE(request->partitions[2].partition == TopicPartition{"payments", 1});
        REQUIRE(request->partitions[2].fetch_offset == Offset{1'000'000'000'000});
        REQUIRE(request->partitions[2].partition_max_bytes == 1);
        // current_leader_epoch exists from v9; before it the check is skipped (-1).
        REQUIRE(request->partitions[0].current_leader_epoch == (version >= 9 ? LeaderEpoch{5} : no_epoch));
        REQUIRE(request->partitions[2].current_leader_epoch == (version >= 9 ? LeaderEpoch{7} : no_epoch));
    }
}

TEST_CASE("Fetch requests from a follower carry its broker id") {
    const std::string body = fetch_body(11, 3, {{"orders", {{0, 1, 10, 1'048'576}}}});
    const auto request = decode_body<FetchRequest>(decode_fetch_request, body, 11);
    REQUIRE(request->replica_id == BrokerId{3});
    REQUIRE(request->from_follower());
}

TEST_CASE("Fetch requests without topics decode to no partitions") {
    for (std::int16_t version = 4; version <= 11; ++version) {
        CAPTURE(version);
        const auto request = decode_body<FetchRequest>(decode_fetch_request, fetch_body(version, -1, {}), version);
        REQUIRE(request->partitions.empty());
    }
}

TEST_CASE("Every truncation of a Fetch request is refused") {
    for (const std::int16_t version : {std::int16_t{4}, std::int16_t{7}, std::int16_t{11}}) {
        CAPTURE(version);
        const std::string body = fetch_body(version, -1, {{"orders", {{0, 5, 42, 1'048'576}}}}, {{"old", {1}}});
        require_every_prefix_throws(decode_fetch_request, body, version);
    }
}

TEST_CASE("Fetch responses carry records that decode and nest partitions under runs of one topic in every version") {
    const auto first = RecordDataBuilder().add("k1", "v1", t0, 1).add(std::nullopt, "v2", t0 + 1, 2).build();
    const auto second = RecordDataBuilder()
                            .add("a", "x0", t0 + 5, 3)
                            .add("b", "x1", t0 + 6, 4)
                            .add("c", "x2", t0 + 7, 5)
                            .build();
    FetchResponse response;
    FetchPartitionResponse orders0;
    orders0.partition = {"orders", 0};
    orders0.high_watermark = Offset{13};
    orders0.log_start_offset = Offset{3};
    orders0.batches = {StoredBatch::whole(first, Offset{10}, LeaderEpoch{2}),
                       StoredBatch::whole(second, Offset{11}, LeaderEpoch{2}).slice(Offset{12}, Offset{13})};
    FetchPartitionResponse payments0;
    payments0.partition = {"payments", 0};
    payments0.error = Error::offset_out_of_range;
    payments0.high_watermark = Offset{-1};
    payments0.log_start_offset = Offset{-1};
    FetchPartitionResponse orders1;
    orders1.partition = {"orders", 1};
    orders1.high_watermark = Offset{0};
    orders1.log_start_offset = Offset{0};
    response.partitions = {orders0, payments0, orders1};

    for (std::int16_t version = 4; version <= 11; ++version) {
        CAPTURE(version);
        WireWriter out;
        encode_fetch_response(out, response, version);
        WireReader in(out.buffer());
        REQUIRE(in.int32() == 0);  // throttle_time_ms
        if (version >= 7) {
            REQUIRE(in.int16() == 0);  // error_code
            REQUIRE(in.int32() == 0);  // session_id: no fetch session
        }
        REQUIRE(in.array_length() == 3);
        // Each partition's fields up to its records, which are returned as bytes.
        const auto partition = [&](std::int32_t index, std::int16_t error, std::int64_t high_watermark,
                                   std::int64_t log_start_offset) {
            REQUIRE(in.int32() == index);
            REQUIRE(in.int16() == error);
            REQUIRE(in.int64() == high_watermark);
            REQUIRE(in.int64() == high_watermark);  // last_stable_offset: no transactions
            if (version >= 5) REQUIRE(in.int64() == log_start_offset);
            REQUIRE(in.array_length(false, true) == -1);  // aborted_transactions: null
            if (version >= 11) REQUIRE(in.int32() == -1);  // preferred_read_replica
            const auto records = in.nullable_bytes();
            REQUIRE(records.has_value());
            return *records;
        };

        REQUIRE(in.string() == "orders");
        REQUIRE(in.array_length() == 1);
        const std::string_view orders0_records = partition(0, 0, 13, 3);
        REQUIRE(orders0_records[16] == 2);  // the magic byte clients look at first
        const auto batches = decode_record_batches(orders0_records);
        REQUIRE(batches.size() == 2);
        REQUIRE(batches[0].base_offset == 10);
        REQUIRE(batches[0].partition_leader_epoch == 2);
        REQUIRE(batches[0].records.size() == 2);
        REQUIRE(batches[0].records[0].key == std::optional<std::string_view>("k1"));
        REQUIRE(batches[0].records[0].value == "v1");
        REQUIRE_FALSE(batches[0].records[1].key.has_value());
        REQUIRE(batches[0].records[1].timestamp_ms == t0 + 1);
        REQUIRE(batches[1].base_offset == 12);
        REQUIRE(batches[1].records.size() == 1);
        REQUIRE(batches[1].records[0].key == std::optional<std::string_view>("b"));
        REQUIRE(batches[1].records[0].value == "x1");
        REQUIRE(batches[1].records[0].timestamp_ms == t0 + 6);

        REQUIRE(in.string() == "payments");
        REQUIRE(in.array_length() == 1);
        REQUIRE(partition(0, 1, -1, -1).empty());

        REQUIRE(in.string() == "orders");
        REQUIRE(in.array_length() == 1);
        REQUIRE(partition(1, 0, 0, 0).empty());
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("ListOffsets requests flatten partitions and timestamps in every version") {
    for (std::int16_t version = 1; version <= 5; ++version) {
        CAPTURE(version);
        const std::string body = list_offsets_body(
            version, {{"orders", {{0, earliest_timestamp}, {3, latest_timestamp}}}, {"payments", {{1, t0}}}});
        const auto request = decode_body<ListOffsetsRequest>(decode_list_offsets_request, body, version);
        REQUIRE(request->replica_id == no_broker);
        REQUIRE(request->partitions.size() == 3);
        REQUIRE(request->partitions[0].partition == TopicPartition{"orders", 0});
        REQUIRE(request->partitions[0].timestamp == -2);
        REQUIRE(request->partitions[1].partition == TopicPartition{"orders", 3});
        REQUIRE(request->partitions[1].timestamp == -1);
        REQUIRE(request->partitions[2].partition == TopicPartition{"payments", 1});
        REQUIRE(request->partitions[2].timestamp == t0);
        require_every_prefix_throws(decode_list_offsets_request, body, version);
    }
}

TEST_CASE("ListOffsets responses nest partitions under runs of one topic in every version") {
    ListOffsetsResponse response;
    response.partitions = {{{"orders", 0}, Error::none, Offset{0}, LeaderEpoch{4}},
                           {{"payments", 2}, Error::not_leader_or_follower, Offset{-1}, no_epoch},
                           {{"orders", 3}, Error::none, Offset{99}, LeaderEpoch{5}}};
    for (std::int16_t version = 1; version <= 5; ++version) {
        CAPTURE(version);
        WireWriter out;
        encode_list_offsets_response(out, response, version);
        WireReader in(out.buffer());
        if (version >= 2) REQUIRE(in.int32() == 0);  // throttle_time_ms
        REQUIRE(in.array_length() == 3);
        const auto partition = [&](std::int32_t index, std::int16_t error, std::int64_t offset,
                                   std::int32_t leader_epoch) {
            REQUIRE(in.int32() == index);
            REQUIRE(in.int16() == error);
            REQUIRE(in.int64() == -1);  // timestamp
            REQUIRE(in.int64() == offset);
            if (version >= 4) REQUIRE(in.int32() == leader_epoch);
        };
        REQUIRE(in.string() == "orders");
        REQUIRE(in.array_length() == 1);
        partition(0, 0, 0, 4);
        REQUIRE(in.string() == "payments");
        REQUIRE(in.array_length() == 1);
        partition(2, 6, -1, -1);
        REQUIRE(in.string() == "orders");
        REQUIRE(in.array_length() == 1);
        partition(3, 0, 99, 5);
        REQUIRE(in.remaining() == 0);
    }
}
