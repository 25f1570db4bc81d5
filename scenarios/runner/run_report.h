#pragma once
// The end of a run: the checker's verdict on the data, every expectation with its
// outcome, and the answers to the lesson's questions.
#include <optional>
#include <ostream>
#include <vector>

#include "scenarios/checker/check_report.h"
#include "scenarios/checker/liveness.h"
#include "scenarios/runner/scenario_run.h"

namespace kafkalab::scenarios {

struct RunReport {
    CheckReport check;
    /// The liveness phase, when an expectation asks for it (recovers, does-not-recover).
    std::optional<LivenessReport> liveness;
    std::vector<ExpectationResult> expectations;
    /// Each partition's time without a leader and back to a full ISR.
    OutageTracker outages;
    bool passed() const;
};

/// Checks the data and evaluates the expectations that concern it (nothing lost, no
/// duplicates, order kept, consumed all, counts of lost or duplicated records, of
/// records a group received and received again).
RunReport finish_run(ScenarioRun& run);

/// The human summary: the checker's table with a line per producer, the partitions'
/// outages, then each expectation as ok, FAILED or not reached.
void print_report(const ScenarioRun& run, const RunReport& report, std::ostream& out);

}  // namespace kafkalab::scenarios
