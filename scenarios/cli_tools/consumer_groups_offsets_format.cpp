// ConsumerGroupCommand.describeGroups with --offsets (the default): collectGroupsOffsets,
// shouldPrintMemberState and printOffsets (Kafka 3.6).
#include <algorithm>
#include <set>
#include <fmt/format.h>

#include "scenarios/cli_tools/column_text.h"
#include "scenarios/cli_tools/consumer_groups_format.h"
#include "scenarios/cli_tools/group_state_report.h"

namespace kafkalab::scenarios {
namespace {

constexpr std::string_view missing = "-";  // Kafka's MISSING_COLUMN_VALUE.

struct OffsetRow {
    std::string topic;
    std::string partition;
    std::string current_offset;
    std::string log_end_offset;
    std::string lag;
    std::string consumer_id;
    std::string host;
    std::string client_id;
};

OffsetRow partition_row(const ConsumerGroupDescription& group, const kafka::TopicPartition& tp,
                        std::string consumer_id, std::string host, std::string client_id) {
    const auto committed = group.committed_offsets.find(tp);
    const auto end = group.log_end_offsets.find(tp);
    const bool has_committed = committed != group.committed_offsets.end() && committed->second != -1;
    OffsetRow row{tp.topic, std::to_string(tp.partition), std::string(missing), std::string(missing), std::string(missing),
                  std::move(consumer_id), std::move(host), std::move(client_id)};
    if (committed != group.committed_offsets.end()) row.current_offset = std::to_string(committed->second);
    if (end != group.log_end_offsets.end()) row.log_end_offset = std::to_string(end->second);
    // Lag needs both ends; a partition nobody committed has none (getLag).
    if (has_committed && end != group.log_end_offsets.end()) row.lag = std::to_string(end->second - committed->second);
    return row;
}

// Members holding the most partitions come first; each member's partitions go by
// number; then the committed partitions nobody holds.
std::vector<OffsetRow> offset_rows(const ConsumerGroupDescription& group) {
    std::vector<const GroupMemberDescription*> members;
    for (const GroupMemberDescription& member : group.members)
        if (!member.assignment.empty()) members.push_back(&member);
    std::stable_sort(members.begin(), members.end(),
                     [](const auto* a, const auto* b) { return a->assignment.size() > b->assignment.size(); });

    std::vector<OffsetRow> rows;
    std::set<kafka::TopicPartition> assigned;
    for (const GroupMemberDescription* member : members) {
        std::vector<kafka::TopicPartition> partitions = member->assignment;
        std::stable_sort(partitions.begin(), partitions.end(),
                         [](const auto& a, const auto& b) { return a.partition < b.partition; });
        for (const kafka::TopicPartition& tp : partitions) {
            rows.push_back(partition_row(group, tp, member->consumer_id, member->host, member->client_id));
            assigned.insert(tp);
        }
    }
    std::vector<kafka::TopicPartition> unassigned;
    for (const auto& [tp, offset] : group.committed_offsets)
        if (!assigned.contains(tp)) unassigned.push_back(tp);
    // Kafka sorts these by partition only, leaving ties in hash order; the topic name
    // breaks ties here so that a run is reproducible.
    std::stable_sort(unassigned.begin(), unassigned.end(),
                     [](const auto& a, const auto& b) { return a.partition < b.partition; });
    for (const kafka::TopicPartition& tp : unassigned)
        rows.push_back(partition_row(group, tp, std::string(missing), std::string(missing), std::string(missing)));
    return rows;
}

}  // namespace

ToolOutput format_group_offsets(const ConsumerGroupDescription& group) {
    const std::vector<OffsetRow> rows = offset_rows(group);
    ToolOutput output;
    if (!report_group_state(group, rows.size(), output)) return output;

    std::size_t group_width = std::max<std::size_t>(15, java_length(group.group_id));
    std::size_t topic_width = 15, consumer_width = 15, host_width = 15;
    for (const OffsetRow& row : rows) {
        topic_width = std::max(topic_width, java_length(row.topic));
        consumer_width = std::max(consumer_width, java_length(row.consumer_id));
        host_width = std::max(host_width, java_length(row.host));
    }
    const auto line = [&](std::string_view group_id, const OffsetRow& row) {
        return fmt::format("{} {} {} {} {} {} {} {} {}\n", left_aligned(group_id, group_width),
                           left_aligned(row.topic, topic_width), left_aligned(row.partition, 10),
                           left_aligned(row.current_offset, 15), left_aligned(row.log_end_offset, 15),
                           left_aligned(row.lag, 15), left_aligned(row.consumer_id, consumer_width),
                           left_aligned(row.host, host_width), row.client_id);
    };
    const OffsetRow header{"TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"};
    output.out("\n" + line("GROUP", header));
    for (const OffsetRow& row : rows) output.out(line(group.group_id, row));
    return output;
}

ToolOutput format_consumer_groups_describe(const ConsumerGroupsCommand& command,
                                           std::span<const ConsumerGroupDescription> groups) {
    // Kafka collects the groups into a TreeMap, so they print in group id order.
    std::vector<const ConsumerGroupDescription*> sorted;
    for (const ConsumerGroupDescription& group : groups) sorted.push_back(&group);
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->group_id < b->group_id; });

    ToolOutput output;
    for (const ConsumerGroupDescription* group : sorted) {
        switch (command.view) {
            case GroupDescribeView::offsets: output.append(format_group_offsets(*group)); break;
            case GroupDescribeView::members: output.append(format_group_members(*group, command.verbose)); break;
            case GroupDescribeView::state: output.append(format_group_state(*group)); break;
        }
    }
    return output;
}

}  // namespace kafkalab::scenarios
