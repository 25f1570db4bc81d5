// Random fault schedules: one seed, one schedule; every bound of `sweep:` kept.
#include <algorithm>
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "scenarios/sweep/fault_schedule.h"
#include "sweep_scenarios.h"

using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> as_yaml(const std::vector<FaultSpec>& faults) {
    std::vector<std::string> text;
    for (const auto& f : faults) text.push_back(fault_to_yaml(f));
    return text;
}

bool starts_episode(FaultKind kind) {
    return kind == FaultKind::crash || kind == FaultKind::power_loss || kind == FaultKind::partition ||
           kind == FaultKind::slow || kind == FaultKind::pause;
}

/// The hosts a fault hits: its target, or its partition group.
std::vector<std::string> hosts_of(const FaultSpec& f) {
    if (f.kind != FaultKind::partition) return {f.target.host};
    std::vector<std::string> hosts;
    for (const auto& t : f.groups.at(0)) hosts.push_back(t.host);
    return hosts;
}

/// When each episode starting fault ends: its restart, its heal, or its `for`.
Duration end_of(const std::vector<FaultSpec>& faults, std::size_t i) {
    const FaultSpec& f = faults[i];
    if (f.for_duration) return f.at + *f.for_duration;
    for (std::size_t j = i + 1; j < faults.size(); ++j) {
        const FaultSpec& g = faults[j];
        if (f.kind == FaultKind::partition && g.kind == FaultKind::heal) return g.at;
        if (f.kind != FaultKind::partition && g.kind == FaultKind::restart && g.target.host == f.target.host) return g.at;
    }
    FAIL("an episode without its end: " << fault_to_yaml(f));
    return Duration{0};
}

}  // namespace

TEST_CASE("a seed always draws the same fault schedule and seeds differ") {
    Scenario s = load_ok(sweep_scenario_text("sweep: {faults: [crash, power-loss, partition, slow, pause], count: {min: 2, max: 4}}\n"));
    std::set<std::vector<std::string>> distinct;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        auto first = as_yaml(random_faults(s, seed));
        CHECK(first == as_yaml(random_faults(s, seed)));
        distinct.insert(first);
    }
    CHECK(distinct.size() >= 18);
}

TEST_CASE("the schedule depends on the sweep seed only and not on the scenario's own seed") {
    Scenario a = load_ok(sweep_scenario_text("sweep: {count: 3}\n"));
    Scenario b = a;
    b.seed = 99;
    CHECK(as_yaml(random_faults(a, 5)) == as_yaml(random_faults(b, 5)));
}

TEST_CASE("random schedules keep every bound of the sweep section") {
    Scenario s = load_ok(sweep_scenario_text(
        "sweep:\n"
        "  faults: [crash, power-loss, partition, slow, pause]\n"
        "  count: {min: 1, max: 4}\n"
        "  hosts-per-fault: {min: 1, max: 2}\n"
        "  window: {from: 3s, to: 25s}\n"
        "  min-gap: 2s\n"
        "  lasts: {min: 500ms, max: 6s}\n"
        "  latency: {min: 20ms, max: 80ms}\n"
        "  hosts: [broker-1, broker-2, broker-3, writer, reader]\n"));
    std::map<FaultKind, int> kinds_seen;
    for (std::uint64_t seed = 1; seed <= 500; ++seed) {
        INFO("seed " << seed);
        auto faults = random_faults(s, seed);
        std::vector<Duration> starts;
        std::map<std::string, Duration> host_free_at;
        Duration partition_free_at{0};
        for (std::size_t i = 0; i < faults.size(); ++i) {
            const FaultSpec& f = faults[i];
            INFO(fault_to_yaml(f));
            CHECK(f.at >= 3s);
            CHECK(f.at <= 25s);
            if (i > 0) CHECK(f.at >= faults[i - 1].at);  // in time order
            if (!starts_episode(f.kind)) continue;
            ++kinds_seen[f.kind];
            const Duration end = end_of(faults, i);
            CHECK(end - f.at >= 500ms);
            CHECK(end - f.at <= 6s);
            CHECK(end <= 25s);
            if (starts.empty() || starts.back() != f.at) starts.push_back(f.at);
            for (const auto& host : hosts_of(f)) {
                CHECK(std::set<std::string>{"broker-1", "broker-2", "broker-3", "writer", "reader"}.count(host) == 1);
                if (f.kind == FaultKind::power_loss) CHECK((host != "writer" && host != "reader"));
                // One episode at a time per host, and min-gap before its next one.
                CHECK(f.at >= host_free_at[host]);
                host_free_at[host] = end + 2s;
            }
            if (f.kind == FaultKind::partition) {
                CHECK(f.at >= partition_free_at);
                partition_free_at = end + 2s;
                CHECK(hosts_of(f).size() <= 2);
            }
            if (f.kind == FaultKind::slow) {
                CHECK(f.added_latency >= 20ms);
                CHECK(f.added_latency <= 80ms);
            }
        }
        CHECK(starts.size() <= 4);
        for (std::size_t i = 1; i < starts.size(); ++i) CHECK(starts[i] - starts[i - 1] >= 2s);
    }
    // Every kind asked for turns up over 500 seeds.
    CHECK(kinds_seen.size() == 5);
}

