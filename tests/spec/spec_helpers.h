#pragma once
// Loading helpers for the scenario tests: a load that must succeed prints every
// diagnostic when it does not.
#include <string>

#include <catch2/catch.hpp>

#include "scenarios/spec/load_scenario.h"

namespace kafkalab::scenarios::testing {

inline std::string report(const LoadResult& result) {
    std::string text;
    for (const auto& d : result.diagnostics) text += d.to_string() + "\n";
    return text;
}

/// Loads tests/data/good/<name> and requires it to load without any diagnostic.
inline Scenario load_good(const std::string& name) {
    auto result = load_scenario(std::string(KAFKALAB_TEST_DATA) + "/good/" + name);
    INFO(report(result));
    REQUIRE(result.ok());
    REQUIRE(result.diagnostics.empty());
    return *result.scenario;
}

/// Loads text that must fail, and returns the report.
inline std::string load_bad_text(const std::string& text) {
    auto result = load_scenario_text(text, "test.yaml");
    CHECK_FALSE(result.ok());
    return report(result);
}

}  // namespace kafkalab::scenarios::testing
