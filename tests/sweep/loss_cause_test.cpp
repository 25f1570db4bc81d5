// The checker names why acknowledged records were lost, in Kafka's terms, from the
// run's typed events (scenarios/checker/loss_explanation.h): one scenario per cause.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "scenarios/runner/run_report.h"
#include "scenarios/spec/load_scenario.h"
#include "scenarios/sweep/sweep_run.h"

using namespace kafkalab::scenarios;

namespace {

std::string lesson(const std::string& file) { return KAFKALAB_TEST_DATA "/../../scenarios/lessons/" + file; }
std::string shipped_sweep(const std::string& file) { return KAFKALAB_TEST_DATA "/../../scenarios/sweeps/" + file; }

Scenario load(const std::string& path) {
    LoadResult loaded = load_scenario(path);
    REQUIRE(loaded.ok());
    return *loaded.scenario;
}

/// Lost writes by cause in a scenario's own run.
std::map<LossCause, std::size_t> causes_of_run(const std::string& path) {
    const Scenario scenario = load(path);
    ScenarioRun run(scenario, RunOptions{});
    run.run();
    return finish_run(run).check.lost_by_cause();
}

/// Lost writes by cause name in one seed of a sweep.
std::map<std::string, std::size_t> causes_of_seed(const std::string& path, std::uint64_t seed) {
    SweepOptions options;
    options.random_faults = true;
    return run_seed(load(path), seed, options).lost_by_cause;
}

}  // namespace

TEST_CASE("lesson 6: acks=1 records the cut-off leader confirmed alone are lost to the leader failover") {
    const auto causes = causes_of_run(lesson("06-acks-1-loses-data.yaml"));
    REQUIRE(causes.size() == 1);
    CHECK(causes.begin()->first == LossCause::acks_1_leader_failover);
    CHECK(causes.begin()->second > 0);
}

TEST_CASE("lesson 8: the records only the old leader had are lost to the unclean leader election") {
    const auto causes = causes_of_run(lesson("08-unclean-leader-election.yaml"));
    REQUIRE(causes.size() == 1);
    CHECK(causes.begin()->first == LossCause::unclean_leader_election);
}

TEST_CASE("the unsafe power-loss sweep loses its unflushed tail on every replica") {
    const auto causes = causes_of_seed(shipped_sweep("unsafe-power-loss.yaml"), 1);
    REQUIRE(causes.size() == 1);
    CHECK(causes.begin()->first == "power-loss-of-every-replica");
}

TEST_CASE("wide safe sweep, seed 14: a broker that lost its tail to a power loss leads again with what its disk kept") {
    // zk-3 pauses past the brokers' session timeout: every session expires, the rebooted
    // broker registers first and, still named in the ISR, leads (docs/RELIABILITY.md).
    const auto causes = causes_of_seed(shipped_sweep("safe-wide-faults.yaml"), 14);
    REQUIRE(causes.size() == 1);
    CHECK(causes.begin()->first == "power-lost-leader");
}

TEST_CASE("wide safe sweep, seed 348: the last replica standing is elected with what its disk kept (KIP-966)") {
    const auto causes = causes_of_seed(shipped_sweep("safe-wide-faults.yaml"), 348);
    REQUIRE(causes.size() == 1);
    CHECK(causes.begin()->first == "last-replica-standing");
}

TEST_CASE("wide safe sweep, seed 2003: a follower that lost power while the acknowledgement was on its way") {
    // broker-5 fetched offset 156 and lost power before the leader's answer reached the
    // producer; the record is still the last replica standing's loss, not unexplained.
    const auto causes = causes_of_seed(shipped_sweep("safe-wide-faults.yaml"), 2003);
    REQUIRE(causes.size() == 1);
    CHECK(causes.begin()->first == "last-replica-standing");
}

TEST_CASE("the wide safe sweep's expectation passes a run whose losses are all Kafka's own") {
    SweepOptions options;
    options.random_faults = true;
    const SweepRunResult result = run_seed(load(shipped_sweep("safe-wide-faults.yaml")), 769, options);
    CHECK(result.anomaly("lost-write") > 0);
    CHECK(result.passed);
    CHECK(result.liveness == RunLiveness::live);
}
