// Every lesson and every fault scenario runs with the model invariants checked after
// every event, and none breaks: the model keeps Kafka's guarantees under each fault.
#include <algorithm>
#include <filesystem>
#include <sstream>

#include <catch2/catch.hpp>

#include "scenarios/runner/scenario_run.h"
#include "scenarios/spec/load_scenario.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;

namespace {

std::vector<std::filesystem::path> scenarios_in(const std::filesystem::path& directory) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        if (entry.path().extension() == ".yaml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// Runs the scenario to its end with invariants on; fails the test with the violation.
invariants::InvariantCounts run_checked(const std::filesystem::path& file) {
    LoadResult loaded = load_scenario(file);
    REQUIRE(loaded.ok());
    RunOptions options;
    options.check_invariants = true;
    try {
        ScenarioRun run(*loaded.scenario, options);
        run.run();
        REQUIRE(run.invariants() != nullptr);
        return run.invariants()->counts();
    } catch (const invariants::InvariantViolation& violation) {
        FAIL(file.filename().string() << ": " << violation.what());
    }
    return {};
}

std::uint64_t trace_hash(const std::filesystem::path& file, bool check_invariants) {
    LoadResult loaded = load_scenario(file);
    REQUIRE(loaded.ok());
    sim::Trace trace(false);
    RunOptions options;
    options.trace = &trace;
    options.check_invariants = check_invariants;
    ScenarioRun run(*loaded.scenario, options);
    run.run();
    return trace.hash();
}

const std::filesystem::path lessons = std::filesystem::path(KAFKALAB_TEST_DATA) / "../../scenarios/lessons";

}  // namespace

TEST_CASE("every lesson runs with the model invariants holding after every event") {
    invariants::InvariantCounts total;
    for (const auto& file : scenarios_in(lessons)) {
        INFO(file.filename().string());
        auto counts = run_checked(file);
        CHECK(counts.events > 0);
        CHECK(counts.leaders > 0);
        total.events += counts.events;
        total.isr_members += counts.isr_members;
        total.positions += counts.positions;
        total.batches += counts.batches;
    }
    // The checks did compare something: followers with leaders, consumers with HWs.
    CHECK(total.isr_members > 0);
    CHECK(total.positions > 0);
    CHECK(total.batches > 0);
    WARN("lessons: " << total.events << " events checked, " << total.batches << " batches, " << total.isr_members
                     << " ISR members, " << total.positions << " consumer positions");
}

TEST_CASE("every fault scenario runs with the model invariants holding after every event") {
    const auto files = scenarios_in(std::filesystem::path(KAFKALAB_TEST_DATA) / "faults");
    REQUIRE(files.size() >= 10);
    for (const auto& file : files) {
        INFO(file.filename().string());
        CHECK(run_checked(file).events > 0);
    }
}

TEST_CASE("checking invariants leaves the trace byte for byte the same") {
    const auto file = lessons / "05-replication-and-broker-crash.yaml";
    CHECK(trace_hash(file, true) == trace_hash(file, false));
}
