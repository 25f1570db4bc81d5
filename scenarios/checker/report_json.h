#pragma once
// The checker's report as JSON, for tools and the lesson library's expectations:
//
//   {
//     "clean": false, "lost_acknowledged_data": true,
//     "counts": {"sent": 15, "acknowledged": 15, ..., "consumed_by_group": {"g": {...}}},
//     "anomalies": {
//       "lost-write": {"count": 5, "examples": [{"record_id": 1000006, "topic": "orders",
//                                               "partition": 0, "acknowledged_offset": 5, ...}]},
//       "poll-skip": {"count": 2, "after_assignment_change": 2, "examples": [...]},
//       ...
//     }
//   }
//
// Every anomaly kind is always present (count 0 when none), under Jepsen's name.
// Field names are snake_case; times are integer nanoseconds of simulated time ("_ns").
#include <cstddef>
#include <limits>

#include <nlohmann/json.hpp>

#include "scenarios/checker/check_report.h"

namespace kafkalab::scenarios {

struct JsonOptions {
    /// Examples kept per anomaly; the count is always the full count.
    std::size_t max_examples = std::numeric_limits<std::size_t>::max();
};

nlohmann::json to_json(const CheckReport& report, const JsonOptions& options = {});

}  // namespace kafkalab::scenarios
