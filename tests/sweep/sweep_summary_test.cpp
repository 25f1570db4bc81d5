// What sweep-merge relies on: results survive a JSON line, and the summary counts
// each seed once and names the seeds missing or given twice.
#include <catch2/catch.hpp>

#include "scenarios/checker/check_report.h"
#include "scenarios/sweep/sweep_summary.h"

using namespace kafkalab::scenarios;

namespace {

SweepRunResult result(std::uint64_t seed, std::size_t lost = 0, bool passed = true) {
    SweepRunResult r;
    r.seed = seed;
    r.run = {"0123456789abcdef", "random", "0.1.0"};
    r.passed = passed;
    r.clean = lost == 0;
    r.faults = {"{at: 2s, crash: broker-1}", "{at: 4s, restart: broker-1}"};
    r.sent = 100;
    r.acknowledged = 90;
    r.failed = 10;
    for (AnomalyKind kind : all_anomaly_kinds) r.anomalies[to_string(kind)] = 0;
    r.anomalies["lost-write"] = lost;
    if (lost > 0) r.lost_by_cause["unexplained"] = lost;
    if (!passed) r.failed_expectations = {"no acknowledged record lost (" + std::to_string(lost) + " lost)"};
    r.replay = "kafkalab run s.yaml --seed " + std::to_string(seed) + " --faults random";
    return r;
}

}  // namespace

TEST_CASE("a sweep result survives its JSON line") {
    SweepRunResult r = result(17, 3, false);
    std::string line = to_json_line(r);
    CHECK(line.starts_with("{\"seed\":17,\"run\":{\"scenario\":\"0123456789abcdef\",\"faults\":\"random\","
                           "\"version\":\"0.1.0\"},\"passed\":false,\"checker\":\"anomalies\","));
    auto parsed = parse_json_line(line);
    REQUIRE(std::holds_alternative<SweepRunResult>(parsed));
    CHECK(to_json_line(std::get<SweepRunResult>(parsed)) == line);
}

TEST_CASE("a line that is not a sweep result says why") {
    CHECK(std::get<std::string>(parse_json_line("not json")) == "not a JSON object");
    CHECK(std::get<std::string>(parse_json_line("{\"seed\": 3}")).starts_with("not a sweep result"));
}

TEST_CASE("the summary adds up runs faults records and anomalies") {
    SweepSummary summary;
    summary.add(result(1));
    summary.add(result(2, 4, false));
    summary.add(result(3, 1));
    CHECK(summary.runs() == 3);
    CHECK(summary.passed() == 2);
    CHECK(summary.faults() == 6);
    CHECK(summary.sent() == 300);
    CHECK(summary.acknowledged() == 270);
    CHECK(summary.clean_runs() == 1);
    CHECK(summary.anomalies().at("lost-write").runs == 2);
    CHECK(summary.anomalies().at("lost-write").records == 5);
    REQUIRE(summary.failing().size() == 1);
    CHECK(summary.failing().at(2).replay == "kafkalab run s.yaml --seed 2 --faults random");
}

TEST_CASE("merging detects duplicate and missing seeds") {
    SweepSummary summary;
    for (std::uint64_t seed : {1, 2, 3, 6, 7, 3, 9, 9, 9}) summary.add(result(seed));
    CHECK(summary.runs() == 6);
    CHECK(summary.duplicate_seeds() == std::vector<std::uint64_t>{3, 9});
    auto holes = summary.missing(SeedRange{1, 12});
    REQUIRE(holes.size() == 3);
    CHECK((holes[0].first == 4 && holes[0].last == 5));
    CHECK((holes[1].first == 8 && holes[1].last == 8));
    CHECK((holes[2].first == 10 && holes[2].last == 12));
    CHECK(summary.missing(summary.seen_range()).size() == 2);
    CHECK(summary.missing(SeedRange{6, 7}).empty());
}

TEST_CASE("sweep expectations judge the share of runs") {
    SweepSummary summary;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) summary.add(result(seed, seed <= 3 ? 1 : 0));
    SweepShareExpectation at_least_20{SweepShareKind::lost_acknowledged_records, 0.2, std::nullopt, {}};
    SweepShareExpectation at_least_50{SweepShareKind::lost_acknowledged_records, 0.5, std::nullopt, {}};
    SweepShareExpectation none_failed{SweepShareKind::failed_runs, std::nullopt, 0.0, {}};
    auto judged = summary.judge({at_least_20, at_least_50, none_failed});
    CHECK(judged[0].passed);
    CHECK(judged[0].description == "lost-acknowledged-records in at least 20.0% of runs (found 3 of 10, 30.0%)");
    CHECK_FALSE(judged[1].passed);
    CHECK(judged[2].passed);
}

TEST_CASE("a sweep expectation with no runs at all fails") {
    SweepSummary empty;
    SweepShareExpectation at_most{SweepShareKind::failed_runs, std::nullopt, 0.0, {}};
    CHECK_FALSE(empty.judge({at_most})[0].passed);
}
