// The checker on hand-built inputs: what consumers read against the ledger and the
// final logs (aborted-read, unseen, poll-skip, nonmonotonic-poll), and the counts.
#include <catch2/catch.hpp>

#include "checker/input_builder.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

const TopicPartition t0{"t", 0};
const TopicPartition t1{"t", 1};
const TopicPartition other0{"other", 0};

}  // namespace

TEST_CASE("reading a record whose send failed is an aborted read, reported but not counted as data loss") {
    InputBuilder b;
    const RecordId given_up = b.failed("p", t0, "given-up", kafka::Error::request_timed_out);
    b.write(t0, given_up);
    b.poll("c", "g", {{t0, 0, given_up}});
    const CheckReport report = check(b.input);
    REQUIRE(report.aborted_reads.size() == 1);
    const AbortedRead& aborted = report.aborted_reads[0];
    CHECK(aborted.consumer == "c");
    CHECK(aborted.group == "g");
    CHECK(aborted.record_id == given_up);
    CHECK(aborted.value == "given-up");
    CHECK(aborted.send_error == kafka::Error::request_timed_out);
    CHECK(aborted.in_final_log);
    CHECK_FALSE(report.lost_acknowledged_data());
    CHECK(report.clean());
}

TEST_CASE("reading acknowledged records is not an aborted read") {
    InputBuilder b;
    const RecordId a = b.acknowledged("p", t0, "a", 0);
    b.write(t0, a);
    b.poll("c", "g", {{t0, 0, a}});
    CHECK(check(b.input).aborted_reads.empty());
}

TEST_CASE("an acknowledged record that a group never read is unseen for that group, not for the others") {
    InputBuilder b;
    const RecordId a = b.acknowledged("p", t0, "a", 0);
    const RecordId c = b.acknowledged("p", t0, "c", 1);
    b.write(t0, {a, c});
    b.poll("fast", "everything", {{t0, 0, a}, {t0, 1, c}});
    b.poll("slow", "behind", {{t0, 0, a}});
    const CheckReport report = check(b.input);
    REQUIRE(report.unseen.size() == 1);
    CHECK(report.unseen[0].group == "behind");
    CHECK(report.unseen[0].record_id == c);
    CHECK(report.unseen[0].location.offset == Offset{1});
    CHECK(report.counts.consumed_by_group.at("behind").unseen == 1);
    CHECK(report.counts.consumed_by_group.at("everything").unseen == 0);
    CHECK_FALSE(report.clean());
}

TEST_CASE("unseen only judges the groups asked for, and only on the topics each group consumes") {
    InputBuilder b;
    const RecordId a = b.acknowledged("p", t0, "a", 0);
    const RecordId elsewhere = b.acknowledged("p", other0, "elsewhere", 0);
    b.write(t0, a);
    b.write(other0, elsewhere);
    b.poll("c", "g", {{t0, 0, a}});
    b.poll("d", "h", {{other0, 0, elsewhere}});
    // Group g reads topic t only: the record on "other" is none of its business.
    CHECK(check(b.input).unseen.empty());

    const RecordId missed = b.acknowledged("p", t0, "missed", 1);
    b.write(t0, missed);
    CheckOptions only_h;
    only_h.groups = {"h"};
    CHECK(check(b.input, only_h).unseen.empty());
    CHECK(check(b.input).unseen.size() == 1);
}

TEST_CASE("a group named once per member is judged once: its unseen records are counted once") {
    // Lesson 20: reader and reader-restarted are both in group readers; 10 records were
    // never read by it, not 20.
    InputBuilder b;
    const RecordId a = b.acknowledged("p", t0, "a", 0);
    const RecordId c = b.acknowledged("p", t0, "c", 1);
    b.write(t0, {a, c});
    b.poll("reader", "readers", {{t0, 1, c}});
    b.poll("reader-restarted", "readers", {});
    CheckOptions options;
    options.groups = {"readers", "readers"};
    const CheckReport report = check(b.input, options);
    CHECK(report.unseen.size() == 1);
    CHECK(report.counts.consumed_by_group.at("readers").unseen == 1);
}

TEST_CASE("a record nobody was asked to read is not unseen when there are no consumers") {
    InputBuilder b;
    b.write(t0, b.acknowledged("p", t0, "a", 0));
    CHECK(check(b.input).unseen.empty());
}

