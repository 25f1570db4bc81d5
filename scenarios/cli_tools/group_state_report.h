#pragma once
// The sentence kafka-consumer-groups prints about a group's state before its table
// (ConsumerGroupCommand.shouldPrintMemberState). Internal to cli_tools.
#include <cstddef>

#include "scenarios/cli_tools/consumer_group_description.h"
#include "scenarios/cli_tools/tool_output.h"

namespace kafkalab::scenarios {

/// Writes the state message for `group` to `output` and says whether its table of
/// `row_count` rows should follow: not for a dead group, and not when there are no rows.
/// A dead group's error goes to standard output, the other messages to standard error.
bool report_group_state(const ConsumerGroupDescription& group, std::size_t row_count, ToolOutput& output);

}  // namespace kafkalab::scenarios
