#pragma once
// File > Save session as: the scenario the session was opened from, plus the live
// faults the class injected, as a new scenario file that `kafkalab run` and the viewer
// load and that replays the session.
//
// A live fault happened after a given event; a file can only give a time. A fault
// saved at 12.5s fires at 12.5s among the other events due then, so a replay can
// differ from the session in what happened at that very instant (a record acknowledged
// or not), though never in which faults hit which hosts when. See docs/TEACHING.md.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "viz/model/live_fault.h"

namespace kafkalab::viz {

/// `original` (a scenario's YAML text, from a file in `base_directory`) with `faults`
/// appended under `faults:`, console commands under `steps:`, added clients under
/// `producers:` and `consumers:`. Relative `properties-file` paths are made absolute so the
/// new file loads from any folder. Comments of the original are not kept.
/// Throws std::runtime_error if `original` is not YAML.
std::string session_as_scenario(std::string_view original, const std::filesystem::path& base_directory,
                                const std::vector<LiveFault>& faults);

/// Reads `original_file`, writes the session scenario to `out`. Returns what went
/// wrong, or nothing.
std::optional<std::string> save_session(const std::filesystem::path& original_file, const std::filesystem::path& out,
                                        const std::vector<LiveFault>& faults);

}  // namespace kafkalab::viz
