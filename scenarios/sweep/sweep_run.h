#pragma once
// Running a scenario once per seed, on several threads. Every run is its own
// ScenarioRun with its own simulation, so runs share nothing but the read-only
// scenario; results are handed back in seed order whatever the thread count, which
// makes `--jobs 2` print exactly what `--jobs 1` prints.
#include <cstdint>
#include <functional>
#include <string>

#include "scenarios/spec/scenario.h"
#include "scenarios/sweep/seed_range.h"
#include "scenarios/sweep/sweep_result.h"

namespace kafkalab::scenarios {

struct SweepOptions {
    /// Add random_faults(scenario, seed) (fault_schedule.h) to each run.
    bool random_faults = false;
    /// Runs at once; at least 1.
    int jobs = 1;
    /// The scenario file as the user named it, for the replay command.
    std::string scenario_path;
    /// What every line says it is a run of (sweep_result.h): scenario_file_hash() of
    /// the file, and the version of the kafkalab running it.
    std::string scenario_hash;
    std::string version;
    /// Each result, in seed order, on the calling thread.
    std::function<void(const SweepRunResult&)> on_result;
};

/// The command that replays one run: "kafkalab run FILE --seed N [--faults random]".
std::string replay_command(const std::string& scenario_path, std::uint64_t seed, bool random_faults);

/// Runs the scenario with `seed` (and its random faults) and judges it.
SweepRunResult run_seed(const Scenario& scenario, std::uint64_t seed, const SweepOptions& options);

/// Runs every seed of `seeds`, options.jobs at a time, calling on_result in seed order.
void run_sweep(const Scenario& scenario, const SeedRange& seeds, const SweepOptions& options);

}  // namespace kafkalab::scenarios
