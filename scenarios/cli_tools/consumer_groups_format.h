#pragma once
// What kafka-consumer-groups prints, byte for byte as Kafka 3.6's ConsumerGroupCommand.
#include <span>
#include <string>
#include <string_view>

#include "scenarios/cli_tools/consumer_group_description.h"
#include "scenarios/cli_tools/consumer_groups_command.h"
#include "scenarios/cli_tools/tool_output.h"

namespace kafkalab::scenarios {

/// --describe in the view the command asks for (--offsets by default, --members with or
/// without --verbose, --state). Groups print in group id order, each table after a blank
/// line; a dead group prints "\nError: Consumer group 'G' does not exist." on standard
/// output, an empty one "\nConsumer group 'G' has no active members." and a rebalancing
/// one "\nWarning: Consumer group 'G' is rebalancing." on standard error.
ToolOutput format_consumer_groups_describe(const ConsumerGroupsCommand& command,
                                           std::span<const ConsumerGroupDescription> groups);

/// --describe when the admin client's call for a group was still retrying at the
/// command's --timeout (its coordinator unavailable): printError's "Executing consumer
/// group command failed due to org.apache.kafka.common.errors.TimeoutException:
/// <message>" on standard output, the stack trace's head on standard error, exit code
/// 0 as Kafka 3.6's tool has. `message`: "Timed out waiting for a node assignment.
/// Call: describeGroups(api=FIND_COORDINATOR)".
ToolOutput format_consumer_groups_timeout(std::string_view message);

/// The three per-group views below print what Kafka's loop prints for one group: the
/// state message first, then the table unless the group is dead or has no rows.

/// The --offsets table of one group (GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET
/// LAG CONSUMER-ID HOST CLIENT-ID), rows ordered as Kafka orders them: members with the
/// most partitions first, each member's partitions by number, then committed partitions
/// that nobody owns, with "-" for the member columns.
ToolOutput format_group_offsets(const ConsumerGroupDescription& group);

/// The --members table of one group (#PARTITIONS, and ASSIGNMENT when verbose).
ToolOutput format_group_members(const ConsumerGroupDescription& group, bool verbose);

/// The --state table of one group (COORDINATOR (ID), ASSIGNMENT-STRATEGY, STATE, #MEMBERS).
ToolOutput format_group_state(const ConsumerGroupDescription& group);

/// --list: the group ids one a line, or with --state the GROUP STATE table filtered by the
/// states given. Groups print in the order given: the admin client's, which is the
/// iteration order of the java.util.HashMap it gathers the brokers' answers in
/// (KafkaAdminClient.ListConsumerGroupsResults), not sorted.
ToolOutput format_consumer_groups_list(const ConsumerGroupsCommand& command,
                                       std::span<const ConsumerGroupListing> groups);

}  // namespace kafkalab::scenarios
