// PartitionLog: offsets, the high watermark, reads, follower appends and truncation.
#include <catch2/catch.hpp>

#include "log_test_support.h"

using namespace kafkalab::kafka;
using testing::LogFixture;
using testing::make_records;

TEST_CASE_METHOD(LogFixture, "leader appends assign consecutive offsets from the log end offset across batches") {
    AppendResult first = log.append_as_leader(make_records(3, 1), LeaderEpoch{0});
    AppendResult second = log.append_as_leader(make_records(5, 4), LeaderEpoch{0});

    REQUIRE(first.ok());
    REQUIRE(second.ok());
    CHECK(first.first_offset == Offset{0});
    CHECK(first.last_offset == Offset{2});
    CHECK(second.first_offset == Offset{3});
    CHECK(second.last_offset == Offset{7});
    CHECK(log.log_end_offset() == Offset{8});
    CHECK(log.record_count() == 8);
    CHECK(testing::all_record_ids(log) == testing::id_range(1, 8));
}

TEST_CASE_METHOD(LogFixture, "a leader append without records is refused with INVALID_REQUEST") {
    AppendResult result = log.append_as_leader(nullptr, LeaderEpoch{0});
    CHECK(result.error == Error::invalid_request);
    CHECK(log.log_end_offset() == Offset{0});
}

TEST_CASE_METHOD(LogFixture, "a leader append of an epoch older than the log's latest is refused with FENCED_LEADER_EPOCH") {
    REQUIRE(log.append_as_leader(make_records(2), LeaderEpoch{4}).ok());
    AppendResult stale = log.append_as_leader(make_records(2, 10), LeaderEpoch{3});
    CHECK(stale.error == Error::fenced_leader_epoch);
    CHECK(log.log_end_offset() == Offset{2});
}

TEST_CASE("a new log starts with log start, high watermark and log end offset equal") {
    PartitionLog at_fifty(Offset{50});
    CHECK(at_fifty.log_start_offset() == Offset{50});
    CHECK(at_fifty.high_watermark() == Offset{50});
    CHECK(at_fifty.log_end_offset() == Offset{50});
    CHECK(at_fifty.append_as_leader(make_records(1), LeaderEpoch{0}).first_offset == Offset{50});
}

TEST_CASE_METHOD(LogFixture, "the high watermark never passes the log end offset nor falls below the log start") {
    log.append_as_leader(make_records(10), LeaderEpoch{0});

    CHECK(log.update_high_watermark(Offset{4}));
    CHECK(log.high_watermark() == Offset{4});
    CHECK_FALSE(log.update_high_watermark(Offset{4}));
    CHECK(log.update_high_watermark(Offset{1000}));
    CHECK(log.high_watermark() == Offset{10});
    CHECK(log.update_high_watermark(Offset{-5}));
    CHECK(log.high_watermark() == Offset{0});
}

TEST_CASE_METHOD(LogFixture, "the leader's high watermark only moves up with maybe_increment_high_watermark") {
    log.append_as_leader(make_records(10), LeaderEpoch{0});
    CHECK(log.maybe_increment_high_watermark(Offset{6}));
    CHECK_FALSE(log.maybe_increment_high_watermark(Offset{3}));
    CHECK(log.high_watermark() == Offset{6});
    CHECK(log.maybe_increment_high_watermark(Offset{99}));
    CHECK(log.high_watermark() == Offset{10});
}

TEST_CASE_METHOD(LogFixture, "a consumer reading up to the high watermark does not see records above it") {
    log.append_as_leader(make_records(4, 1), LeaderEpoch{0});
    log.append_as_leader(make_records(4, 5), LeaderEpoch{0});
    log.update_high_watermark(Offset{6});

    ReadResult consumer = log.read(Offset{0}, 1 << 20, log.high_watermark());
    REQUIRE(consumer.ok());
    CHECK(testing::record_ids(consumer) == testing::id_range(1, 6));
    CHECK(consumer.next_offset() == Offset{6});

    ReadResult at_hw = log.read(Offset{6}, 1 << 20, log.high_watermark());
    CHECK(at_hw.ok());
    CHECK(at_hw.batches.empty());
}

