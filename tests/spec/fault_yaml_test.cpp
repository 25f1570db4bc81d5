// The one fault writer (scenarios/spec/fault_yaml.h): every kind of the vocabulary,
// written back, is the `faults:` line it was read from, so a sweep's report and a
// saved viewer session replay exactly the faults that ran.
#include <sstream>

#include "scenarios/spec/fault_yaml.h"
#include "spec_helpers.h"

using namespace kafkalab::scenarios;
using kafkalab::scenarios::testing::report;

TEST_CASE("each fault kind is written back as the faults: line it was loaded from") {
    const std::vector<std::string> lines = {
        "{at: 1s, crash: broker-1}",
        "{at: 2s, restart: broker-1}",
        "{at: 3s, stop: leader-of payments-0}",
        "{at: 4s, power-loss: [broker-2, zk-1]}",
        "{at: 5s, pause: analytics-1, for: 2s}",
        "{at: 6s, partition: {groups: [[broker-1], [rack-b]]}}",
        "{at: 7s, heal: all}",
        "{at: 8s, cut: [broker-1, switch]}",
        "{at: 9s, restore: [broker-1, switch]}",
        "{at: 10s, slow: broker-2, latency: 200ms, jitter: 50ms, for: 4s}",
        "{at: 11s, lossy: [broker-3, broker-1], loss: 0.250000, for: 2s}",
        "{at: 12s, crash: rack-b}",
        "{at: 13s, restart: controller}",
    };
    std::ostringstream text;
    text << "name: vocabulary\nduration: 60s\ncluster:\n  brokers:\n    - {id: 1}\n    - {id: 2, rack: rack-b}\n"
            "    - {id: 3, rack: rack-b}\ntopics:\n  - {name: payments, replication-factor: 3}\n"
            "consumers:\n  - {name: analytics-1, topics: [payments]}\nfaults:\n";
    for (const auto& line : lines) text << "  - " << line << "\n";
    auto loaded = load_scenario_text(text.str(), "vocabulary.yaml");
    INFO(report(loaded));
    REQUIRE(loaded.ok());
    REQUIRE(loaded.scenario->faults.size() == lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CHECK(fault_to_yaml(loaded.scenario->faults[i]) == lines[i]);
    }
}

TEST_CASE("every fault kind's name reads back as that kind") {
    for (const auto& [name, kind] : fault_kind_names) {
        CHECK(fault_kind_named(name) == kind);
        CHECK(to_string(kind) == name);
    }
    CHECK_FALSE(fault_kind_named("reboot"));
}
