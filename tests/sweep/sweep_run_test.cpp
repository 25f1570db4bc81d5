// Running seeds: the same seed gives the same result, and --jobs changes nothing but
// the wall time.
#include <catch2/catch.hpp>

#include "scenarios/sweep/sweep_run.h"
#include "sweep_scenarios.h"

using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

Scenario small_scenario() {
    return load_ok(sweep_scenario_text("sweep: {faults: [crash, partition, pause], count: {min: 1, max: 2}, "
                                       "window: {from: 1s, to: 8s}, lasts: {min: 1s, max: 3s}, "
                                       "hosts: [broker-1, broker-2, broker-3, reader]}\n",
                                       "12s"));
}

std::vector<std::string> sweep_lines(const Scenario& s, const SeedRange& seeds, int jobs) {
    std::vector<std::string> lines;
    SweepOptions options;
    options.random_faults = true;
    options.jobs = jobs;
    options.scenario_path = "small.yaml";
    options.on_result = [&](const SweepRunResult& r) { lines.push_back(to_json_line(r)); };
    run_sweep(s, seeds, options);
    return lines;
}

}  // namespace

TEST_CASE("a run of one seed gives the same result every time") {
    Scenario s = small_scenario();
    SweepOptions options;
    options.random_faults = true;
    options.scenario_path = "small.yaml";
    SweepRunResult first = run_seed(s, 4, options);
    CHECK(to_json_line(first) == to_json_line(run_seed(s, 4, options)));
    CHECK(first.sent > 0);
    CHECK(!first.faults.empty());
    CHECK(first.replay == "kafkalab run small.yaml --seed 4 --faults random");
}

TEST_CASE("two jobs write exactly what one job writes in seed order") {
    Scenario s = small_scenario();
    auto one = sweep_lines(s, SeedRange{1, 8}, 1);
    auto two = sweep_lines(s, SeedRange{1, 8}, 2);
    REQUIRE(one.size() == 8);
    CHECK(one == two);
    for (std::size_t i = 0; i < one.size(); ++i) CHECK(one[i].starts_with("{\"seed\":" + std::to_string(i + 1) + ","));
}

TEST_CASE("an empty shard runs nothing") {
    Scenario s = small_scenario();
    CHECK(sweep_lines(s, slice(SeedRange{1, 2}, Shard{2, 5}), 2).empty());
}

TEST_CASE("the replay command quotes a path the shell would split") {
    CHECK(replay_command("my lessons/a.yaml", 3, false) == "kafkalab run 'my lessons/a.yaml' --seed 3");
}
