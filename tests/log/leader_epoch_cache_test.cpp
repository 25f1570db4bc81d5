// The leader epoch cache (KIP-101, KIP-279), checked against the rules of Kafka's
// LeaderEpochFileCache.endOffsetFor, assign and truncateFromEnd/Start.
#include <catch2/catch.hpp>

#include "broker_model/log/leader_epoch_cache.h"
#include "log_test_support.h"

using namespace kafkalab::kafka;
using testing::make_records;

namespace {

/// Epochs 1, 3 and 6 starting at offsets 0, 10 and 25.
LeaderEpochCache three_epochs() {
    LeaderEpochCache cache;
    cache.assign(LeaderEpoch{1}, Offset{0});
    cache.assign(LeaderEpoch{3}, Offset{10});
    cache.assign(LeaderEpoch{6}, Offset{25});
    return cache;
}

constexpr Offset log_end_offset{40};

}  // namespace

TEST_CASE("endOffsetFor on an empty epoch cache answers undefined epoch -1 and undefined offset -1") {
    LeaderEpochCache cache;
    CHECK(cache.end_offset_for(LeaderEpoch{0}, Offset{7}) == EpochEndOffset{LeaderEpoch{-1}, Offset{-1}});
    CHECK_FALSE(cache.latest_epoch().has_value());
}

TEST_CASE("endOffsetFor of UNDEFINED_EPOCH answers undefined epoch and undefined offset") {
    CHECK(three_epochs().end_offset_for(no_epoch, log_end_offset) == EpochEndOffset{LeaderEpoch{-1}, Offset{-1}});
}

TEST_CASE("endOffsetFor of the latest epoch answers the log end offset") {
    CHECK(three_epochs().end_offset_for(LeaderEpoch{6}, log_end_offset) == EpochEndOffset{LeaderEpoch{6}, Offset{40}});
}

TEST_CASE("endOffsetFor of a known earlier epoch answers the start offset of the next epoch") {
    LeaderEpochCache cache = three_epochs();
    CHECK(cache.end_offset_for(LeaderEpoch{1}, log_end_offset) == EpochEndOffset{LeaderEpoch{1}, Offset{10}});
    CHECK(cache.end_offset_for(LeaderEpoch{3}, log_end_offset) == EpochEndOffset{LeaderEpoch{3}, Offset{25}});
}

TEST_CASE("KIP-279: endOffsetFor of an unknown epoch between known ones answers the largest smaller epoch and the next start") {
    LeaderEpochCache cache = three_epochs();
    CHECK(cache.end_offset_for(LeaderEpoch{2}, log_end_offset) == EpochEndOffset{LeaderEpoch{1}, Offset{10}});
    CHECK(cache.end_offset_for(LeaderEpoch{5}, log_end_offset) == EpochEndOffset{LeaderEpoch{3}, Offset{25}});
}

TEST_CASE("endOffsetFor of an epoch below the first cached one answers that epoch and the first entry's start offset") {
    LeaderEpochCache cache;
    cache.assign(LeaderEpoch{4}, Offset{100});
    cache.assign(LeaderEpoch{7}, Offset{150});
    CHECK(cache.end_offset_for(LeaderEpoch{2}, Offset{200}) == EpochEndOffset{LeaderEpoch{2}, Offset{100}});
}

TEST_CASE("endOffsetFor of an epoch above every cached one answers undefined epoch and undefined offset") {
    CHECK(three_epochs().end_offset_for(LeaderEpoch{9}, log_end_offset) == EpochEndOffset{LeaderEpoch{-1}, Offset{-1}});
}

TEST_CASE("assign ignores the current epoch at a later offset and keeps entries increasing") {
    LeaderEpochCache cache = three_epochs();
    cache.assign(LeaderEpoch{6}, Offset{30});
    CHECK(cache.entries().back() == EpochEntry{LeaderEpoch{6}, Offset{25}});

    // A lower epoch, or an earlier start, contradicts the tail: Kafka drops the
    // conflicting entries before adding the new one.
    cache.assign(LeaderEpoch{4}, Offset{20});
    CHECK(cache.entries() == std::vector<EpochEntry>{{LeaderEpoch{1}, Offset{0}}, {LeaderEpoch{3}, Offset{10}},
                                                     {LeaderEpoch{4}, Offset{20}}});
    cache.assign(LeaderEpoch{5}, Offset{5});
    CHECK(cache.entries() == std::vector<EpochEntry>{{LeaderEpoch{1}, Offset{0}}, {LeaderEpoch{5}, Offset{5}}});
}

