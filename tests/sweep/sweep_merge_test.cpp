// What sweep-merge refuses (issue 25, item 1): a merge certifies a sweep, so a line
// of another scenario, fault mode or build, a line whose verdict its own counts
// contradict, a number that is not a plain whole number in range, seeds outside the
// range and empty or endless input are all refused rather than summed up.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/checker/check_report.h"
#include "scenarios/sweep/scenario_identity.h"
#include "scenarios/sweep/sweep_merge.h"
#include "sweep_scenarios.h"

using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

const SweepRunIdentity identity{"0123456789abcdef", "random", "0.1.0"};

SweepRunResult result(std::uint64_t seed, std::size_t lost = 0) {
    SweepRunResult r;
    r.seed = seed;
    r.run = identity;
    r.passed = lost == 0;
    r.clean = lost == 0;
    r.sent = 100;
    r.acknowledged = 90;
    for (AnomalyKind kind : all_anomaly_kinds) r.anomalies[to_string(kind)] = 0;
    r.anomalies["lost-write"] = lost;
    if (lost > 0) r.lost_by_cause["unexplained"] = lost;
    if (lost > 0) r.failed_expectations = {"no acknowledged record lost (" + std::to_string(lost) + " lost)"};
    r.replay = "kafkalab run s.yaml --seed " + std::to_string(seed) + " --faults random";
    return r;
}

/// `line` with the first `from` replaced by `to`.
std::string edited(std::string line, const std::string& from, const std::string& to) {
    auto at = line.find(from);
    REQUIRE(at != std::string::npos);
    return line.replace(at, from.size(), to);
}

std::string refusal(const std::string& line) {
    auto parsed = parse_json_line(line);
    REQUIRE(std::holds_alternative<std::string>(parsed));
    return std::get<std::string>(parsed);
}

SweepMerge merge_of(const Scenario* scenario = nullptr, std::optional<SeedRange> seeds = std::nullopt) {
    SweepMergeSpec spec;
    spec.identity = identity;
    spec.scenario = scenario;
    spec.seeds = seeds;
    return SweepMerge(spec);
}

}  // namespace

TEST_CASE("sweep-merge refuses numbers that are not plain whole numbers in range, instead of wrapping them") {
    const std::string line = to_json_line(result(5));
    CHECK(refusal(edited(line, "\"seed\":5", "\"seed\":18446744073709551616")).find("\"seed\" must be a whole number") !=
          std::string::npos);
    CHECK(refusal(edited(line, "\"seed\":5", "\"seed\":-5")).find("\"seed\"") != std::string::npos);
    CHECK(refusal(edited(line, "\"seed\":5", "\"seed\":1e3")).find("\"seed\"") != std::string::npos);
    CHECK(refusal(edited(line, "\"seed\":5", "\"seed\":9223372036854775808")).find("\"seed\"") != std::string::npos);
    CHECK(refusal(edited(line, "\"sent\":100", "\"sent\":1e30")).find("\"records.sent\"") != std::string::npos);
    CHECK(refusal(edited(line, "\"sent\":100", "\"sent\":2.0")).find("\"records.sent\"") != std::string::npos);
    CHECK(refusal(edited(line, "\"lost-write\":0", "\"lost-write\":-1")).find("\"anomalies.lost-write\"") !=
          std::string::npos);
    // The largest seed a scenario may have still reads.
    CHECK(std::holds_alternative<SweepRunResult>(
        parse_json_line(edited(line, "\"seed\":5", "\"seed\":9223372036854775807"))));
}

TEST_CASE("sweep-merge refuses lines without their run's identity, with unknown keys or missing anomaly kinds") {
    const std::string line = to_json_line(result(5));
    CHECK(refusal(edited(line, "\"run\":", "\"ran\":")).find("unknown key \"ran\"") != std::string::npos);
    CHECK(refusal(edited(line, "\"faults\":\"random\"", "\"faults\":\"some\"")).find("run.faults") != std::string::npos);
    CHECK(refusal(edited(line, "\"lost-write\":0,", "")).find("no \"lost-write\"") != std::string::npos);
    CHECK(refusal(edited(line, "\"lost-write\":0,", "\"lost-write\":0,\"lost-forever\":1,")).find("\"lost-forever\"") !=
          std::string::npos);
}

TEST_CASE("sweep-merge refuses the lines of another scenario, fault mode or build") {
    SweepRunResult other = result(1);
    other.run.scenario = "fedcba9876543210";
    CHECK(merge_of().add_line(to_json_line(other)).value_or("").find("content hash fedcba9876543210") != std::string::npos);
    other = result(1);
    other.run.faults = "none";
    CHECK(merge_of().add_line(to_json_line(other)).value_or("").find("--faults none") != std::string::npos);
    other = result(1);
    other.run.version = "0.0.9";
    CHECK(merge_of().add_line(to_json_line(other)).value_or("").find("kafkalab 0.0.9") != std::string::npos);

    // Without a scenario named, every line must be a run of the first line's.
    SweepMergeSpec open_spec;
    open_spec.identity.faults = "random";
    open_spec.identity.version = "0.1.0";
    SweepMerge open(open_spec);
    CHECK_FALSE(open.add_line(to_json_line(result(1))));
    other = result(2);
    other.run.scenario = "fedcba9876543210";
    CHECK(open.add_line(to_json_line(other)).has_value());
}

