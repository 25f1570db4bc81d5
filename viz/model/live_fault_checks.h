#pragma once
// Whether a live fault can be recorded: it must name hosts and links the scenario
// file knows, so that the session saved as a scenario loads again (the loader's own
// rules, docs/SCENARIOS.md "faults"), and it must not contradict a fault already due
// at the same instant (a file cannot say which of two comes first).
#include <optional>
#include <string>
#include <vector>

#include "scenarios/spec/scenario.h"
#include "viz/model/live_fault.h"

namespace kafkalab::viz {

/// Why `fault` cannot be recorded at its position, or nothing when it can. `recorded`
/// are the session's live faults still in force.
std::optional<std::string> refusal(const LiveFault& fault, const scenarios::Scenario& scenario,
                                   const std::vector<LiveFault>& recorded);

}  // namespace kafkalab::viz
