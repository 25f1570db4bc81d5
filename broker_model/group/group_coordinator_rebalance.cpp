// Rebalances: entering PreparingRebalance, the join wait (DelayedJoin and
// InitialDelayedJoin), completing the join phase, and the wait for every member's
// SyncGroup (DelayedSync).
#include <algorithm>

#include "broker_model/group/group_coordinator.h"

namespace kafkalab::kafka {

using Step = RebalanceStep::Step;

void GroupCoordinator::maybe_prepare_rebalance(const GroupPtr& group, const std::string& reason) {
    if (group->can_rebalance()) prepare_rebalance(group, reason);
}

void GroupCoordinator::prepare_rebalance(const GroupPtr& group, const std::string& reason) {
    // Members waiting for their assignment must rejoin instead.
    if (group->is(GroupState::completing_rebalance)) {
        reset_and_propagate_assignment_error(group, Error::rebalance_in_progress);
    }
    remove_sync_expiration(group);
    PendingJoin wait;
    if (group->is(GroupState::empty)) {
        // group.initial.rebalance.delay.ms: wait for more members before the first
        // generation, so a group of consumers starting together does not rebalance once each.
        sim::Duration delay = broker_.config().group_initial_rebalance_delay;
        wait.initial = true;
        wait.delay = delay;
        wait.remaining = std::max(group->rebalance_timeout() - delay, sim::Duration{0});
    } else {
        wait.delay = group->rebalance_timeout();
    }
    Generation old_generation = group->generation();
    group->transition_to(GroupState::preparing_rebalance, now());
    RebalanceStep preparing;
    preparing.step = Step::preparing_rebalance;
    preparing.generation = old_generation.value;
    preparing.reason = reason;
    note(*group, std::move(preparing));
    schedule_join(group, wait);
}

void GroupCoordinator::schedule_join(const GroupPtr& group, PendingJoin wait) {
    if (group->pending_join) context().cancel_timer(group->pending_join->timer);
    auto alive = alive_;
    wait.timer = context().set_timer(wait.delay, wait.initial ? "group initial rebalance delay" : "group join timeout",
                                     [this, alive, group] {
                                         if (*alive) on_join_timer(group);
                                     });
    group->pending_join = wait;
    if (!wait.initial) try_complete_join(group);
}

void GroupCoordinator::on_join_timer(const GroupPtr& group) {
    if (!group->pending_join || group->is(GroupState::dead)) return;
    PendingJoin ended = *group->pending_join;
    group->pending_join.reset();
    if (ended.initial && group->new_member_added && ended.remaining != sim::Duration{0}) {
        // InitialDelayedJoin: members kept arriving, so wait another delay, but never
        // past the rebalance timeout. (Kafka subtracts the delay that just ended.)
        group->new_member_added = false;
        sim::Duration configured = broker_.config().group_initial_rebalance_delay;
        PendingJoin next;
        next.initial = true;
        next.delay = std::min(configured, ended.remaining);
        next.remaining = std::max(ended.remaining - ended.delay, sim::Duration{0});
        return schedule_join(group, next);
    }
    on_complete_join(group);
}

void GroupCoordinator::try_complete_join(const GroupPtr& group) {
    if (!group->pending_join || group->pending_join->initial) return;  // the initial delay never ends early
    if (!group->has_all_members_joined()) return;
    context().cancel_timer(group->pending_join->timer);
    group->pending_join.reset();
    on_complete_join(group);
}

void GroupCoordinator::on_complete_join(const GroupPtr& group) {
    // Members that did not rejoin within the rebalance timeout are out.
    for (const auto& id : group->not_yet_rejoined_members()) {
        context().cancel_timer(group->get(id).heartbeat_timer);
        group->remove(id);
        RebalanceStep removed;
        removed.step = Step::not_rejoined_removed;
        removed.member = id;
        note(*group, std::move(removed));
    }
    if (group->is(GroupState::dead)) return;
    if (!group->maybe_elect_new_joined_leader() && group->size() != 0) {
        // Nobody rejoined: wait again until session timeouts clear out the silent members.
        PendingJoin wait;
        wait.delay = group->rebalance_timeout();
        return schedule_join(group, wait);
    }
    group->init_next_generation(now());
    const std::int32_t generation = group->generation().value;
    if (group->is(GroupState::empty)) {
        RebalanceStep empty;
        empty.step = Step::generation_empty;
        empty.generation = generation;
        note(*group, std::move(empty));
        // A failed write is harmless: the previous generation had no live members to mislead.
        manager_.store_group(group, {}, [](Error) {});
        return;
    }
    RebalanceStep started;
    started.step = Step::generation_started;
    started.generation = generation;
    started.member = group->leader_id();
    started.members = group->size();
    started.protocol = group->protocol_name().value_or("");
    note(*group, std::move(started));
    for (const auto& id : group->member_ids()) {
        MemberMetadata& member = group->get(id);
        group->maybe_invoke_join_callback(member, join_result(*group, id));
        complete_and_schedule_next_heartbeat_expiration(group, member);
        member.is_new = false;
        group->add_pending_sync_member(id);
    }
    schedule_pending_sync(group);
}

void GroupCoordinator::remove_member_and_update_group(const GroupPtr& group, const std::string& member_id,
                                                      const std::string& reason) {
    // A new member may still wait in JoinGroup: tell it, so that it joins again if alive.
    auto failed = std::make_shared<JoinGroupResponse>();
    failed->error = Error::unknown_member_id;
    group->maybe_invoke_join_callback(group->get(member_id), failed);
    group->remove(member_id);
    RebalanceStep removed;
    removed.step = Step::member_removed;
    removed.member = member_id;
    removed.reason = reason;
    note(*group, std::move(removed));
    switch (group->state()) {
        case GroupState::stable:
        case GroupState::completing_rebalance: return maybe_prepare_rebalance(group, reason);
        case GroupState::preparing_rebalance: return try_complete_join(group);
        case GroupState::empty:
        case GroupState::dead: return;
    }
}

void GroupCoordinator::remove_pending_member_and_update_group(const GroupPtr& group, const std::string& member_id) {
    group->remove(member_id);
    if (auto it = group->pending_member_timers.find(member_id); it != group->pending_member_timers.end()) {
        context().cancel_timer(it->second);
        group->pending_member_timers.erase(it);
    }
    if (group->is(GroupState::preparing_rebalance)) try_complete_join(group);
}

void GroupCoordinator::schedule_pending_sync(const GroupPtr& group) {
    context().cancel_timer(group->sync_timer);
    Generation generation = group->generation();
    auto alive = alive_;
    group->sync_timer = context().set_timer(group->rebalance_timeout(), "group sync timeout",
                                            [this, alive, group, generation] {
                                                if (*alive) on_expire_pending_sync(group, generation);
                                            });
}

void GroupCoordinator::on_expire_pending_sync(const GroupPtr& group, Generation generation) {
    group->sync_timer = {};
    if (generation != group->generation()) return;
    if (!group->is(GroupState::completing_rebalance) && !group->is(GroupState::stable)) return;
    if (group->has_received_sync_from_all_members()) return;
    // Members that got the JoinGroup response but never sent SyncGroup are gone.
    auto silent = group->pending_sync_members();
    for (const auto& id : silent) {
        context().cancel_timer(group->get(id).heartbeat_timer);
        group->remove(id);
    }
    prepare_rebalance(group, std::to_string(silent.size()) + " members did not send SyncGroup in time");
}

void GroupCoordinator::remove_pending_sync_member(const GroupPtr& group, const std::string& member_id) {
    group->remove_pending_sync_member(member_id);
    if (group->has_received_sync_from_all_members()) {
        context().cancel_timer(group->sync_timer);
        group->sync_timer = {};
    }
}

void GroupCoordinator::remove_sync_expiration(const GroupPtr& group) {
    group->clear_pending_sync_members();
    context().cancel_timer(group->sync_timer);
    group->sync_timer = {};
}

}  // namespace kafkalab::kafka
