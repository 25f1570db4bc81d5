#pragma once
// `kafkalab sweep-merge`: the JSON lines of sweep shards (sweep_result.h), checked to
// be the runs of one sweep, then summed up. A merge certifies a result, so it refuses
// what it cannot vouch for:
//  - a line of another scenario, fault mode or build (its `run` identity);
//  - a line whose verdict its own numbers contradict: `passed` is judged again from
//    the line's counts against the scenario's expectations, never taken on trust;
//  - a line that is not exactly what kafkalab sweep writes (parse_json_line), or
//    longer than max_line_bytes, and input that is not a file of lines (a directory);
//  - seeds given twice, missing from or outside the range, and no lines at all.
//
// Not caught: a line forged consistently (a run's counts and verdict both rewritten).
// The lines are a record, not a proof; replaying a seed (its `replay` command) is.
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/spec/scenario.h"
#include "scenarios/sweep/seed_range.h"
#include "scenarios/sweep/sweep_result.h"
#include "scenarios/sweep/sweep_summary.h"

namespace kafkalab::scenarios {

/// Lines are a few hundred bytes; a longer one is not sweep output (or is /dev/zero).
constexpr std::size_t max_line_bytes = 1 << 20;

/// What the lines must be the runs of: `kafkalab sweep SCENARIO --seeds A..B --faults F`
/// by this build.
struct SweepMergeSpec {
    /// The range the shards should cover; none: smallest to largest seen.
    std::optional<SeedRange> seeds;
    /// Every line's `run` must equal it; a field left empty must equal the first line's.
    SweepRunIdentity identity;
    /// The scenario, when known: each line is judged again against its expectations.
    const Scenario* scenario = nullptr;
    /// Its name, for messages ("the scenario safe.yaml").
    std::string scenario_name;
};

class SweepMerge {
public:
    explicit SweepMerge(SweepMergeSpec spec) : spec_(std::move(spec)) {}

    /// Reads a file of lines; false when it is refused, with "file:line: error: ..."
    /// printed on `errors`. Blank lines are skipped.
    bool read_file(const std::string& path, std::ostream& errors);
    /// One line; why it is refused, or nothing.
    std::optional<std::string> add_line(std::string_view line);

    const SweepSummary& summary() const { return summary_; }
    /// The first line of each seed, by seed.
    const std::map<std::uint64_t, std::string>& lines() const { return lines_; }
    /// What keeps the lines from being the whole sweep asked for, one message each:
    /// no lines, seeds given twice, missing, or outside --seeds. Empty: complete.
    std::vector<std::string> incomplete() const;

private:
    SweepMergeSpec spec_;
    SweepSummary summary_;
    std::map<std::uint64_t, std::string> lines_;
};

/// Why `result`'s own verdict cannot stand, or nothing: `passed` against its failed
/// expectations, a clean checker against its anomaly counts and, with a scenario, each
/// expectation about the records that the line's counts decide (run_report.cpp judges
/// them the same way from the same counts).
std::optional<std::string> contradiction(const SweepRunResult& result, const Scenario* scenario);

}  // namespace kafkalab::scenarios
