#pragma once
// What every kafkalab subcommand shares: its exit codes, and loading a scenario with
// its diagnostics printed on standard error.
//
// Exit codes: 0 the run (or every run) passed its expectations, or validate found no
// error; 1 an expectation failed; 2 the scenario file or the command line is invalid;
// 3 a model invariant was violated (run --check-invariants); 4 an output could not be
// written (a file a flag names, or standard output: a full disk, /dev/full).
#include <iostream>
#include <optional>
#include <string>

#include "scenarios/spec/load_scenario.h"

namespace kafkalab::cli {

constexpr int exit_passed = 0;
constexpr int exit_expectation_failed = 1;
constexpr int exit_bad_input = 2;
constexpr int exit_invariant_violated = 3;
constexpr int exit_output_failed = 4;

/// Loads a scenario, printing its diagnostics; nothing if it has errors.
inline std::optional<scenarios::Scenario> load_printing_diagnostics(const std::string& path) {
    scenarios::LoadResult loaded = scenarios::load_scenario(path);
    for (const auto& d : loaded.diagnostics) std::cerr << d.to_string() << "\n";
    if (!loaded.scenario) return std::nullopt;
    return std::move(*loaded.scenario);
}

}  // namespace kafkalab::cli