TEST_CASE("with hosts to spare every run gets at least the minimum count of episodes") {
    Scenario s = load_ok(sweep_scenario_text("sweep: {faults: [crash], count: {min: 2, max: 3}, lasts: {min: 1s, max: 2s}}\n"));
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        auto faults = random_faults(s, seed);
        auto crashes = std::count_if(faults.begin(), faults.end(), [](const FaultSpec& f) { return f.kind == FaultKind::crash; });
        auto restarts = std::count_if(faults.begin(), faults.end(), [](const FaultSpec& f) { return f.kind == FaultKind::restart; });
        CHECK(crashes >= 2);
        CHECK(crashes <= 3);
        CHECK(restarts == crashes);  // every crashed broker comes back
    }
}

TEST_CASE("hosts-per-fault equal to every broker powers off the whole cluster at once") {
    Scenario s = load_ok(sweep_scenario_text("sweep: {faults: [power-loss], count: 1, hosts-per-fault: 3}\n"));
    auto faults = random_faults(s, 11);
    REQUIRE(faults.size() == 6);
    for (int i = 0; i < 3; ++i) {
        CHECK(faults[i].kind == FaultKind::power_loss);
        CHECK(faults[i].at == faults[0].at);
        CHECK(faults[i + 3].kind == FaultKind::restart);
    }
}

TEST_CASE("count 0 draws no fault") {
    Scenario s = load_ok(sweep_scenario_text("sweep: {count: 0}\n"));
    CHECK(random_faults(s, 1).empty());
}

TEST_CASE("without a sweep section the schedule hits brokers inside the default window") {
    Scenario s = load_ok(sweep_scenario_text("", "60s"));
    CHECK(s.sweep.hosts == std::vector<std::string>{"broker-1", "broker-2", "broker-3"});
    CHECK(s.sweep.window_start == 6s);
    CHECK(s.sweep.window_stop == 40s);
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        for (const auto& f : random_faults(s, seed)) {
            CHECK(f.at >= 6s);
            CHECK(f.at <= 40s);
        }
    }
}

TEST_CASE("drawn faults read as the scenario file would write them") {
    FaultSpec crash;
    crash.kind = FaultKind::crash;
    crash.at = 12500ms;
    crash.target.host = crash.target.written = "broker-2";
    CHECK(fault_to_yaml(crash) == "{at: 12.5s, crash: broker-2}");
    FaultSpec slow;
    slow.kind = FaultKind::slow;
    slow.at = 3s;
    slow.target.host = slow.target.written = "broker-1";
    slow.added_latency = 200ms;
    slow.added_jitter = 50ms;
    slow.for_duration = 4s;
    CHECK(fault_to_yaml(slow) == "{at: 3s, slow: broker-1, latency: 200ms, jitter: 50ms, for: 4s}");
}

TEST_CASE("a drawn schedule written into the scenario file loads and gives the same faults") {
    Scenario s = load_ok(sweep_scenario_text("sweep: {faults: [crash, partition, slow, pause], count: 4, "
                                             "hosts: [broker-1, broker-2, broker-3, reader]}\n"));
    auto faults = random_faults(s, 3);
    std::string listed = "faults:\n";
    for (const auto& f : faults) listed += "  - " + fault_to_yaml(f) + "\n";
    Scenario replayed = load_ok(sweep_scenario_text(listed));
    CHECK(as_yaml(replayed.faults) == as_yaml(faults));
}

TEST_CASE("random episodes compose with the scenario's own faults and never undo them") {
    // broker-1 loses power at 10s for good; broker-2 is cut off 4s..7s; a leader is
    // crashed at 15s (which broker is known only then).
    std::string text = sweep_scenario_text("sweep: {faults: [crash, partition, pause], count: {min: 2, max: 4}, "
                                           "window: {from: 1s, to: 20s}, min-gap: 500ms, lasts: {min: 500ms, max: 5s}, "
                                           "hosts: [broker-1, broker-2, broker-3, reader]}\n");
    text += "faults:\n"
            "  - {at: 10s, power-loss: broker-1}\n"
            "  - {at: 4s, partition: {groups: [[broker-2]]}}\n"
            "  - {at: 7s, heal: all}\n"
            "  - {at: 15s, crash: leader-of orders-0}\n";
    Scenario s = load_ok(text);
    std::size_t drawn = 0;
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        auto faults = random_faults(s, seed);
        for (std::size_t i = 0; i < faults.size(); ++i) {
            if (!starts_episode(faults[i].kind)) continue;
            ++drawn;
            const Duration start = faults[i].at, end = end_of(faults, i);
            INFO("seed " << seed << ": " << fault_to_yaml(faults[i]));
            if (faults[i].kind == FaultKind::partition) CHECK((end + 500ms < 4s || start - 500ms > 7s));
            for (const auto& h : hosts_of(faults[i])) {
                if (h == "broker-1") CHECK(end + 500ms < 10s);
                if (h.starts_with("broker-")) CHECK(end + 500ms < 15s);
            }
        }
    }
    CHECK(drawn > 300);  // composing leaves room: most seeds still draw episodes
}

TEST_CASE("a scenario without faults of its own draws the schedule it always drew") {
    // The golden trace hashes of the shipped sweeps pin this down as well.
    Scenario s = load_ok(sweep_scenario_text("sweep: {faults: [crash, partition], count: {min: 1, max: 3}}\n"));
    auto faults = as_yaml(random_faults(s, 7));
    Scenario with_late_fault = load_ok(sweep_scenario_text("sweep: {faults: [crash, partition], count: {min: 1, max: 3}}\n") +
                                       "faults:\n  - {at: 29s, pause: reader, for: 500ms}\n");
    CHECK(as_yaml(random_faults(with_late_fault, 7)) == faults);
}
