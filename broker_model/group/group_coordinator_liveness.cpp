// Session timeouts: each member's expiration (Kafka's DelayedHeartbeat), replaced by
// every heartbeat or other sign of life, and the expiration of KIP-394 pending members.
#include "broker_model/group/group_coordinator.h"

namespace kafkalab::kafka {

void GroupCoordinator::complete_and_schedule_next_heartbeat_expiration(const GroupPtr& group, MemberMetadata& member) {
    schedule_expiration(group, member, member.session_timeout);
}

void GroupCoordinator::schedule_expiration(const GroupPtr& group, MemberMetadata& member, sim::Duration timeout) {
    context().cancel_timer(member.heartbeat_timer);
    auto alive = alive_;
    std::string id = member.member_id;
    member.heartbeat_timer = context().set_timer(timeout, "member session expiration", [this, alive, group, id] {
        if (*alive) on_expire_heartbeat(group, id);
    });
}

void GroupCoordinator::on_expire_heartbeat(const GroupPtr& group, const std::string& member_id) {
    if (group->is(GroupState::dead) || !group->has(member_id)) return;
    MemberMetadata& member = group->get(member_id);
    member.heartbeat_timer = {};
    // A member parked in a rebalance is alive by definition; the rebalance itself
    // bounds its wait, and its session restarts when the rebalance moves on.
    if (member.alive_while_parked()) return;
    std::string why = member.is_new ? "new member " + member_id + " did not complete its join in time"
                                    : "member " + member_id + " failed: no heartbeat within session.timeout.ms";
    remove_member_and_update_group(group, member_id, why);
}

void GroupCoordinator::add_pending_member_expiration(const GroupPtr& group, const std::string& member_id,
                                                     sim::Duration timeout) {
    auto alive = alive_;
    group->pending_member_timers[member_id] =
        context().set_timer(timeout, "pending member expiration", [this, alive, group, member_id] {
            if (*alive) on_expire_pending_member(group, member_id);
        });
}

void GroupCoordinator::on_expire_pending_member(const GroupPtr& group, const std::string& member_id) {
    group->pending_member_timers.erase(member_id);
    if (group->is(GroupState::dead) || !group->is_pending_member(member_id)) return;
    RebalanceStep expired;
    expired.step = RebalanceStep::Step::pending_member_expired;
    expired.member = member_id;
    note(*group, std::move(expired));
    remove_pending_member_and_update_group(group, member_id);
}

void GroupCoordinator::cancel_timers(GroupMetadata& group) {
    for (const auto& id : group.member_ids()) {
        context().cancel_timer(group.get(id).heartbeat_timer);
        group.get(id).heartbeat_timer = {};
    }
    if (group.pending_join) context().cancel_timer(group.pending_join->timer);
    group.pending_join.reset();
    context().cancel_timer(group.sync_timer);
    group.sync_timer = {};
    for (const auto& [id, timer] : group.pending_member_timers) context().cancel_timer(timer);
    group.pending_member_timers.clear();
}

}  // namespace kafkalab::kafka
