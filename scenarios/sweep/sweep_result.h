#pragma once
// One run of a sweep, as one line of JSON: what `kafkalab sweep` prints per seed and
// `kafkalab sweep-merge` reads back.
//
//   {"seed":7,"passed":true,"checker":"clean",
//    "faults":["{at: 6.2s, crash: broker-2}","{at: 9.85s, restart: broker-2}"],
//    "records":{"sent":980,"acknowledged":975,"failed":5,"pending":0},
//    "anomalies":{"aborted-read":0,"duplicate":0,...,"lost-write":0,...},
//    "failed_expectations":[],
//    "replay":"kafkalab run safe.yaml --seed 7 --faults random"}
//
// `passed` is the scenario's own verdict (every `expect:` held); `checker` is "clean"
// when the checker named nothing a correct run may not show (CheckReport::clean()),
// else "anomalies". `faults` lists only the faults the sweep added.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kafkalab::scenarios {

struct SweepRunResult {
    std::uint64_t seed = 0;
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
