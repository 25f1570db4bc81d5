// The liveness phase judged on hand-built inputs: each thing Kafka promises once the
// faults stop (a controller, a live leader with its full ISR, the high watermark at the
// log end, producers answered, groups caught up) is named when it did not happen.
#include <catch2/catch.hpp>

#include "scenarios/checker/liveness.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace std::chrono_literals;
using kafka::BrokerId;
using kafka::Offset;

namespace {

PartitionRecovery healthy_partition(std::string topic, int partition) {
    PartitionRecovery p;
    p.partition = {std::move(topic), partition};
    p.leader = BrokerId{1};
    p.leader_up = true;
    p.replicas = {BrokerId{1}, BrokerId{2}, BrokerId{3}};
    p.isr = {BrokerId{3}, BrokerId{1}, BrokerId{2}};  // order does not matter
    p.high_watermark = Offset{120};
    p.log_end_offset = Offset{120};
    p.log_end_at_settle = Offset{100};
    return p;
}

/// Faults ended at 20 s, settle 10 s, judged at 40 s, everything healthy from 21.5 s.
LivenessInput recovered_cluster() {
    LivenessInput in;
    in.faults_ended_at = 20s;
    in.settle = 10s;
    in.judged_at = 40s;
    in.has_controller = true;
    in.recovered_at = 21500ms;
    in.partitions = {healthy_partition("orders", 0), healthy_partition("orders", 1)};
    return in;
}

}  // namespace

TEST_CASE("liveness: a cluster that came back is live, and the report says how fast") {
    LivenessReport report = judge_liveness(recovered_cluster());
    CHECK(report.live());
    CHECK(liveness_summary(report) == "recovered 1.5s after the last fault ended at 20s");
    CHECK(render_liveness(report).empty());
}

TEST_CASE("liveness: a partition without a leader, or with its leader down, did not recover") {
    LivenessInput in = recovered_cluster();
    in.partitions[0].leader = kafka::no_broker;
    in.partitions[0].unhealthy_since = 14200ms;
    in.partitions[1].leader_up = false;
    in.partitions[1].unhealthy_since = 30s;
    LivenessReport report = judge_liveness(in);
    CHECK_FALSE(report.live());
    REQUIRE(report.problems.size() == 2);
    CHECK(render_liveness(report) == "  orders-0: no leader since 14.2s\n"
                                     "  orders-1: leader broker 1 is down since 30s\n");
    CHECK(liveness_summary(report) == "did not recover: 2 problems after the last fault ended at 20s");
}

TEST_CASE("liveness: an ISR short of the replicas is named with both sets (ReplicaManager's under-replicated)") {
    LivenessInput in = recovered_cluster();
    in.partitions[1].isr = {BrokerId{2}, BrokerId{1}};
    in.partitions[1].unhealthy_since = 12s;
    LivenessReport report = judge_liveness(in);
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].subject == "orders-1");
    CHECK(report.problems[0].what == "ISR 1,2 of replicas 1,2,3");
    CHECK(report.problems[0].since == std::optional<sim::Duration>(12s));
}

TEST_CASE("liveness: a high watermark that never reached the settle time's log end is named") {
    LivenessInput in = recovered_cluster();
    in.partitions[0].high_watermark = Offset{90};
    in.partitions[0].log_end_offset = Offset{130};
    LivenessReport report = judge_liveness(in);
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].what == "high watermark 90 below the log end offset 100 it had at the settle time");

    SECTION("a new leader that truncated below the old log end has caught up once its own log is replicated") {
        in.partitions[0].high_watermark = Offset{95};
        in.partitions[0].log_end_offset = Offset{95};
        CHECK(judge_liveness(in).live());
    }
}

TEST_CASE("liveness: a live producer still waiting for answers did not recover") {
    LivenessInput in = recovered_cluster();
    in.producers = {{"writer", 0, 0s}, {"safe", 192, 40450ms}};
    LivenessReport report = judge_liveness(in);
    REQUIRE(report.problems.size() == 1);
    CHECK(render_liveness(report) ==
          "  producer safe: 192 records sent before the settle time still wait for an answer since 40.45s\n");
}

TEST_CASE("liveness: a group must own every partition of its topics and read up to the settle time's data") {
    LivenessInput in = recovered_cluster();
    GroupPartitionRecovery owned{"billing", {"orders", 0}, "consumer-1", Offset{100}, Offset{100}};
    GroupPartitionRecovery behind{"billing", {"orders", 1}, "consumer-2", Offset{40}, Offset{100}};
    GroupPartitionRecovery orphan{"audit", {"orders", 1}, "", Offset{-1}, Offset{100}};
    in.groups = {owned, behind, orphan};
    LivenessReport report = judge_liveness(in);
    CHECK(render_liveness(report) ==
          "  group billing: orders-1 read by consumer-2 up to offset 40, short of the high watermark 100\n"
          "  group audit: orders-1 is owned by no live member\n");
}

TEST_CASE("liveness: no verdict while a fault is in force or before the settle time has passed") {
    SECTION("a fault never ended: not judged, but what is broken is still listed") {
        LivenessInput in = recovered_cluster();
        in.faults_ended_at.reset();
        in.faults_in_force = {"broker-2 is down", "the network is partitioned"};
        in.partitions[0].isr = {BrokerId{1}, BrokerId{3}};
        in.partitions[0].unhealthy_since = 10s;
        LivenessReport report = judge_liveness(in);
        CHECK_FALSE(report.judged);
        CHECK_FALSE(report.live());
        CHECK(report.problems.size() == 1);
        CHECK(liveness_summary(report) == "not judged: the faults never ended (broker-2 is down, the network is "
                                          "partitioned at the end); 1 unrecovered at the end");
    }
    SECTION("the last fault ended too close to the end") {
        LivenessInput in = recovered_cluster();
        in.faults_ended_at = 35s;
        LivenessReport report = judge_liveness(in);
        CHECK_FALSE(report.judged);
        CHECK(liveness_summary(report) ==
              "not judged: the last fault ended at 35s, less than the settle time of 10s before the end at 40s");
    }
}

TEST_CASE("liveness: no active controller is a problem of its own") {
    LivenessInput in = recovered_cluster();
    in.has_controller = false;
    in.controller_missing_since = 22s;
    LivenessReport report = judge_liveness(in);
    CHECK(render_liveness(report) == "  controller: no active controller since 22s\n");
}