TEST_CASE("truncateFromEnd removes every epoch starting at or after the truncation offset") {
    LeaderEpochCache cache = three_epochs();
    cache.truncate_from_end(Offset{25});
    CHECK(cache.latest_epoch() == LeaderEpoch{3});
    cache.truncate_from_end(Offset{11});
    CHECK(cache.latest_epoch() == LeaderEpoch{3});
    cache.truncate_from_end(Offset{10});
    CHECK(cache.entries() == std::vector<EpochEntry>{{LeaderEpoch{1}, Offset{0}}});
}

TEST_CASE("truncateFromStart keeps the epoch covering the new log start and moves its start there") {
    LeaderEpochCache cache = three_epochs();
    cache.truncate_from_start(Offset{12});
    CHECK(cache.entries() == std::vector<EpochEntry>{{LeaderEpoch{3}, Offset{12}}, {LeaderEpoch{6}, Offset{25}}});
}

TEST_CASE("a log records each new leader epoch at the offset of its first batch") {
    PartitionLog log;
    log.append_as_leader(make_records(3), LeaderEpoch{0});
    log.append_as_leader(make_records(2), LeaderEpoch{0});
    log.append_as_leader(make_records(4), LeaderEpoch{2});
    CHECK(log.leader_epoch_cache().entries() == std::vector<EpochEntry>{{LeaderEpoch{0}, Offset{0}}, {LeaderEpoch{2}, Offset{5}}});
    CHECK(log.end_offset_for_epoch(LeaderEpoch{1}) == EpochEndOffset{LeaderEpoch{0}, Offset{5}});
    CHECK(log.end_offset_for_epoch(LeaderEpoch{2}) == EpochEndOffset{LeaderEpoch{2}, Offset{9}});
}

TEST_CASE("a new leader's epoch starts at its log end offset before it appends anything (Partition.makeLeader)") {
    PartitionLog log;
    log.append_as_leader(make_records(6), LeaderEpoch{0});
    log.maybe_assign_epoch_start_offset(LeaderEpoch{1}, log.log_end_offset());
    CHECK(log.latest_epoch() == LeaderEpoch{1});
    CHECK(log.end_offset_for_epoch(LeaderEpoch{0}) == EpochEndOffset{LeaderEpoch{0}, Offset{6}});
}

TEST_CASE("truncating a log truncates its epoch cache with it") {
    PartitionLog log;
    log.append_as_leader(make_records(5), LeaderEpoch{0});
    log.append_as_leader(make_records(5), LeaderEpoch{1});
    log.append_as_leader(make_records(5), LeaderEpoch{2});

    log.truncate_to(Offset{7});

    CHECK(log.latest_epoch() == LeaderEpoch{1});
    CHECK(log.end_offset_for_epoch(LeaderEpoch{1}) == EpochEndOffset{LeaderEpoch{1}, Offset{7}});
    CHECK(log_invariant_violations(log).empty());
}

TEST_CASE("KIP-101: a follower truncates its divergent tail to the leader's end offset for its latest epoch") {
    // Both replicas wrote offsets 0-4 in epoch 0. The old leader then wrote 5-7 in
    // epoch 0 that never replicated; the new leader wrote 5-8 in epoch 1.
    PartitionLog old_leader;
    PartitionLog new_leader;
    auto shared = make_records(5, 1);
    old_leader.append_as_leader(shared, LeaderEpoch{0});
    new_leader.append_as_follower(old_leader.batches()[0]);
    old_leader.append_as_leader(make_records(3, 100), LeaderEpoch{0});
    new_leader.maybe_assign_epoch_start_offset(LeaderEpoch{1}, new_leader.log_end_offset());
    new_leader.append_as_leader(make_records(4, 6), LeaderEpoch{1});

    // The old leader becomes a follower and asks OffsetsForLeaderEpoch(0).
    const EpochEndOffset answer = new_leader.end_offset_for_epoch(*old_leader.latest_epoch());
    REQUIRE(answer == EpochEndOffset{LeaderEpoch{0}, Offset{5}});
    old_leader.truncate_to(std::min(answer.end_offset, old_leader.log_end_offset()));
    for (const StoredBatch& batch : new_leader.read(old_leader.log_end_offset(), 1 << 20, new_leader.log_end_offset()).batches) {
        REQUIRE(old_leader.append_as_follower(batch).ok());
    }

    CHECK(testing::all_record_ids(old_leader) == testing::all_record_ids(new_leader));
    CHECK(old_leader.leader_epoch_cache().entries() == new_leader.leader_epoch_cache().entries());
}
