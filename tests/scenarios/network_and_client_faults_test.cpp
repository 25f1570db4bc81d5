// ZooKeeper, network and client faults of the scenario language, each on its own,
// through a scenario file, judged by what a student would see.
#include "scenarios/scenario_fixture.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {
const kafka::TopicPartition t0{"t", 0};
}

TEST_CASE("crash of the only ZooKeeper node stops elections until it restarts") {
    LoadedRun run(test_data("faults/crash-restart-zookeeper.yaml"));
    run.run_until(5s);
    REQUIRE(run.acknowledged_between(4s, 5s) > 0);
    run.run_until(24s);
    // The leader died at 6 s and nobody could elect another: acks=all writes stall.
    CHECK_FALSE(run.is_up("zk-1"));
    CHECK(run.acknowledged_between(10s, 24s) == 0);
    run.run_until(60s);
    CHECK(run.is_up("zk-1"));
    CHECK(run.leader(t0) == 2);
    CHECK(run.acknowledged_between(50s, 60s) > 0);
}

TEST_CASE("partition isolates the leader, heal brings it back into the ISR") {
    LoadedRun run(test_data("faults/partition-heal.yaml"));
    run.run_until(19s);
    CHECK(run.leader(t0) == 2);
    CHECK(run.isr(t0) == std::vector<int>{2, 3});
    run.run_until(45s);
    CHECK(run.isr(t0) == std::vector<int>{1, 2, 3});
    CHECK(run.is_up("broker-1"));  // it was never down, only unreachable
}

TEST_CASE("cut of the leader's link isolates it, restore brings it back") {
    LoadedRun run(test_data("faults/cut-restore-link.yaml"));
    run.run_until(19s);
    CHECK(run.leader(t0) == 2);
    CHECK(run.isr(t0) == std::vector<int>{2, 3});
    run.run_until(45s);
    CHECK(run.isr(t0) == std::vector<int>{1, 2, 3});
}

TEST_CASE("slow adds latency to a follower's link and acks=all writes wait for it") {
    LoadedRun run(test_data("faults/slow-link.yaml"));
    run.run_until(20s);
    CHECK(run.slowest_acknowledgement(1s, 5s) < 50ms);
    CHECK(run.slowest_acknowledgement(6s, 9s) >= 200ms);
    CHECK(run.slowest_acknowledgement(15s, 19s) < 50ms);  // the delay ends after `for`
}

TEST_CASE("lossy drops the producer's packets and nothing is acknowledged meanwhile") {
    LoadedRun run(test_data("faults/lossy-link.yaml"));
    run.run_until(45s);
    CHECK(run.acknowledged_between(1s, 5s) > 0);
    CHECK(run.acknowledged_between(5s + 100ms, 10s) == 0);
    // The request lost in the window is retried only after request.timeout.ms (30 s).
    CHECK(run.acknowledged_between(36s, 45s) > 0);
}

TEST_CASE("pause of a consumer: it reads nothing while frozen, then catches up") {
    LoadedRun run(test_data("faults/pause-consumer.yaml"));
    run.run_until(20s);
    CHECK(run.read_between("reader", 1s, 5s) > 0);
    CHECK(run.read_between("reader", 5s + 100ms, 10s) == 0);
    CHECK(run.read_between("reader", 10s, 20s) > 0);
}

TEST_CASE("crash of a consumer: it reads nothing more") {
    LoadedRun run(test_data("faults/crash-consumer.yaml"));
    run.run_until(20s);
    CHECK(run.read_between("reader", 1s, 5s) > 0);
    CHECK(run.read_between("reader", 5s, 20s) == 0);
    CHECK_FALSE(run.is_up("reader"));
}

TEST_CASE("crash of a producer: it sends nothing more and its last records stay unanswered") {
    LoadedRun run(test_data("faults/crash-producer.yaml"));
    run.run_until(20s);
    CHECK(run.sent_between(1s, 5s) > 0);
    CHECK(run.sent_between(5s, 20s) == 0);
    CHECK(run.acknowledged_between(5s + 100ms, 20s) == 0);
}

TEST_CASE("stop of a consumer: it leaves its group and the other member takes its partitions at once") {
    LoadedRun run(test_data("faults/stop-consumer.yaml"));
    run.run_until(11s);
    const auto* second = run->consumption()->find_status("second");
    REQUIRE(second);
    REQUIRE(second->assignment.size() == 1);
    run.run_until(16s);  // far below session.timeout.ms (45 s): LeaveGroup, not a timeout
    second = run->consumption()->find_status("second");
    CHECK(second->assignment.size() == 2);
    CHECK_FALSE(run.is_up("first"));
}
