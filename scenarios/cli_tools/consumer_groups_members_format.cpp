// ConsumerGroupCommand's --members, --state and --list output: printMembers,
// printStates, listGroups and printGroupStates (Kafka 3.6).
#include <algorithm>
#include <fmt/format.h>
#include <map>

#include "scenarios/cli_tools/column_text.h"
#include "scenarios/cli_tools/consumer_groups_format.h"
#include "scenarios/cli_tools/group_state_report.h"

namespace kafkalab::scenarios {
namespace {

// "t1(0,2), t2(1)": per topic the partitions by number, topics in text order; "-" when
// the member holds nothing.
std::string assignment_text(const std::vector<kafka::TopicPartition>& assignment) {
    if (assignment.empty()) return "-";
    std::map<std::string, std::vector<std::int32_t>> by_topic;
    for (const kafka::TopicPartition& tp : assignment) by_topic[tp.topic].push_back(tp.partition);
    std::vector<std::string> entries;
    for (auto& [topic, partitions] : by_topic) {
        std::sort(partitions.begin(), partitions.end());
        entries.push_back(fmt::format("{}({})", topic, fmt::join(partitions, ",")));
    }
    std::sort(entries.begin(), entries.end());
    return fmt::format("{}", fmt::join(entries, ", "));
}

struct MemberWidths {
    std::size_t group = 15, consumer_id = 15, instance_id = 17, host = 15, client_id = 15;
    bool with_instance_id = false;  // The GROUP-INSTANCE-ID column appears only when a member is static.
};

MemberWidths member_widths(const ConsumerGroupDescription& group) {
    MemberWidths widths;
    for (const GroupMemberDescription& member : group.members) {
        widths.group = std::max(widths.group, java_length(group.group_id));
        widths.consumer_id = std::max(widths.consumer_id, java_length(member.consumer_id));
        widths.instance_id = std::max(widths.instance_id, java_length(member.group_instance_id));
        widths.host = std::max(widths.host, java_length(member.host));
        widths.client_id = std::max(widths.client_id, java_length(member.client_id));
        widths.with_instance_id = widths.with_instance_id || !member.group_instance_id.empty();
    }
    return widths;
}

// One row without its line end; every row, the header included, ends its
// #PARTITIONS cell with a space.
std::string member_cells(const MemberWidths& w, std::string_view group, std::string_view consumer_id,
                         std::string_view instance_id, std::string_view host, std::string_view client_id,
                         std::string_view partitions) {
    std::string cells = left_aligned(group, w.group) + " " + left_aligned(consumer_id, w.consumer_id) + " ";
    if (w.with_instance_id) cells += left_aligned(instance_id, w.instance_id) + " ";
    return cells + left_aligned(host, w.host) + " " + left_aligned(client_id, w.client_id) + " " +
           left_aligned(partitions, 15) + " ";
}

}  // namespace

ToolOutput format_group_members(const ConsumerGroupDescription& group, bool verbose) {
    ToolOutput output;
    if (!report_group_state(group, group.members.size(), output)) return output;
    const MemberWidths widths = member_widths(group);
    output.out("\n" + member_cells(widths, "GROUP", "CONSUMER-ID", "GROUP-INSTANCE-ID", "HOST", "CLIENT-ID", "#PARTITIONS") +
               (verbose ? "ASSIGNMENT" : "") + "\n");
    for (const GroupMemberDescription& member : group.members) {
        output.out(member_cells(widths, group.group_id, member.consumer_id, member.group_instance_id, member.host,
                                member.client_id, std::to_string(member.assignment.size())) +
                   (verbose ? assignment_text(member.assignment) : "") + "\n");
    }
    return output;
}

ToolOutput format_group_state(const ConsumerGroupDescription& group) {
    ToolOutput output;
    if (!report_group_state(group, 1, output)) return output;
    const GroupCoordinatorAddress& c = group.coordinator;
    const std::string coordinator = fmt::format("{}:{} ({})", c.host, c.port, c.id.value);
    // Kafka sizes the GROUP column by the coordinator's text, not by the group id.
    const std::size_t group_width = std::max<std::size_t>(25, java_length(coordinator));
    const auto line = [&](std::string_view g, std::string_view coord, std::string_view strategy, std::string_view state,
                          std::string_view members) {
        return fmt::format("\n{} {} {} {} {}", left_aligned(g, group_width), left_aligned(coord, 25),
                           left_aligned(strategy, 20), left_aligned(state, 15), members);
    };
    output.out(line("GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS"));
    output.out(line(group.group_id, coordinator, group.assignment_strategy, consumer_group_state_name(group.state),
                    std::to_string(group.members.size())));
    output.out("\n");
    return output;
}

ToolOutput format_consumer_groups_list(const ConsumerGroupsCommand& command,
                                       std::span<const ConsumerGroupListing> groups) {
    std::vector<ConsumerGroupListing> sorted(groups.begin(), groups.end());  // the admin client's order
    ToolOutput output;
    if (!command.list_states) {
        for (const ConsumerGroupListing& group : sorted) output.out(group.group_id + "\n");
        return output;
    }
    const std::vector<std::string>& states = *command.list_states;
    std::erase_if(sorted, [&](const ConsumerGroupListing& group) {
        return !states.empty() &&
               std::find(states.begin(), states.end(), consumer_group_state_name(group.state)) == states.end();
    });
    std::size_t group_width = 15;
    for (const ConsumerGroupListing& group : sorted) group_width = std::max(group_width, java_length(group.group_id));
    output.out(left_aligned("GROUP", group_width) + " STATE\n");
    for (const ConsumerGroupListing& group : sorted)
        output.out(fmt::format("{} {}\n", left_aligned(group.group_id, group_width), consumer_group_state_name(group.state)));
    return output;
}

}  // namespace kafkalab::scenarios