TEST_CASE_METHOD(LogFixture, "a read trims the first batch to start at the fetch offset and the last to end before the bound") {
    auto data = make_records(10, 1);
    log.append_as_leader(data, LeaderEpoch{0});

    ReadResult result = log.read(Offset{3}, 1 << 20, Offset{7});

    REQUIRE(result.batches.size() == 1);
    const StoredBatch& piece = result.batches.front();
    CHECK(piece.base_offset == Offset{3});
    CHECK(piece.last_offset() == Offset{6});
    CHECK(piece.data.get() == data.get());
    CHECK(testing::record_ids(result) == testing::id_range(4, 7));
    CHECK(result.size_bytes == data->window_size_bytes(3, 4));
}

TEST_CASE_METHOD(LogFixture, "a read stops at max_bytes but returns at least one batch even when it is larger (KIP-74)") {
    log.append_as_leader(make_records(100, 1), LeaderEpoch{0});
    log.append_as_leader(make_records(100, 101), LeaderEpoch{0});
    log.append_as_leader(make_records(100, 201), LeaderEpoch{0});
    const std::size_t batch_bytes = log.batches()[0].size_bytes;

    ReadResult tiny = log.read(Offset{0}, 1, log.log_end_offset());
    REQUIRE(tiny.batches.size() == 1);
    CHECK(tiny.size_bytes == batch_bytes);

    ReadResult two = log.read(Offset{0}, 2 * batch_bytes + batch_bytes / 2, log.log_end_offset());
    CHECK(two.batches.size() == 2);
    CHECK(two.next_offset() == Offset{200});
}

TEST_CASE_METHOD(LogFixture, "a read below the log start or beyond the log end offset is OFFSET_OUT_OF_RANGE") {
    log.truncate_fully_and_start_at(Offset{20});
    log.append_as_leader(make_records(5), LeaderEpoch{0});

    CHECK(log.read(Offset{19}, 1 << 20, log.log_end_offset()).error == Error::offset_out_of_range);
    CHECK(log.read(Offset{26}, 1 << 20, log.log_end_offset()).error == Error::offset_out_of_range);
    ReadResult at_end = log.read(Offset{25}, 1 << 20, log.log_end_offset());
    CHECK(at_end.ok());
    CHECK(at_end.batches.empty());
}

TEST_CASE("has_nothing_to_read answers exactly when a read returns no error and no batch") {
    // Brokers park a caught-up fetch on this answer without reading: it must agree with
    // read() for every offset and bound, including a log whose start moved up.
    for (const Offset start : {Offset{0}, Offset{4}}) {
        PartitionLog log(start);
        REQUIRE(log.append_as_leader(make_records(3, 1), LeaderEpoch{0}).ok());
        REQUIRE(log.append_as_leader(make_records(4, 4), LeaderEpoch{0}).ok());
        log.maybe_increment_high_watermark(start + 5);
        for (std::int64_t from = 0; from <= start.value + 9; ++from) {
            for (std::int64_t upper = 0; upper <= start.value + 9; ++upper) {
                CAPTURE(start.value, from, upper);
                const ReadResult read = log.read(Offset{from}, 1'000'000, Offset{upper});
                CHECK(log.has_nothing_to_read(Offset{from}, Offset{upper}) ==
                      (read.error == Error::none && read.batches.empty()));
            }
        }
    }
}

TEST_CASE_METHOD(LogFixture, "a follower appends the leader's batches with the leader's offsets, sharing their records") {
    PartitionLog leader;
    leader.append_as_leader(make_records(4, 1), LeaderEpoch{2});
    leader.append_as_leader(make_records(3, 5), LeaderEpoch{2});

    ReadResult fetched = leader.read(log.log_end_offset(), 1 << 20, leader.log_end_offset());
    for (const StoredBatch& batch : fetched.batches) REQUIRE(log.append_as_follower(batch).ok());

    CHECK(log.log_end_offset() == Offset{7});
    CHECK(log.batches()[1].data.get() == leader.batches()[1].data.get());
    CHECK(log.latest_epoch() == LeaderEpoch{2});
    CHECK(testing::all_record_ids(log) == testing::id_range(1, 7));
}

