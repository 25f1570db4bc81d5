// The idempotent producer's state on the leader (KIP-98): duplicates, gaps, fencing,
// and the state rebuilt from the log after truncation.
#include <catch2/catch.hpp>

#include "log_test_support.h"

using namespace kafkalab::kafka;
using testing::LogFixture;
using testing::make_records;

namespace {

constexpr ProducerId producer_7{7};

ProducerBatchInfo from_producer_7(std::int16_t epoch, std::int32_t base_sequence) {
    return ProducerBatchInfo{producer_7, ProducerEpoch{epoch}, base_sequence};
}

}  // namespace

TEST_CASE_METHOD(LogFixture, "a retried idempotent batch returns its original offsets and appends nothing") {
    auto batch = make_records(3, 1);
    AppendResult first = log.append_as_leader(batch, LeaderEpoch{0}, from_producer_7(0, 0));
    log.append_as_leader(make_records(2, 4), LeaderEpoch{0}, from_producer_7(0, 3));

    AppendResult retry = log.append_as_leader(batch, LeaderEpoch{0}, from_producer_7(0, 0));

    REQUIRE(retry.ok());
    CHECK(retry.duplicate);
    CHECK(retry.first_offset == first.first_offset);
    CHECK(retry.last_offset == Offset{2});
    CHECK(log.log_end_offset() == Offset{5});
    CHECK(testing::all_record_ids(log) == testing::id_range(1, 5));
}

TEST_CASE_METHOD(LogFixture, "only the last 5 batches of a producer are recognised as duplicates") {
    for (std::int32_t i = 0; i < 6; ++i) {
        REQUIRE(log.append_as_leader(make_records(1, 1 + i), LeaderEpoch{0}, from_producer_7(0, i)).ok());
    }
    const ProducerStateEntry* entry = log.producer_state().find(producer_7);
    REQUIRE(entry != nullptr);
    CHECK(entry->batch_count() == ProducerStateEntry::batches_to_retain);
    CHECK(entry->batch(0).first_sequence == 1);

    AppendResult recent = log.append_as_leader(make_records(1, 2), LeaderEpoch{0}, from_producer_7(0, 1));
    CHECK(recent.duplicate);
    CHECK(recent.first_offset == Offset{1});
    // Sequence 0 fell out of the window: it is neither a known retry nor next in line.
    AppendResult forgotten = log.append_as_leader(make_records(1, 1), LeaderEpoch{0}, from_producer_7(0, 0));
    CHECK(forgotten.error == Error::out_of_order_sequence_number);
}

TEST_CASE_METHOD(LogFixture, "a sequence gap is refused with OUT_OF_ORDER_SEQUENCE_NUMBER") {
    log.append_as_leader(make_records(3), LeaderEpoch{0}, from_producer_7(0, 0));
    AppendResult gap = log.append_as_leader(make_records(2), LeaderEpoch{0}, from_producer_7(0, 5));
    CHECK(gap.error == Error::out_of_order_sequence_number);
    CHECK(log.log_end_offset() == Offset{3});
    CHECK(log.append_as_leader(make_records(2), LeaderEpoch{0}, from_producer_7(0, 3)).ok());
}

TEST_CASE_METHOD(LogFixture, "the first batch of an unknown producer must start at sequence 0") {
    CHECK(log.append_as_leader(make_records(1), LeaderEpoch{0}, from_producer_7(0, 4)).error ==
          Error::out_of_order_sequence_number);
    CHECK(log.append_as_leader(make_records(1), LeaderEpoch{0}, from_producer_7(0, 0)).ok());
}

TEST_CASE_METHOD(LogFixture, "a batch from an older producer epoch is refused with INVALID_PRODUCER_EPOCH") {
    log.append_as_leader(make_records(2), LeaderEpoch{0}, from_producer_7(3, 0));
    AppendResult zombie = log.append_as_leader(make_records(1), LeaderEpoch{0}, from_producer_7(2, 2));
    CHECK(zombie.error == Error::invalid_producer_epoch);
    CHECK(log.log_end_offset() == Offset{2});
}

TEST_CASE_METHOD(LogFixture, "a newer producer epoch must restart its sequence at 0") {
    log.append_as_leader(make_records(2), LeaderEpoch{0}, from_producer_7(0, 0));
    CHECK(log.append_as_leader(make_records(1), LeaderEpoch{0}, from_producer_7(1, 2)).error ==
          Error::out_of_order_sequence_number);
    CHECK(log.append_as_leader(make_records(1), LeaderEpoch{0}, from_producer_7(1, 0)).ok());
    CHECK(log.producer_state().find(producer_7)->producer_epoch() == ProducerEpoch{1});
}

TEST_CASE_METHOD(LogFixture, "sequence numbers continue across the INT32_MAX wrap") {
    constexpr std::int32_t max = std::numeric_limits<std::int32_t>::max();
    log.append_as_leader(make_records(1), LeaderEpoch{0}, from_producer_7(0, 0));
    // Reaching the wrap takes 2^31 records; a follower append plants the state there.
    log.append_as_follower(StoredBatch::whole(make_records(2), Offset{1}, LeaderEpoch{0}, from_producer_7(1, max - 1)));
    CHECK(log.append_as_leader(make_records(1), LeaderEpoch{0}, from_producer_7(1, 0)).ok());
}

TEST_CASE_METHOD(LogFixture, "batches without a producer id are never deduplicated") {
    auto batch = make_records(2);
    log.append_as_leader(batch, LeaderEpoch{0});
    AppendResult again = log.append_as_leader(batch, LeaderEpoch{0});
    CHECK(again.ok());
    CHECK_FALSE(again.duplicate);
    CHECK(log.log_end_offset() == Offset{4});
    CHECK(log.producer_state().producer_count() == 0);
}

TEST_CASE_METHOD(LogFixture, "producer state is rebuilt from the log after truncation so a retry of a lost batch is appended again") {
    log.append_as_leader(make_records(2, 1), LeaderEpoch{0}, from_producer_7(0, 0));
    auto lost = make_records(2, 3);
    log.append_as_leader(lost, LeaderEpoch{0}, from_producer_7(0, 2));

    log.truncate_to(Offset{2});

    CHECK(log.producer_state().find(producer_7)->last_sequence() == 1);
    AppendResult retry = log.append_as_leader(lost, LeaderEpoch{1}, from_producer_7(0, 2));
    REQUIRE(retry.ok());
    CHECK_FALSE(retry.duplicate);
    CHECK(retry.first_offset == Offset{2});
}

TEST_CASE_METHOD(LogFixture, "a producer whose every batch was truncated away is forgotten") {
    log.append_as_leader(make_records(2), LeaderEpoch{0});
    log.append_as_leader(make_records(2), LeaderEpoch{0}, from_producer_7(0, 0));
    log.truncate_to(Offset{2});
    CHECK(log.producer_state().find(producer_7) == nullptr);
}

TEST_CASE_METHOD(LogFixture, "a follower records producer state from replicated batches so it can deduplicate once leader") {
    PartitionLog leader;
    auto batch = make_records(3);
    leader.append_as_leader(batch, LeaderEpoch{0}, from_producer_7(0, 0));
    log.append_as_follower(leader.batches()[0]);

    AppendResult retry_at_new_leader = log.append_as_leader(batch, LeaderEpoch{1}, from_producer_7(0, 0));
    CHECK(retry_at_new_leader.duplicate);
    CHECK(retry_at_new_leader.first_offset == Offset{0});
    CHECK(log.log_end_offset() == Offset{3});
}
