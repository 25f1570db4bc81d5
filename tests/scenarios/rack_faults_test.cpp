// A rack as a fault target: `power-loss: rack-a` takes every host on rack-a's switch down
// at once (its power feed or top-of-rack switch failing), and a list of hosts is hit
// together, as an on-call engineer rehearses a rack outage.
#include "scenarios/scenario_fixture.h"
#include "scenarios/spec/load_scenario.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

const std::string racks = R"(
name: three racks
duration: 10s
cluster:
  zookeeper: {nodes: 3}
  brokers:
    - {id: 1, rack: rack-a}
    - {id: 2, rack: rack-b}
    - {id: 3, rack: rack-c}
    - {id: 4, rack: rack-a}
network:
  racks:
    rack-a: [zk-1]
    rack-b: [zk-2]
    rack-c: [zk-3]
)";

std::string with_faults(const std::string& faults) { return racks + "faults:\n" + faults; }

sim::HostState state_of(LoadedRun& run, const std::string& host) {
    auto node = run->simulation().find_node(host);
    REQUIRE(node);
    return run->simulation().host_state(*node);
}

std::string diagnostics_of(const std::string& yaml) {
    LoadResult loaded = load_scenario_text(yaml, "inline.yaml");
    std::string all;
    for (const auto& d : loaded.diagnostics) all += d.to_string() + "\n";
    return all;
}

}  // namespace

TEST_CASE("power-loss of a rack takes down every host on its switch and nothing else") {
    LoadedRun run = LoadedRun::from_text(with_faults("  - {at: 2s, power-loss: rack-a}\n"));
    run.run_until(3s);
    CHECK(state_of(run, "broker-1") == sim::HostState::powered_off);
    CHECK(state_of(run, "broker-4") == sim::HostState::powered_off);
    CHECK(state_of(run, "zk-1") == sim::HostState::powered_off);
    CHECK(state_of(run, "broker-2") == sim::HostState::up);
    CHECK(state_of(run, "zk-2") == sim::HostState::up);
}

TEST_CASE("a list of hosts is crashed and restarted together") {
    LoadedRun run = LoadedRun::from_text(
        with_faults("  - {at: 2s, crash: [broker-2, zk-3]}\n  - {at: 5s, restart: [broker-2, zk-3]}\n"));
    run.run_until(3s);
    CHECK(state_of(run, "broker-2") == sim::HostState::crashed);
    CHECK(state_of(run, "zk-3") == sim::HostState::crashed);
    CHECK(state_of(run, "broker-1") == sim::HostState::up);
    run.run_until(6s);
    CHECK(state_of(run, "broker-2") == sim::HostState::up);
    CHECK(state_of(run, "zk-3") == sim::HostState::up);
}

TEST_CASE("the loader checks a rack or list target's hosts as it checks one host") {
    // A host of the rack already down: the same warning as for the host by name.
    CHECK(diagnostics_of(with_faults("  - {at: 1s, crash: broker-1}\n  - {at: 2s, power-loss: rack-a}\n"))
              .find("power-loss of broker-1 at 2s, but it is already down") != std::string::npos);
    // Restarting a rack at the instant one of its hosts crashes contradicts.
    CHECK(diagnostics_of(with_faults("  - {at: 2s, crash: broker-4}\n  - {at: 2s, restart: rack-a}\n"))
              .find("contradictory faults: crash (line") != std::string::npos);
    CHECK(diagnostics_of(with_faults("  - {at: 2s, crash: [broker-2, broker-9]}\n")).find("unknown host 'broker-9'") !=
          std::string::npos);
    CHECK(diagnostics_of(with_faults("  - {at: 2s, crash: [broker-2, broker-2]}\n"))
              .find("'broker-2' is named twice") != std::string::npos);
    CHECK(diagnostics_of(with_faults("  - {at: 2s, power-loss: rack-a}\n")).find("error") == std::string::npos);
}

TEST_CASE("each ZooKeeper node is linked to its own rack's switch only, so a rack outage takes only its own") {
    LoadedRun run = LoadedRun::from_text(racks);
    const auto& network = run->simulation().network();
    auto vertex = [&](const std::string& name) {
        auto v = network.find(name);
        REQUIRE(v);
        return *v;
    };
    CHECK(network.link_spec(vertex("zk-1"), vertex("rack-a")));
    CHECK(network.link_spec(vertex("zk-2"), vertex("rack-b")));
    CHECK(network.link_spec(vertex("zk-3"), vertex("rack-c")));
    CHECK_FALSE(network.link_spec(vertex("zk-2"), vertex("rack-a")));
    CHECK_FALSE(network.link_spec(vertex("zk-3"), vertex("rack-a")));
}