TEST_CASE_METHOD(LogFixture, "a follower batch that does not start at the log end offset is refused with OFFSET_OUT_OF_RANGE") {
    auto gap = StoredBatch::whole(make_records(2), Offset{5}, LeaderEpoch{0});
    AppendResult result = log.append_as_follower(gap);
    CHECK(result.error == Error::offset_out_of_range);
    CHECK(log.log_end_offset() == Offset{0});

    log.append_as_follower(StoredBatch::whole(make_records(5), Offset{0}, LeaderEpoch{0}));
    auto overlap = StoredBatch::whole(make_records(2), Offset{3}, LeaderEpoch{0});
    CHECK(log.append_as_follower(overlap).error == Error::offset_out_of_range);
    CHECK(log.log_end_offset() == Offset{5});
}

TEST_CASE_METHOD(LogFixture, "truncation inside a batch keeps the prefix and shares the record buffer") {
    auto first = make_records(5, 1);
    auto second = make_records(5, 6);
    log.append_as_leader(first, LeaderEpoch{0});
    log.append_as_leader(second, LeaderEpoch{0});
    log.update_high_watermark(Offset{9});

    CHECK(log.truncate_to(Offset{7}));

    CHECK(log.log_end_offset() == Offset{7});
    CHECK(log.high_watermark() == Offset{7});
    REQUIRE(log.batches().size() == 2);
    CHECK(log.batches()[1].data.get() == second.get());
    CHECK(log.batches()[1].record_count == 2);
    CHECK(testing::all_record_ids(log) == testing::id_range(1, 7));
    // Offsets continue from the new end: the dropped offsets are reused.
    CHECK(log.append_as_leader(make_records(1, 100), LeaderEpoch{1}).first_offset == Offset{7});
}

TEST_CASE_METHOD(LogFixture, "truncation at or above the log end offset changes nothing") {
    log.append_as_leader(make_records(5), LeaderEpoch{0});
    CHECK_FALSE(log.truncate_to(Offset{5}));
    CHECK_FALSE(log.truncate_to(Offset{9}));
    CHECK(log.log_end_offset() == Offset{5});
}

TEST_CASE_METHOD(LogFixture, "truncation at the log end offset forgets an epoch that was started there but never written") {
    // A broker led epoch 3 without appending, then follows again: UnifiedLog.truncateTo
    // trims the epoch cache even when no record goes, so the follower's next fetch names
    // epoch 0 (what it holds) and the leader stops answering with a diverging epoch.
    log.append_as_leader(make_records(5), LeaderEpoch{0});
    log.maybe_assign_epoch_start_offset(LeaderEpoch{3}, Offset{5});
    REQUIRE(log.latest_epoch() == LeaderEpoch{3});

    CHECK_FALSE(log.truncate_to(Offset{5}));
    CHECK(log.latest_epoch() == LeaderEpoch{0});
    CHECK(log.log_end_offset() == Offset{5});
}

TEST_CASE_METHOD(LogFixture, "truncate_fully_and_start_at empties the log and moves every offset to the new start") {
    log.append_as_leader(make_records(5), LeaderEpoch{3});
    log.update_high_watermark(Offset{5});
    log.flush();

    log.truncate_fully_and_start_at(Offset{42});

    CHECK(log.empty());
    CHECK(log.log_start_offset() == Offset{42});
    CHECK(log.log_end_offset() == Offset{42});
    CHECK(log.high_watermark() == Offset{42});
    CHECK(log.size_bytes() == 0);
    CHECK(log.leader_epoch_cache().empty());
    CHECK(log.append_as_leader(make_records(1), LeaderEpoch{4}).first_offset == Offset{42});
}

TEST_CASE_METHOD(LogFixture, "find_batch locates the batch holding an offset") {
    log.append_as_leader(make_records(3, 1), LeaderEpoch{0});
    log.append_as_leader(make_records(3, 4), LeaderEpoch{0});
    REQUIRE(log.find_batch(Offset{4}) != nullptr);
    CHECK(log.find_batch(Offset{4})->base_offset == Offset{3});
    CHECK(log.find_batch(Offset{2})->base_offset == Offset{0});
    CHECK(log.find_batch(Offset{6}) == nullptr);
}
