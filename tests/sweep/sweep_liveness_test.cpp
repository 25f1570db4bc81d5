// Liveness in sweeps (issue 24): each line carries the liveness phase's verdict, a
// merge refuses a "passed" that the verdict contradicts, and the summary counts runs
// that did not recover apart from runs that lost data.
#include <catch2/catch.hpp>

#include <sstream>

#include "scenarios/checker/check_report.h"
#include "scenarios/sweep/sweep_merge.h"
#include "scenarios/sweep/sweep_run.h"
#include "sweep_scenarios.h"

using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

const SweepRunIdentity identity{"0123456789abcdef", "random", "0.1.0"};

SweepRunResult result(std::uint64_t seed, RunLiveness liveness) {
    SweepRunResult r;
    r.seed = seed;
    r.run = identity;
    r.sent = 100;
    r.acknowledged = 100;
    for (AnomalyKind kind : all_anomaly_kinds) r.anomalies[to_string(kind)] = 0;
    r.liveness = liveness;
    r.passed = liveness == RunLiveness::live;
    if (!r.passed) r.failed_expectations = {"the cluster recovers once the faults end (did not recover: 1 problem)"};
    r.replay = "kafkalab run s.yaml --seed " + std::to_string(seed) + " --faults random";
    return r;
}

SweepMerge merge_of(const Scenario* scenario) {
    SweepMergeSpec spec;
    spec.identity = identity;
    spec.scenario = scenario;
    return SweepMerge(spec);
}

}  // namespace

TEST_CASE("sweep line: the liveness verdict is written and read back, and an unknown one refused") {
    for (RunLiveness l : {RunLiveness::not_asked, RunLiveness::live, RunLiveness::not_live, RunLiveness::not_judged}) {
        auto parsed = parse_json_line(to_json_line(result(1, l)));
        REQUIRE(std::holds_alternative<SweepRunResult>(parsed));
        CHECK(std::get<SweepRunResult>(parsed).liveness == l);
    }
    std::string line = to_json_line(result(1, RunLiveness::live));
    line.replace(line.find("\"live\""), 6, "\"alive\"");
    auto parsed = parse_json_line(line);
    REQUIRE(std::holds_alternative<std::string>(parsed));
    CHECK_THAT(std::get<std::string>(parsed), Catch::Contains("\"liveness\" must be"));
}

TEST_CASE("sweep-merge refuses a passed run whose liveness contradicts the scenario's recovers") {
    Scenario scenario = load_ok(sweep_scenario_text("  - {recovers: {settle: 5s}}\n"));
    SweepRunResult forged = result(2, RunLiveness::not_live);
    forged.passed = true;
    forged.failed_expectations.clear();
    auto why = merge_of(&scenario).add_line(to_json_line(forged));
    REQUIRE(why);
    CHECK_THAT(*why, Catch::Contains("expectation recovers (line 12) fails with liveness \"not-live\""));
    CHECK_FALSE(merge_of(&scenario).add_line(to_json_line(result(3, RunLiveness::live))));
}

TEST_CASE("sweep summary: runs that did not recover are counted apart from runs that lost data") {
    SweepSummary summary;
    summary.add(result(1, RunLiveness::live));
    summary.add(result(2, RunLiveness::not_live));
    summary.add(result(3, RunLiveness::not_judged));
    CHECK(summary.live_runs() == 1);
    CHECK(summary.not_live_runs() == 1);
    CHECK(summary.not_judged_runs() == 1);
    CHECK(summary.clean_runs() == 3);  // none of them lost anything
    std::ostringstream out;
    summary.print(out);
    CHECK_THAT(out.str(), Catch::Contains("  runs that did not                  1\n"));
}

TEST_CASE("sweep run: a run of a scenario that expects recovery says whether it recovered") {
    Scenario scenario = load_ok(sweep_scenario_text("  - {recovers: {settle: 5s}}\n"));
    SweepOptions options;
    options.scenario_path = "sweep.yaml";
    SweepRunResult r = run_seed(scenario, 1, options);
    CHECK(r.liveness == RunLiveness::live);
    CHECK(r.passed);
}