TEST_CASE("a poll that jumps over offsets is a poll skip; one that goes back is a nonmonotonic poll") {
    InputBuilder b;
    b.poll("c", "g", {{t0, 0, 0}, {t0, 1, 0}}, 1);
    b.poll("c", "g", {{t0, 4, 0}}, 1);  // skips 2 and 3
    b.poll("c", "g", {{t0, 3, 0}}, 1);  // goes back
    b.poll("c", "g", {{t1, 7, 0}}, 1);  // a first poll of t1 is neither
    const CheckReport report = check(b.input);
    REQUIRE(report.poll_skips.size() == 1);
    CHECK(report.poll_skips[0].consumer == "c");
    CHECK(report.poll_skips[0].previous_last == Offset{1});
    CHECK(report.poll_skips[0].first == Offset{4});
    CHECK_FALSE(report.poll_skips[0].assignment_changed);
    REQUIRE(report.nonmonotonic_polls.size() == 1);
    CHECK(report.nonmonotonic_polls[0].previous_last == Offset{4});
    CHECK(report.nonmonotonic_polls[0].first == Offset{3});
    CHECK(report.count_after_assignment_change(AnomalyKind::poll_skip) == 0);
    CHECK_FALSE(report.clean());
}

TEST_CASE("polls read in order without gaps show no poll anomaly") {
    InputBuilder b;
    b.poll("c", "g", {{t0, 0, 0}, {t0, 1, 0}});
    b.poll("c", "g", {{t0, 2, 0}});
    b.poll("d", "g", {{t0, 0, 0}});  // another consumer starts over: its own history
    const CheckReport report = check(b.input);
    CHECK(report.poll_skips.empty());
    CHECK(report.nonmonotonic_polls.empty());
}

TEST_CASE("poll anomalies of a consumer whose assignment changed are counted apart as possibly legitimate") {
    InputBuilder b;
    // Generation 1 read t0 up to offset 5; after a rebalance, generation 2 re-reads
    // from the last commit at 3 (a nonmonotonic poll a rebalance explains).
    b.poll("c", "g", {{t0, 4, 0}, {t0, 5, 0}}, 1);
    b.poll("c", "g", {{t0, 3, 0}}, 2);
    // Another consumer whose status says it was rebalanced, skipping within one generation.
    b.input.consumption.status_of("d").group = "g";
    b.input.consumption.status_of("d").rebalances = 2;
    b.poll("d", "g", {{t1, 0, 0}}, 3);
    b.poll("d", "g", {{t1, 9, 0}}, 3);
    const CheckReport report = check(b.input);
    REQUIRE(report.nonmonotonic_polls.size() == 1);
    CHECK(report.nonmonotonic_polls[0].previous_generation == kafka::Generation{1});
    CHECK(report.nonmonotonic_polls[0].generation == kafka::Generation{2});
    CHECK(report.nonmonotonic_polls[0].assignment_changed);
    REQUIRE(report.poll_skips.size() == 1);
    CHECK(report.poll_skips[0].assignment_changed);
    CHECK(report.count_after_assignment_change(AnomalyKind::nonmonotonic_poll) == 1);
    CHECK(report.count_after_assignment_change(AnomalyKind::poll_skip) == 1);
    CHECK(report.clean());
}

TEST_CASE("the counts tell sent, acknowledged, failed, pending, present in the logs and consumed per group") {
    InputBuilder b;
    const RecordId a = b.acknowledged("p", t0, "a", 0);
    const RecordId c = b.acknowledged("p", t0, "c", 1);
    const RecordId zero = b.acknowledged("p", t0, "acks-0", -1);
    const RecordId failed = b.failed("p", t0, "failed");
    const RecordId pending = b.sent("p", t0, "pending");
    b.write(t0, {a, c, zero, pending});
    b.poll("c1", "g", {{t0, 0, a}, {t0, 1, c}});
    b.poll("c2", "g", {{t0, 1, c}});
    const CheckReport report = check(b.input);
    const CheckCounts& counts = report.counts;
    CHECK(counts.sent == 5);
    CHECK(counts.acknowledged == 3);
    CHECK(counts.acknowledged_without_offset == 1);
    CHECK(counts.failed == 1);
    CHECK(counts.pending == 1);
    CHECK(counts.present_in_logs == 4);
    CHECK(counts.records_in_logs == 4);
    CHECK(counts.pending_but_written == 1);
    CHECK(counts.failed_but_written == 0);
    REQUIRE(counts.consumed_by_group.contains("g"));
    const GroupCounts& g = counts.consumed_by_group.at("g");
    CHECK(g.consumers == std::vector<std::string>{"c1", "c2"});
    CHECK(g.deliveries == 3);
    CHECK(g.distinct_records == 2);
    CHECK(g.redelivered_records == 1);
    CHECK(g.unseen == 1);  // the acks=0 record at offset 2
    (void)failed;
}
