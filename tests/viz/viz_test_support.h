#pragma once
// Lessons for the viewer's tests, loaded from the library.
#include <catch2/catch.hpp>

#include <string>

#include "scenarios/spec/load_scenario.h"

namespace kafkalab::viz::testing {

inline std::string lesson_path(const std::string& file) {
    return std::string(KAFKALAB_TEST_DATA) + "/../../scenarios/lessons/" + file;
}

inline scenarios::Scenario lesson(const std::string& file) {
    auto loaded = scenarios::load_scenario(lesson_path(file));
    REQUIRE(loaded.ok());
    return std::move(*loaded.scenario);
}

inline constexpr const char* crash_lesson = "05-replication-and-broker-crash.yaml";

}  // namespace kafkalab::viz::testing
