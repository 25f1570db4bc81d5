// Coordinator failover: following the leadership of __consumer_offsets partitions
// (GroupCoordinator.onElection / onResignation, onGroupLoaded / onGroupUnloaded).
#include "broker_model/group/group_coordinator.h"

namespace kafkalab::kafka {

void GroupCoordinator::on_leadership_changed() {
    std::set<std::int32_t> led;
    for (const auto& [tp, partition] : broker_.replicas().partitions()) {
        if (tp.topic == consumer_offsets_topic && partition.is_leader()) led.insert(tp.partition);
    }
    std::set<std::int32_t> tracked = manager_.owned_partitions();
    tracked.insert(manager_.loading_partitions().begin(), manager_.loading_partitions().end());
    for (std::int32_t partition : tracked) {
        if (led.count(partition)) continue;
        // Another broker leads it now: its groups are no longer ours, and their members
        // must find the new coordinator (NOT_COORDINATOR).
        manager_.remove_groups_for_partition(partition, [this](const GroupPtr& group) { on_group_unloaded(group); });
    }
    for (std::int32_t partition : led) {
        manager_.schedule_load(partition, [this](const GroupPtr& group) { on_group_loaded(group); });
    }
}

void GroupCoordinator::on_group_loaded(const GroupPtr& group) {
    // The loaded members keep their generation and assignment; their sessions start
    // now, so members that still heartbeat carry on and silent ones expire.
    for (const auto& id : group->member_ids()) complete_and_schedule_next_heartbeat_expiration(group, group->get(id));
    RebalanceStep loaded;
    loaded.step = RebalanceStep::Step::loaded;
    loaded.generation = group->generation().value;
    loaded.group_state = to_string(group->state());
    loaded.members = group->size();
    loaded.committed_offsets = group->offsets().size();
    note(*group, std::move(loaded));
}

void GroupCoordinator::on_group_unloaded(const GroupPtr& group) {
    GroupState previous = group->state();
    group->transition_to(GroupState::dead, now());
    for (const auto& id : group->member_ids()) {
        MemberMetadata& member = group->get(id);
        if (previous == GroupState::preparing_rebalance) {
            auto response = std::make_shared<JoinGroupResponse>();
            response->member_id = id;
            response->error = Error::not_coordinator;
            group->maybe_invoke_join_callback(member, response);
        } else if (previous == GroupState::stable || previous == GroupState::completing_rebalance) {
            auto response = std::make_shared<SyncGroupResponse>();
            response->error = Error::not_coordinator;
            group->maybe_invoke_sync_callback(member, response);
        }
    }
    cancel_timers(*group);
    group->clear_pending_sync_members();
    RebalanceStep unloaded;
    unloaded.step = RebalanceStep::Step::unloaded;
    unloaded.group_state = to_string(previous);
    note(*group, std::move(unloaded));
}

}  // namespace kafkalab::kafka
