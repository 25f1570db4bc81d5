// RecordAccumulator on its own: the queue of batches per partition that the producer's
// Sender drains (Kafka's RecordAccumulator).
#include <catch2/catch.hpp>

#include "broker_model/client/record_accumulator.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace std::chrono_literals;

namespace {

const sim::NodeIndex leader_node{0};

std::optional<sim::NodeIndex> everything_on_one_leader(const TopicPartition&) { return leader_node; }

RecordAppendResult append_one(RecordAccumulator& accumulator, const TopicPartition& tp, RecordId id, sim::Time now) {
    return accumulator.append(tp, std::nullopt, "value", 0, id, {}, now, false);
}

}  // namespace

TEST_CASE("records appended after a partition's queue emptied go to a new batch of that partition") {
    AccumulatorConfig config;
    config.delivery_timeout = 10s;
    RecordAccumulator accumulator(config);
    const TopicPartition p0{"t", 0}, p1{"t", 1};
    const sim::Time start = sim::time_zero;

    // A burst to one partition shares one batch.
    CHECK(append_one(accumulator, p0, 1, start).new_batch_created);
    CHECK_FALSE(append_one(accumulator, p0, 2, start).new_batch_created);
    CHECK(accumulator.record_count() == 2);

    // Drained: the queue empties and is erased; the next record starts a new batch.
    auto drained = accumulator.drain(leader_node, everything_on_one_leader, {}, {}, start);
    REQUIRE(drained.size() == 1);
    CHECK(drained[0]->record_ids() == std::vector<RecordId>{1, 2});
    CHECK(append_one(accumulator, p0, 3, start).new_batch_created);
    CHECK(accumulator.batch_count() == 1);

    // Expired: the same.
    CHECK(accumulator.expire(start + 10s).size() == 1);
    CHECK(accumulator.empty());
    CHECK(append_one(accumulator, p0, 4, start + 10s).new_batch_created);

    // Another partition in between, then back.
    CHECK(append_one(accumulator, p1, 5, start + 10s).new_batch_created);
    CHECK_FALSE(append_one(accumulator, p0, 6, start + 10s).new_batch_created);

    // Taken all: both queues go; new records start new batches.
    auto all = accumulator.take_all();
    REQUIRE(all.size() == 2);
    CHECK(all[0]->record_ids() == std::vector<RecordId>{4, 6});
    CHECK(all[1]->record_ids() == std::vector<RecordId>{5});
    CHECK(append_one(accumulator, p0, 7, start + 10s).new_batch_created);
    CHECK(accumulator.batch_count() == 1);
    CHECK(accumulator.record_count() == 1);
}

TEST_CASE("an append told to abort on a new batch leaves no empty queue behind") {
    RecordAccumulator accumulator(AccumulatorConfig{});
    const TopicPartition p0{"t", 0};
    // KIP-480: the sticky partitioner asks first; nothing is queued for p0 yet.
    auto result = accumulator.append(p0, std::nullopt, "value", 0, 1, {}, sim::time_zero, true);
    CHECK(result.abort_for_new_batch);
    CHECK_FALSE(result.appended);
    CHECK(accumulator.empty());
    CHECK(append_one(accumulator, p0, 2, sim::time_zero).new_batch_created);
    CHECK(accumulator.record_count() == 1);
}
