// Each broker fault of the scenario language on its own, through a scenario file, and
// what a student would see: where leadership goes, who is in the ISR, whether writes
// go on. The clusters use a 6 s ZooKeeper session and a 10 s replica lag to stay quick.
#include "scenarios/scenario_fixture.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {
const kafka::TopicPartition t0{"t", 0};
}

TEST_CASE("crash of a broker: the controller moves leadership once its session expires") {
    LoadedRun run(test_data("faults/crash-broker.yaml"));
    run.run_until(4s);
    REQUIRE(run.leader(t0) == 1);
    REQUIRE(run.isr(t0) == std::vector<int>{1, 2, 3});
    run.run_until(6s);
    CHECK_FALSE(run.is_up("broker-1"));
    run.run_until(15s);
    CHECK(run.leader(t0) == 2);
    CHECK(run.isr(t0) == std::vector<int>{2, 3});
    CHECK(run.acknowledged_between(14s, 15s) > 0);  // writes go on with two replicas
}

TEST_CASE("restart of a crashed broker: it catches up and rejoins the ISR") {
    LoadedRun run(test_data("faults/restart-broker.yaml"));
    run.run_until(14s);
    REQUIRE(run.isr(t0) == std::vector<int>{2, 3});
    run.run_until(16s);
    CHECK(run.is_up("broker-1"));
    run.run_until(30s);
    CHECK(run.isr(t0) == std::vector<int>{1, 2, 3});
    CHECK(run.leader(t0) != 1);  // leadership does not move back by itself within 30 s
}

TEST_CASE("stop of a broker: controlled shutdown moves leadership at once") {
    LoadedRun run(test_data("faults/stop-broker.yaml"));
    run.run_until(5s + 500ms);
    // No session timeout to wait for: the broker hands its partitions over and exits.
    CHECK(run.leader(t0) == 2);
    run.run_until(10s);
    CHECK_FALSE(run.is_up("broker-1"));
    CHECK(run.isr(t0) == std::vector<int>{2, 3});
    CHECK(run.acknowledged_between(6s, 10s) > 0);
}

TEST_CASE("power loss of a broker: its host is off and leadership moves after the session timeout") {
    LoadedRun run(test_data("faults/power-loss-broker.yaml"));
    run.run_until(6s);
    auto node = run->simulation().find_node("broker-1");
    REQUIRE(node);
    CHECK(run->simulation().host_state(*node) == sim::HostState::powered_off);
    run.run_until(15s);
    CHECK(run.leader(t0) == 2);
    CHECK(run.isr(t0) == std::vector<int>{2, 3});
}

TEST_CASE("leader-of targets the partition's leader when the fault fires") {
    LoadedRun run(test_data("faults/crash-leader-of.yaml"));
    run.run_until(4s);
    REQUIRE(run.leader(t0) == 2);  // the assignment [2, 1, 3] puts broker 2 first
    run.run_until(6s);
    CHECK_FALSE(run.is_up("broker-2"));
    CHECK(run.is_up("broker-1"));
    CHECK(run.is_up("broker-3"));
    run.run_until(15s);
    CHECK(run.leader(t0) == 1);
}

TEST_CASE("controller targets the active controller when the fault fires") {
    LoadedRun run(test_data("faults/crash-controller.yaml"));
    run.run_until(4s);
    const int before = run.controller_id();
    REQUIRE(before > 0);
    run.run_until(6s);
    CHECK_FALSE(run.is_up("broker-" + std::to_string(before)));
    run.run_until(15s);
    CHECK(run.controller_id() > 0);
    CHECK(run.controller_id() != before);
}

TEST_CASE("the end of a broker pause leaves the scenario's partitions and cut links in place") {
    auto run = LoadedRun::from_text(R"(
duration: 10s
cluster: {brokers: 3}
faults:
  - {at: 1s, partition: {groups: [[broker-1], [broker-2, broker-3, zk-1]]}}
  - {at: 1s, cut: [broker-2, switch]}
  - {at: 2s, pause: broker-3, for: 2s}
)");
    auto& sim = run->simulation();
    auto vertex = [&](const char* host) { return sim.vertex(*sim.find_node(host)); };
    run.run_until(3s);
    CHECK_FALSE(sim.network().reachable(vertex("broker-3"), vertex("zk-1")));
    run.run_until(5s);
    CHECK(sim.network().reachable(vertex("broker-3"), vertex("zk-1")));
    CHECK_FALSE(sim.network().reachable(vertex("broker-1"), vertex("zk-1")));
    CHECK_FALSE(sim.network().reachable(vertex("broker-2"), vertex("zk-1")));
}
