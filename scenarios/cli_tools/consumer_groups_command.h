#pragma once
// kafka-consumer-groups as typed. Options follow Kafka's ConsumerGroupCommandOptions (3.6).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kafkalab::scenarios {

enum class ConsumerGroupsAction { list, describe, delete_groups, reset_offsets, delete_offsets };

/// What --describe shows; --offsets is the default and the three exclude each other.
enum class GroupDescribeView { offsets, members, state };

/// Where --reset-offsets moves the committed offsets; exactly one is given.
enum class OffsetResetKind {
    to_earliest,  // --to-earliest
    to_latest,    // --to-latest
    to_current,   // --to-current
    to_offset,    // --to-offset N
    shift_by,     // --shift-by N (may be negative)
    to_datetime,  // --to-datetime 'YYYY-MM-DDTHH:mm:SS.sss'
    by_duration,  // --by-duration PnDTnHnMnS
    from_file,    // --from-file plan.csv
};

struct OffsetReset {
    OffsetResetKind kind = OffsetResetKind::to_earliest;
    std::int64_t amount = 0;  // The N of --to-offset and --shift-by.
    std::string text;         // The datetime, duration or file of the other text kinds.
    /// --execute; without it Kafka only plans (a dry run) and warns that it did nothing.
    bool execute = false;
    bool all_topics = false;  // --all-topics instead of --topic.

    bool operator==(const OffsetReset&) const = default;
};

struct ConsumerGroupsCommand {
    std::string program;
    ConsumerGroupsAction action = ConsumerGroupsAction::list;
    std::vector<std::string> servers;  // --bootstrap-server host:port entries, unresolved.
    std::vector<std::string> groups;   // Every --group, in typed order.
    bool all_groups = false;           // --all-groups instead of --group.
    GroupDescribeView view = GroupDescribeView::offsets;
    bool verbose = false;              // --verbose: the members view adds ASSIGNMENT.
    /// --list --state [states]: present means print the GROUP STATE table; an empty list
    /// means every state. Names are Kafka's, case-sensitive in 3.6: "Stable", "Empty".
    std::optional<std::vector<std::string>> list_states;
    /// Every --topic: "name" or "name:0,1,2" for --reset-offsets and --delete-offsets.
    std::vector<std::string> topics;
    std::optional<OffsetReset> reset;  // Set exactly when action is reset_offsets.
    std::int64_t timeout_ms = 5000;    // --timeout

    bool operator==(const ConsumerGroupsCommand&) const = default;
};

}  // namespace kafkalab::scenarios
