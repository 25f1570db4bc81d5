#pragma once
// One run of a sweep, as one line of JSON: what `kafkalab sweep` prints per seed and
// `kafkalab sweep-merge` reads back.
//
//   {"seed":7,"run":{"scenario":"9f0c4e2a7d1b3c55","faults":"random","version":"0.1.0"},
//    "passed":true,"checker":"clean",
//    "faults":["{at: 6.2s, crash: broker-2}","{at: 9.85s, restart: broker-2}"],
//    "records":{"sent":980,"acknowledged":975,"failed":5,"pending":0},
//    "anomalies":{"aborted-read":0,"duplicate":0,...,"lost-write":0,...},"lost_by_cause":{},
//    "liveness":"live","failed_expectations":[],
//    "replay":"kafkalab run safe.yaml --seed 7 --faults random"}
//
// `passed` is the scenario's own verdict (every `expect:` held); `checker` is "clean"
// when the checker named nothing a correct run may not show (CheckReport::clean()),
// else "anomalies". `faults` lists only the faults the sweep added. `liveness` is the
// liveness phase's verdict (scenarios/checker/liveness.h) when the scenario expects
// `recovers` or `does-not-recover`: "live", "not-live" or "not-judged"; else "not-asked". `run` says what
// the line is a run of (SweepRunIdentity), so sweep-merge can refuse lines of another
// scenario, fault mode or build.
//
// Reading is strict: every key present and no other, counts whole numbers from 0 to
// most_counted (no sign, no exponent, no fraction), seeds from 0 to max_seed, every
// anomaly kind named once. A line that breaks any of this is not kafkalab's output.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kafkalab::scenarios {

/// The largest count a line may carry. A scenario sends at most ten million records
/// (the loader's bound), so no real count comes near; sums over any number of lines
/// stay far from wrapping around.
constexpr std::uint64_t most_counted = 1'000'000'000;

/// What a line is a run of. Two lines with equal identities and seeds describe the
/// same run: the same scenario content, fault mode and build give the same result.
struct SweepRunIdentity {
    std::string scenario;  // scenario_content_hash() of the scenario file, 16 hex digits
    std::string faults;    // "random" or "none", as `kafkalab sweep --faults` was given
    std::string version;   // the kafkalab that ran it ("0.1.0")

    bool operator==(const SweepRunIdentity&) const = default;
};

/// The liveness phase's verdict on one run.
enum class RunLiveness : std::uint8_t { not_asked, live, not_live, not_judged };
const char* to_string(RunLiveness liveness);

struct SweepRunResult {
    std::uint64_t seed = 0;
    SweepRunIdentity run;
    bool passed = true;
    bool clean = true;
    std::vector<std::string> faults;
    std::size_t sent = 0;
    std::size_t acknowledged = 0;
    std::size_t failed = 0;
    std::size_t pending = 0;
    /// Anomaly counts by Jepsen's name ("lost-write", "duplicate", ...), every kind
    /// present; the JSON line lists them in name order.
    std::map<std::string, std::size_t> anomalies;
    /// Lost writes by cause (scenarios/checker/loss_cause.h: "power-lost-leader", ...),
    /// only the causes found; they add up to the lost-write count.
    std::map<std::string, std::size_t> lost_by_cause;
    RunLiveness liveness = RunLiveness::not_asked;
    /// "no acknowledged record lost (3 lost)", for each expectation that failed.
    std::vector<std::string> failed_expectations;
    std::string replay;

    std::size_t anomaly(std::string_view name) const;
};

/// One line, no newline.
std::string to_json_line(const SweepRunResult& result);
/// The result on a line written by to_json_line(); otherwise what is wrong with it.
std::variant<SweepRunResult, std::string> parse_json_line(std::string_view line);

}  // namespace kafkalab::scenarios
