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