TEST_CASE("sweep-merge judges each line again and refuses a verdict its own counts contradict") {
    Scenario scenario = load_ok(sweep_scenario_text(""));  // expects no-acknowledged-record-lost
    // A hand-edited line: 7 records lost, yet "passed".
    SweepRunResult forged = result(3);
    forged.anomalies["lost-write"] = 7;
    forged.lost_by_cause["unexplained"] = 7;
    forged.clean = false;
    auto why = merge_of(&scenario).add_line(to_json_line(forged));
    REQUIRE(why);
    CHECK(why->find("with 7 lost-write the scenario's expectation no-acknowledged-record-lost (line 11) fails") !=
          std::string::npos);
    // The checker said clean, yet the line counts lost records.
    forged.passed = false;
    forged.failed_expectations = {"no acknowledged record lost (7 lost)"};
    forged.clean = true;
    CHECK(merge_of(&scenario).add_line(to_json_line(forged)).value_or("").find("\"clean\", yet the line counts 7 lost-write") !=
          std::string::npos);
    // Passed with a failed expectation listed.
    forged = result(3);
    forged.failed_expectations = {"x"};
    CHECK(merge_of(&scenario).add_line(to_json_line(forged)).has_value());
    // An honest failing line is taken, and counts as failed.
    SweepMerge merge = merge_of(&scenario);
    CHECK_FALSE(merge.add_line(to_json_line(result(4, 2))));
    CHECK(merge.summary().passed() == 0);
}

TEST_CASE("an expectation about one topic is re-judged only when no topic has the anomaly") {
    Scenario scenario = load_ok(sweep_scenario_text("").replace(sweep_scenario_text("").find("  - no-acknowledged-record-lost"),
                                                                 31, "  - {no-acknowledged-record-lost: {topic: orders}}"));
    SweepRunResult line = result(3);
    line.anomalies["lost-write"] = 2;  // somewhere, maybe on another topic: undecided
    line.lost_by_cause["unexplained"] = 2;
    line.clean = false;
    CHECK_FALSE(contradiction(line, &scenario));
    CHECK(contradiction(result(3), &scenario) == std::nullopt);
}

TEST_CASE("sweep-merge names seeds outside --seeds and refuses empty input") {
    SweepMerge merge = merge_of(nullptr, SeedRange{1, 3});
    CHECK(merge.incomplete() == std::vector<std::string>{"no sweep results in the input"});
    for (std::uint64_t seed : {1, 2, 3, 4}) REQUIRE_FALSE(merge.add_line(to_json_line(result(seed))));
    CHECK(merge.incomplete() == std::vector<std::string>{"seeds outside --seeds 1..3: lines for seeds 1..4 were given"});
}

TEST_CASE("sweep-merge refuses a directory and endless input and reads a file of lines") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "kafkalab-sweep-merge-test";
    fs::create_directories(dir);
    std::ostringstream errors;
    CHECK_FALSE(merge_of().read_file(dir.string(), errors));
    CHECK(errors.str().find("is a directory") != std::string::npos);
    errors.str("");
    CHECK_FALSE(merge_of().read_file("/dev/zero", errors));
    CHECK(errors.str() == "/dev/zero:1: error: a line longer than 1024 KiB is not sweep output\n");
    const fs::path file = dir / "lines.jsonl";
    std::ofstream(file) << to_json_line(result(1)) << "\n\n" << to_json_line(result(2)) << "\n";
    SweepMerge merge = merge_of();
    CHECK(merge.read_file(file.string(), errors));
    CHECK(merge.summary().runs() == 2);
    CHECK(merge.incomplete().empty());
    fs::remove_all(dir);
}

TEST_CASE("the scenario's content hash changes with the file and with its properties, not with its name") {
    Scenario scenario = load_ok(sweep_scenario_text(""));
    const std::string text = sweep_scenario_text("");
    CHECK(scenario_content_hash(text, scenario).size() == 16);
    CHECK(scenario_content_hash(text, scenario) == scenario_content_hash(text, load_ok(sweep_scenario_text(""))));
    CHECK(scenario_content_hash(text + "# edited\n", scenario) != scenario_content_hash(text, scenario));
    Scenario other_settings = scenario;
    other_settings.cluster.brokers[0].properties.set("min.insync.replicas", "1");
    CHECK(scenario_content_hash(text, other_settings) != scenario_content_hash(text, scenario));
}

TEST_CASE("sweep-merge refuses loss causes it does not know or that do not add up to the lost writes") {
    SweepRunResult lossy = result(5, 3);
    const std::string line = to_json_line(lossy);
    CHECK(line.find("\"lost_by_cause\":{\"unexplained\":3}") != std::string::npos);
    CHECK(refusal(edited(line, "\"unexplained\":3", "\"bad-luck\":3")).find("unknown cause \"bad-luck\"") !=
          std::string::npos);
    CHECK(refusal(edited(line, "\"unexplained\":3", "\"unexplained\":2")).find("adds up to 2, not the 3 lost writes") !=
          std::string::npos);
    CHECK(refusal(edited(line, "\"unexplained\":3", "\"unexplained\":3,\"power-lost-leader\":0"))
              .find("with no record") != std::string::npos);
}

TEST_CASE("sweep-merge judges no-acknowledged-record-lost with its excepted causes left out") {
    const std::string text = sweep_scenario_text("");
    Scenario scenario = load_ok(std::string(text).replace(
        text.find("  - no-acknowledged-record-lost"), 31,
        "  - {no-acknowledged-record-lost: {except: [power-lost-leader]}}"));
    SweepRunResult excepted = result(3);
    excepted.anomalies["lost-write"] = 4;
    excepted.lost_by_cause["power-lost-leader"] = 4;
    excepted.clean = false;
    CHECK_FALSE(contradiction(excepted, &scenario));
    SweepRunResult unexplained = excepted;
    unexplained.lost_by_cause = {{"power-lost-leader", 3}, {"unexplained", 1}};
    const auto why = contradiction(unexplained, &scenario);
    REQUIRE(why);
    CHECK(why->find("with 1 lost-write") != std::string::npos);
}
