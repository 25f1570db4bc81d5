// The GroupCoordinator's shared checks, and the APIs that answer at once: Heartbeat,
// LeaveGroup, DescribeGroups and ListGroups.
#include "broker_model/group/group_coordinator.h"

#include "broker_model/events/record_event.h"
#include "sim/simulation.h"

namespace kafkalab::kafka {

GroupCoordinator::GroupCoordinator(Broker& broker, GroupCoordinatorConfig config)
    : broker_(broker), config_(config), manager_(broker, config_) {}

GroupCoordinator::~GroupCoordinator() { *alive_ = false; }

void GroupCoordinator::note(const GroupMetadata& group, RebalanceStep step) {
    step.group = group.group_id();
    record_event(context(), std::move(step));
}

std::optional<Error> GroupCoordinator::validate_group_status(const std::string& group_id, bool empty_id_allowed) const {
    // Offset commits and fetches and DescribeGroups accept the empty group id for
    // backward compatibility; the membership APIs need a real one (isValidGroupId).
    if (group_id.empty() && !empty_id_allowed) return Error::invalid_group_id;
    if (manager_.is_group_loading(group_id)) return Error::coordinator_load_in_progress;
    if (!manager_.is_group_local(group_id)) return Error::not_coordinator;
    return std::nullopt;
}

std::optional<Error> GroupCoordinator::validate_current_member(const GroupMetadata& group,
                                                               const std::string& member_id) const {
    if (!group.has(member_id)) return Error::unknown_member_id;
    return std::nullopt;
}

Error GroupCoordinator::handle_heartbeat(const HeartbeatRequest& request) {
    if (auto error = validate_group_status(request.group_id, false)) {
        // A loading coordinator answers blindly: the group's state will tell later.
        return *error == Error::coordinator_load_in_progress ? Error::none : *error;
    }
    GroupPtr group = manager_.get_group(request.group_id);
    if (!group) return Error::unknown_member_id;
    if (group->is(GroupState::dead)) return Error::coordinator_not_available;
    if (auto error = validate_current_member(*group, request.member_id)) return *error;
    if (request.generation_id != group->generation()) return Error::illegal_generation;
    switch (group->state()) {
        case GroupState::empty: return Error::unknown_member_id;
        case GroupState::completing_rebalance:
        case GroupState::stable:
            // A heartbeat right after the JoinGroup response is a normal heartbeat.
            complete_and_schedule_next_heartbeat_expiration(group, group->get(request.member_id));
            return Error::none;
        case GroupState::preparing_rebalance:
            complete_and_schedule_next_heartbeat_expiration(group, group->get(request.member_id));
            return Error::rebalance_in_progress;
        case GroupState::dead: break;
    }
    return Error::coordinator_not_available;
}

Error GroupCoordinator::handle_leave_group(const LeaveGroupRequest& request) {
    if (auto error = validate_group_status(request.group_id, false)) return *error;
    GroupPtr group = manager_.get_group(request.group_id);
    if (!group) return Error::unknown_member_id;
    if (group->is(GroupState::dead)) return Error::coordinator_not_available;
    if (group->is_pending_member(request.member_id)) {
        remove_pending_member_and_update_group(group, request.member_id);
        return Error::none;
    }
    if (auto error = validate_current_member(*group, request.member_id)) return *error;
    context().cancel_timer(group->get(request.member_id).heartbeat_timer);
    remove_member_and_update_group(group, request.member_id, "member " + request.member_id + " left (LeaveGroup)");
    return Error::none;
}

GroupDescription GroupCoordinator::describe_group(const std::string& group_id) const {
    GroupDescription description;
    description.group_id = group_id;
    if (auto error = validate_group_status(group_id, true)) {
        description.error = *error;
        return description;
    }
    GroupPtr group = manager_.get_group(group_id);
    if (!group) {
        description.state = to_string(GroupState::dead);  // GroupCoordinator.DeadGroup
        return description;
    }
    description.state = to_string(group->state());
    description.protocol_type = group->protocol_type().value_or("");
    // Kafka shows the protocol and the assignments only for a Stable group; during a
    // rebalance the members are listed bare (GroupMetadata.summary).
    bool stable = group->is(GroupState::stable);
    if (stable) description.protocol = group->protocol_name().value_or("");
    for (const auto& id : group->member_ids()) {
        const MemberMetadata& member = group->get(id);
        GroupDescription::Member described{id, member.client_id, member.client_host, {}};
        if (stable) described.assignment = member.assignment;
        description.members.push_back(std::move(described));
    }
    return description;
}

std::shared_ptr<ListGroupsResponse> GroupCoordinator::handle_list_groups() const {
    auto response = std::make_shared<ListGroupsResponse>();
    // Partitions still loading are missing from the list; Kafka says so with the error.
    if (manager_.is_loading()) response->error = Error::coordinator_load_in_progress;
    for (const auto& [id, group] : manager_.groups()) response->groups.emplace_back(id, to_string(group->state()));
    return response;
}

}  // namespace kafkalab::kafka
