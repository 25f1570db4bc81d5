// The checker on hand-built inputs: the ledger against the final committed logs
// (lost-write, duplicate, inconsistent-offsets, nonmonotonic-send), each anomaly and
// its absence.
#include <catch2/catch.hpp>

#include "checker/input_builder.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

const TopicPartition t0{"t", 0};
const TopicPartition t1{"t", 1};

}  // namespace

TEST_CASE("a run where every acknowledged record is in its log once and in send order is clean") {
    InputBuilder b;
    const RecordId a = b.acknowledged("p", t0, "a", 0);
    const RecordId c = b.acknowledged("p", t0, "c", 1);
    const RecordId d = b.acknowledged("p", t1, "d", 0);
    b.write(t0, {a, c});
    b.write(t1, d);
    const CheckReport report = check(b.input);
    for (AnomalyKind kind : all_anomaly_kinds) CHECK(report.count(kind) == 0);
    CHECK(report.clean());
    CHECK_FALSE(report.lost_acknowledged_data());
    CHECK(report.counts.sent == 3);
    CHECK(report.counts.acknowledged == 3);
    CHECK(report.counts.present_in_logs == 3);
}

TEST_CASE("an acknowledged record missing from its partition's committed log is a lost write") {
    InputBuilder b;
    const RecordId kept = b.acknowledged("p", t0, "kept", 0);
    const RecordId gone = b.acknowledged("p", t0, "gone", 1);
    b.write(t0, kept);
    const CheckReport report = check(b.input);
    REQUIRE(report.lost_writes.size() == 1);
    const LostWrite& lost = report.lost_writes[0];
    CHECK(lost.record_id == gone);
    CHECK(lost.value == "gone");
    CHECK(lost.producer == "p");
    CHECK(lost.partition == t0);
    CHECK(lost.acknowledged_offset == Offset{1});
    CHECK_FALSE(lost.offset_now_holds);  // the log simply ends before offset 1
    CHECK_FALSE(lost.seen());
    CHECK(report.lost_acknowledged_data());
    CHECK_FALSE(report.clean());
}

TEST_CASE("a lost write says which consumers had read the record before it vanished") {
    InputBuilder b;
    const RecordId gone = b.acknowledged("p", t0, "gone", 0);
    b.poll("early-reader", "g", {{t0, 0, gone}});
    b.input.log(t0);  // the partition exists, but its final log is empty
    const CheckReport report = check(b.input);
    REQUIRE(report.lost_writes.size() == 1);
    CHECK(report.lost_writes[0].seen_by == std::vector<std::string>{"early-reader"});
}

TEST_CASE("a record that is in another partition than the one it was acknowledged on is lost from its own") {
    InputBuilder b;
    const RecordId moved = b.acknowledged("p", t0, "moved", 0);
    b.write(t1, moved);
    const CheckReport report = check(b.input);
    REQUIRE(report.lost_writes.size() == 1);
    CHECK(report.lost_writes[0].record_id == moved);
}

TEST_CASE("a failed or unanswered send that is absent from the log is not a lost write") {
    InputBuilder b;
    b.failed("p", t0, "given-up");
    b.sent("p", t0, "no-answer");
    b.input.log(t0);
    const CheckReport report = check(b.input);
    CHECK(report.lost_writes.empty());
    CHECK(report.counts.failed == 1);
    CHECK(report.counts.pending == 1);
    CHECK(report.clean());
}

TEST_CASE("a failed send that the broker wrote anyway is counted, not reported as an anomaly") {
    InputBuilder b;
    const RecordId written = b.failed("p", t0, "written-anyway");
    b.write(t0, written);
    const CheckReport report = check(b.input);
    CHECK(report.counts.failed_but_written == 1);
    CHECK(report.counts.present_in_logs == 1);
    CHECK(report.clean());
}

TEST_CASE("one record at two offsets of a partition is a duplicate") {
    InputBuilder b;
    const RecordId twice = b.acknowledged("p", t0, "twice", 0);
    b.input.ledger.record_attempt(twice);
    b.write(t0, {twice, twice});
    const CheckReport report = check(b.input);
    REQUIRE(report.duplicates.size() == 1);
    const Duplicate& duplicate = report.duplicates[0];
    CHECK(duplicate.record_id == twice);
    CHECK(duplicate.value == "twice");
    CHECK(duplicate.attempts == 2);
    REQUIRE(duplicate.locations.size() == 2);
    CHECK(duplicate.locations[0].offset == Offset{0});
    CHECK(duplicate.locations[1].offset == Offset{1});
    CHECK(report.lost_writes.empty());
    CHECK_FALSE(report.clean());
}

TEST_CASE("one record in two partitions is a duplicate too") {
    InputBuilder b;
    const RecordId both = b.acknowledged("p", t0, "both", 0);
    b.write(t0, both);
    b.write(t1, both);
    const CheckReport report = check(b.input);
    REQUIRE(report.duplicates.size() == 1);
    CHECK(report.duplicates[0].locations[0].partition == t0);
    CHECK(report.duplicates[0].locations[1].partition == t1);
}

