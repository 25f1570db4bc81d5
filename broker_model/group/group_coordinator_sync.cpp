// SyncGroup (GroupCoordinator.handleSyncGroup): members wait for the leader's
// assignment, which is written to __consumer_offsets before anyone gets it.
#include "broker_model/group/group_coordinator.h"

namespace kafkalab::kafka {

namespace {

std::shared_ptr<SyncGroupResponse> sync_error(Error error) {
    auto response = std::make_shared<SyncGroupResponse>();
    response->error = error;
    return response;
}

}  // namespace

void GroupCoordinator::handle_sync_group(const SyncGroupRequest& request, SyncCallback done) {
    if (auto error = validate_group_status(request.group_id, false)) {
        // A loading coordinator lost the rebalance in progress: REBALANCE_IN_PROGRESS
        // sends the member back to JoinGroup without a coordinator lookup.
        return done(sync_error(*error == Error::coordinator_load_in_progress ? Error::rebalance_in_progress : *error));
    }
    GroupPtr group = manager_.get_group(request.group_id);
    if (!group) return done(sync_error(Error::unknown_member_id));
    do_sync_group(group, request, done);
}

void GroupCoordinator::do_sync_group(const GroupPtr& group, const SyncGroupRequest& request, SyncCallback& done) {
    const std::string& id = request.member_id;
    if (group->is(GroupState::dead)) return done(sync_error(Error::coordinator_not_available));
    if (auto error = validate_current_member(*group, id)) return done(sync_error(*error));
    if (request.generation_id != group->generation()) return done(sync_error(Error::illegal_generation));
    switch (group->state()) {
        case GroupState::empty: return done(sync_error(Error::unknown_member_id));
        case GroupState::preparing_rebalance: return done(sync_error(Error::rebalance_in_progress));
        case GroupState::completing_rebalance: {
            group->get(id).awaiting_sync = std::move(done);
            remove_pending_sync_member(group, id);
            if (!group->is_leader(id)) return;
            // Members the leader left out get an empty assignment.
            auto assignment = request.assignments;
            for (const auto& member_id : group->member_ids()) assignment[member_id];
            RebalanceStep received;
            received.step = RebalanceStep::Step::assignment_received;
            received.generation = group->generation().value;
            received.member = id;
            note(*group, std::move(received));
            Generation generation = group->generation();
            auto alive = alive_;
            manager_.store_group(group, assignment, [this, alive, group, generation, assignment](Error error) {
                if (*alive) on_group_stored(group, generation, assignment, error);
            });
            return;
        }
        case GroupState::stable: {
            remove_pending_sync_member(group, id);
            MemberMetadata& member = group->get(id);
            auto response = std::make_shared<SyncGroupResponse>();
            response->assignment = member.assignment;
            done(response);
            complete_and_schedule_next_heartbeat_expiration(group, member);
            return;
        }
        case GroupState::dead: break;
    }
    done(sync_error(Error::coordinator_not_available));
}

void GroupCoordinator::on_group_stored(const GroupPtr& group, Generation generation,
                                       const std::map<std::string, std::vector<TopicPartition>>& assignment,
                                       Error error) {
    // Another member may have joined while the write was under way; then this
    // generation is over and its assignment must not be handed out.
    if (!group->is(GroupState::completing_rebalance) || generation != group->generation()) return;
    if (error != Error::none) {
        reset_and_propagate_assignment_error(group, error);
        maybe_prepare_rebalance(group, std::string("storing the assignment failed with ") + error_name(error));
        return;
    }
    set_and_propagate_assignment(group, assignment);
    group->transition_to(GroupState::stable, now());
    RebalanceStep stable;
    stable.step = RebalanceStep::Step::stable;
    stable.generation = generation.value;
    note(*group, std::move(stable));
}

void GroupCoordinator::set_and_propagate_assignment(const GroupPtr& group,
                                                    const std::map<std::string, std::vector<TopicPartition>>& assignment) {
    for (const auto& id : group->member_ids()) {
        auto it = assignment.find(id);
        group->get(id).assignment = it == assignment.end() ? std::vector<TopicPartition>{} : it->second;
    }
    propagate_assignment(group, Error::none);
}

void GroupCoordinator::reset_and_propagate_assignment_error(const GroupPtr& group, Error error) {
    for (const auto& id : group->member_ids()) group->get(id).assignment.clear();
    propagate_assignment(group, error);
}

void GroupCoordinator::propagate_assignment(const GroupPtr& group, Error error) {
    for (const auto& id : group->member_ids()) {
        MemberMetadata& member = group->get(id);
        auto response = std::make_shared<SyncGroupResponse>();
        response->error = error;
        if (error == Error::none) response->assignment = member.assignment;
        // A session that expired while the member waited was ignored; start it afresh.
        if (group->maybe_invoke_sync_callback(member, response)) {
            complete_and_schedule_next_heartbeat_expiration(group, member);
        }
    }
}

}  // namespace kafkalab::kafka
