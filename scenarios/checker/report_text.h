#pragma once
// The checker's report for a terminal: a few lines of counts, a short table with one
// row per anomaly, then at most a few examples of each anomaly found, and a verdict.
//
//   sent 15: 15 acknowledged (0 without an offset), 0 failed, 0 pending
//   committed logs: 10 of the sent records, 15 records in all
//
//   anomaly                                   count
//   lost-write                                    5  acknowledged, then gone from the committed log
//   ...
//   lost-write (5)
//     record 1000006 "during-0" from producer: acknowledged at orders-0 offset 5 (t=1.2s); ...
//
// Deterministic: the same report renders to the same bytes.
#include <cstddef>
#include <string>

#include "sim/time.h"

#include "scenarios/checker/check_report.h"

namespace kafkalab::scenarios {

struct TextOptions {
    /// Examples shown per anomaly; the rest are counted ("... and 12 more").
    std::size_t max_examples = 3;
    /// Values longer than this are cut and end in "...".
    std::size_t max_value_chars = 32;
    /// The simulated time printed as t=0: a scenario passes its scenario time 0, so the
    /// report's times match the timeline's.
    sim::Time origin = sim::time_zero;
};

std::string render_text(const CheckReport& report, const TextOptions& options = {});

/// One line (no newline) per example, as render_text prints them; for the viewer and
/// for tests that look at one anomaly.
std::string describe(const LostWrite& lost, const TextOptions& options = {});
/// "orders-0 offsets 12..40 (29 records): acks=1: acknowledged by the leader alone; ... [acks-1-leader-failover]"
std::string describe(const LossExplanation& loss, const TextOptions& options = {});
std::string describe(const Duplicate& duplicate, const TextOptions& options = {});
std::string describe(const InconsistentOffset& inconsistent, const TextOptions& options = {});
std::string describe(const NonmonotonicSend& reorder, const TextOptions& options = {});
std::string describe(const AbortedRead& aborted, const TextOptions& options = {});
std::string describe(const Unseen& unseen, const TextOptions& options = {});
std::string describe(const PollIssue& issue, const TextOptions& options = {});

}  // namespace kafkalab::scenarios