TEST_CASE("an offset acknowledged to one record that now holds another is an inconsistent offset") {
    // An unclean leader truncated offset 1 away and gave it to a newer record.
    InputBuilder b;
    const RecordId first = b.acknowledged("p", t0, "first", 0);
    const RecordId truncated = b.acknowledged("p", t0, "truncated", 1);
    const RecordId reuser = b.acknowledged("q", t0, "reuser", 1);
    b.write(t0, {first, reuser});
    const CheckReport report = check(b.input);
    REQUIRE(report.inconsistent_offsets.size() == 1);
    const InconsistentOffset& bad = report.inconsistent_offsets[0];
    CHECK(bad.claim == InconsistentOffset::Claim::acknowledgement);
    CHECK(bad.claimed_by == "p");
    CHECK(bad.offset == Offset{1});
    CHECK(bad.record_id == truncated);
    CHECK(bad.holder_id == reuser);
    CHECK(bad.holder_value == "reuser");
    CHECK_FALSE(bad.now_at);
    // The truncated record is also a lost write, and the lost write names the re-user.
    REQUIRE(report.lost_writes.size() == 1);
    CHECK(report.lost_writes[0].offset_now_holds == reuser);
}

TEST_CASE("a record acknowledged at one offset but found at another, its offset taken, says where it is now") {
    InputBuilder b;
    const RecordId other = b.acknowledged("q", t0, "other", 0);
    const RecordId shifted = b.acknowledged("p", t0, "shifted", 0);
    b.write(t0, {other, shifted});
    const CheckReport report = check(b.input);
    REQUIRE(report.inconsistent_offsets.size() == 1);
    CHECK(report.inconsistent_offsets[0].record_id == shifted);
    CHECK(report.inconsistent_offsets[0].now_at == Offset{1});
    CHECK(report.lost_writes.empty());
}

TEST_CASE("an acknowledged offset beyond the final high watermark is a lost write, not an inconsistent offset") {
    InputBuilder b;
    const RecordId kept = b.acknowledged("p", t0, "kept", 0);
    b.acknowledged("p", t0, "beyond", 5);
    b.write(t0, kept);
    const CheckReport report = check(b.input);
    CHECK(report.inconsistent_offsets.empty());
    CHECK(report.lost_writes.size() == 1);
}

TEST_CASE("a consumer that read a record at an offset that now holds another shows an inconsistent offset") {
    InputBuilder b;
    const RecordId read_then_gone = b.failed("p", t0, "read-then-gone");
    const RecordId now_there = b.acknowledged("q", t0, "now-there", 0);
    b.poll("c", "g", {{t0, 0, read_then_gone}});
    b.poll("c2", "g", {{t0, 0, read_then_gone}});  // a second reader: still one finding
    b.write(t0, now_there);
    const CheckReport report = check(b.input);
    REQUIRE(report.inconsistent_offsets.size() == 1);
    CHECK(report.inconsistent_offsets[0].claim == InconsistentOffset::Claim::delivery);
    CHECK(report.inconsistent_offsets[0].claimed_by == "c");
    CHECK(report.inconsistent_offsets[0].holder_id == now_there);
}

TEST_CASE("a producer's later send at an earlier offset of the same partition is a nonmonotonic send") {
    // Two batches in flight, both retried, the newer one first: first, second, second, first.
    InputBuilder b;
    const RecordId first = b.acknowledged("p", t0, "first", 0);
    const RecordId second = b.acknowledged("p", t0, "second", 1);
    b.write(t0, {first, second, second, first});
    const CheckReport report = check(b.input);
    REQUIRE(report.nonmonotonic_sends.size() == 1);
    const NonmonotonicSend& reorder = report.nonmonotonic_sends[0];
    CHECK(reorder.producer == "p");
    CHECK(reorder.sent_first == first);
    CHECK(reorder.sent_first_offset == Offset{3});
    CHECK(reorder.sent_later == second);
    CHECK(reorder.sent_later_offset == Offset{2});
    CHECK(reorder.sent_first_index < reorder.sent_later_index);
    CHECK(report.duplicates.size() == 2);
}

TEST_CASE("records in send order, or of one producer in different partitions, are not a reorder") {
    InputBuilder b;
    const RecordId a = b.acknowledged("p", t1, "a", 0);  // sent first, to another partition
    const RecordId c = b.acknowledged("p", t0, "c", 0);
    const RecordId d = b.acknowledged("p", t0, "d", 1);
    b.write(t0, {c, d});
    b.write(t1, a);
    CHECK(check(b.input).nonmonotonic_sends.empty());
}

TEST_CASE("two producers interleaving their records in one partition is not a reorder") {
    InputBuilder b;
    const RecordId p1 = b.acknowledged("p", t0, "p1", 1);
    const RecordId q1 = b.acknowledged("q", t0, "q1", 0);
    const RecordId p2 = b.acknowledged("p", t0, "p2", 3);
    const RecordId q2 = b.acknowledged("q", t0, "q2", 2);
    b.write(t0, {q1, p1, q2, p2});
    const CheckReport report = check(b.input);
    CHECK(report.nonmonotonic_sends.empty());
    CHECK(report.clean());
}
