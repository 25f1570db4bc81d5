// JoinGroup (GroupCoordinator.handleJoinGroup and its helpers), with KIP-394's
// member ids handed out before the member may join.
#include "broker_model/group/group_coordinator.h"

namespace kafkalab::kafka {

namespace {

std::shared_ptr<JoinGroupResponse> join_error(const std::string& member_id, Error error) {
    auto response = std::make_shared<JoinGroupResponse>();
    response->member_id = member_id;
    response->error = error;
    return response;
}

}  // namespace

void GroupCoordinator::handle_join_group(const JoinGroupRequest& request, JoinCallback done) {
    if (auto error = validate_group_status(request.group_id, false)) return done(join_error(request.member_id, *error));
    sim::Duration session_timeout = std::chrono::milliseconds(request.session_timeout_ms);
    const BrokerConfig& broker_config = broker_.config();
    if (session_timeout < broker_config.group_min_session_timeout ||
        session_timeout > broker_config.group_max_session_timeout) {
        return done(join_error(request.member_id, Error::invalid_session_timeout));
    }
    // The group is created by a member without an id; a member with an id that the
    // coordinator does not know is told so (it may come from a lost coordinator).
    bool unknown_member = request.member_id.empty();
    GroupPtr group = manager_.get_or_maybe_create_group(request.group_id, unknown_member);
    if (!group) return done(join_error(request.member_id, Error::unknown_member_id));
    if (!accept_joining_member(*group, request.member_id)) {
        group->remove(request.member_id);
        done(join_error("", Error::group_max_size_reached));
    } else if (unknown_member) {
        do_new_member_join(group, request, done);
    } else {
        do_current_member_join(group, request, done);
    }
    if (group->is(GroupState::preparing_rebalance)) try_complete_join(group);
}

bool GroupCoordinator::accept_joining_member(const GroupMetadata& group, const std::string& member_id) const {
    auto max_size = static_cast<std::size_t>(config_.group_max_size);
    switch (group.state()) {
        case GroupState::empty:
        case GroupState::dead: return true;
        case GroupState::preparing_rebalance:
            // Counting members already waiting lets the last ones to rejoin be the ones left out.
            return (group.has(member_id) && group.get(member_id).is_awaiting_join()) ||
                   group.num_awaiting_join() < max_size;
        case GroupState::completing_rebalance:
        case GroupState::stable: return group.has(member_id) || group.size() < max_size;
    }
    return false;
}

void GroupCoordinator::do_new_member_join(const GroupPtr& group, const JoinGroupRequest& request, JoinCallback& done) {
    if (group->is(GroupState::dead)) {
        // The group was just unloaded: the member should find the coordinator again.
        return done(join_error("", Error::coordinator_not_available));
    }
    if (!group->supports_protocols(request.protocol_type, request.protocols)) {
        return done(join_error("", Error::inconsistent_group_protocol));
    }
    // KIP-394: hand out the member id first and expect the member back with it, so that
    // a client that times out and retries does not leave a ghost member behind.
    std::string member_id = GroupMetadata::generate_member_id(request.client_id, context().random());
    if (!request.require_known_member_id) return add_member_and_rebalance(group, request, member_id, std::move(done));
    group->add_pending_member(member_id);
    add_pending_member_expiration(group, member_id, std::chrono::milliseconds(request.session_timeout_ms));
    RebalanceStep required;
    required.step = RebalanceStep::Step::member_id_required;
    required.member = member_id;
    note(*group, std::move(required));
    done(join_error(member_id, Error::member_id_required));
}

void GroupCoordinator::do_current_member_join(const GroupPtr& group, const JoinGroupRequest& request,
                                              JoinCallback& done) {
    const std::string& id = request.member_id;
    if (group->is(GroupState::dead)) return done(join_error(id, Error::coordinator_not_available));
    if (!group->supports_protocols(request.protocol_type, request.protocols)) {
        return done(join_error(id, Error::inconsistent_group_protocol));
    }
    if (group->is_pending_member(id)) return add_member_and_rebalance(group, request, id, std::move(done));
    if (auto error = validate_current_member(*group, id)) return done(join_error(id, *error));
    MemberMetadata& member = group->get(id);
    switch (group->state()) {
        case GroupState::preparing_rebalance:
            return update_member_and_rebalance(group, member, request, std::move(done), "member " + id + " rejoined");
        case GroupState::completing_rebalance:
            // Same metadata: the member lost the JoinGroup response; give it again.
            if (member.matches(request.protocols)) return done(join_result(*group, id));
            return update_member_and_rebalance(group, member, request, std::move(done),
                                               "member " + id + " changed its metadata");
        case GroupState::stable:
            // The leader rejoins to make the group rebalance for changes only it can see
            // (new partitions of a subscribed topic); a follower with new metadata changed
            // its subscription; a follower with the same metadata just gets the generation.
            if (group->is_leader(id)) {
                return update_member_and_rebalance(group, member, request, std::move(done), "the leader rejoined");
            }
            if (!member.matches(request.protocols)) {
                return update_member_and_rebalance(group, member, request, std::move(done),
                                                   "member " + id + " changed its subscription");
            }
            return done(join_result(*group, id));
        case GroupState::empty:
        case GroupState::dead: break;
    }
    done(join_error(id, Error::unknown_member_id));
}

void GroupCoordinator::add_member_and_rebalance(const GroupPtr& group, const JoinGroupRequest& request,
                                                const std::string& member_id, JoinCallback done) {
    MemberMetadata member;
    member.member_id = member_id;
    member.client_id = request.client_id;
    member.client_host = request.client_host;
    member.rebalance_timeout = std::chrono::milliseconds(request.rebalance_timeout_ms);
    member.session_timeout = std::chrono::milliseconds(request.session_timeout_ms);
    member.protocol_type = request.protocol_type;
    member.supported_protocols = request.protocols;
    member.is_new = true;
    // A member joining the group's first rebalance extends the initial delay.
    if (group->is(GroupState::preparing_rebalance) && group->generation() == Generation{0}) {
        group->new_member_added = true;
    }
    if (auto it = group->pending_member_timers.find(member_id); it != group->pending_member_timers.end()) {
        context().cancel_timer(it->second);
        group->pending_member_timers.erase(it);
    }
    group->add(std::move(member), std::move(done));
    // A new member cannot heartbeat while its JoinGroup is parked, and a client that
    // gave up may retry and leave a ghost behind: bound its wait instead.
    schedule_expiration(group, group->get(member_id), config_.new_member_join_timeout);
    maybe_prepare_rebalance(group, "member " + member_id + " joined");
}

void GroupCoordinator::update_member_and_rebalance(const GroupPtr& group, MemberMetadata& member,
                                                   const JoinGroupRequest& request, JoinCallback done,
                                                   const std::string& reason) {
    group->update_member(member, request.protocols, std::chrono::milliseconds(request.rebalance_timeout_ms),
                         std::chrono::milliseconds(request.session_timeout_ms), std::move(done));
    maybe_prepare_rebalance(group, reason);
}

std::shared_ptr<JoinGroupResponse> GroupCoordinator::join_result(const GroupMetadata& group,
                                                                 const std::string& member_id) const {
    auto response = std::make_shared<JoinGroupResponse>();
    response->generation_id = group.generation();
    response->protocol_name = group.protocol_name().value_or("");
    response->leader = group.leader_id();
    response->member_id = member_id;
    if (group.is_leader(member_id)) response->members = group.current_member_metadata();
    return response;
}

}  // namespace kafkalab::kafka
