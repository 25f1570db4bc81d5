#pragma once
// Expectations about what consumers got: records received and received again over the
// run, a group's lag and a consumer's assignment at a moment. They read the
// ConsumptionLog (what every consumer received, committed and owned), never a node.
#include <optional>
#include <string>

#include "broker_model/client/consumption_log.h"
#include "scenarios/runner/scenario_run.h"

namespace kafkalab::scenarios {

/// consumed-records and redelivered-records over the whole run; nothing for other kinds.
std::optional<ExpectationResult> judge_consumption(const ExpectationSpec& e, const kafka::ConsumptionLog& log);

/// consumer-lag: `log_end` (the partition's high watermark, what Kafka's tools call the
/// log end offset; none while no replica is up) minus the group's latest successful
/// commit. Without a commit, the lag counts from `log_start`.
ExpectationResult judge_lag(const ExpectationSpec& e, const kafka::ConsumptionLog& log, std::optional<kafka::Offset> log_start,
                            std::optional<kafka::Offset> log_end, const std::string& when);

/// assignment: the partitions the consumer owns now (none once it crashed or closed).
ExpectationResult judge_assignment(const ExpectationSpec& e, const kafka::ConsumptionLog& log, const std::string& when);

}  // namespace kafkalab::scenarios
