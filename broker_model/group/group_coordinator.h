#pragma once
// The classic group coordinator of one broker (Kafka's GroupCoordinator, 3.x): the
// group state machine (see group_state.h) driven by JoinGroup, SyncGroup, Heartbeat
// and LeaveGroup, session and rebalance timeouts, offset commits and fetches, and the
// DescribeGroups/ListGroups views. It serves the groups whose __consumer_offsets
// partition this broker leads; the GroupMetadataManager holds them.
//
// A rebalance, as a member sees it:
//
//   member                       coordinator
//   JoinGroup(member "")   ──>   MEMBER_ID_REQUIRED + "<client.id>-<uuid>" (KIP-394)
//   JoinGroup(member id)   ──>   parked until every known member rejoined, or the
//                                rebalance timeout (the members' longest max.poll.interval.ms);
//                                an Empty group first waits group.initial.rebalance.delay.ms,
//                                again while members keep arriving (InitialDelayedJoin)
//                         <──    generation, protocol, leader; the leader gets the members
//   SyncGroup(leader: assignments) ──> written to __consumer_offsets (GroupMetadata record)
//                         <──    each member's part of the assignment; Stable
//   Heartbeat every heartbeat.interval.ms; REBALANCE_IN_PROGRESS asks it to rejoin
//
// Timers are this broker's: the session expiration per member (Kafka's DelayedHeartbeat),
// the join wait per group (DelayedJoin/InitialDelayedJoin) and the sync wait per group
// (DelayedSync). A crash of the broker takes them all, as it takes Kafka's purgatories.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "broker_model/broker/broker.h"
#include "broker_model/events/model_event.h"
#include "broker_model/group/group_coordinator_config.h"
#include "broker_model/group/group_metadata_manager.h"

namespace kafkalab::kafka {

class GroupCoordinator {
public:
    GroupCoordinator(Broker& broker, GroupCoordinatorConfig config);
    ~GroupCoordinator();
    GroupCoordinator(const GroupCoordinator&) = delete;
    GroupCoordinator& operator=(const GroupCoordinator&) = delete;

    // --- The APIs (answers go to the callbacks, at once or later) ------------------
    void handle_join_group(const JoinGroupRequest& request, JoinCallback done);
    void handle_sync_group(const SyncGroupRequest& request, SyncCallback done);
    Error handle_heartbeat(const HeartbeatRequest& request);
    Error handle_leave_group(const LeaveGroupRequest& request);
    void handle_commit_offsets(const OffsetCommitRequest& request, std::function<void(OffsetCommitResults)> done);
    std::shared_ptr<OffsetFetchResponse> handle_fetch_offsets(const OffsetFetchRequest& request) const;
    GroupDescription describe_group(const std::string& group_id) const;
    std::shared_ptr<ListGroupsResponse> handle_list_groups() const;

    /// Follows __consumer_offsets leadership after LeaderAndIsr or StopReplica: loads the
    /// partitions this broker now leads (onElection), unloads those it lost (onResignation).
    void on_leadership_changed();

    // --- Observation, for tests, scenarios and the viewer --------------------------
    const GroupMetadataManager& manager() const { return manager_; }
    GroupPtr group(const std::string& group_id) const { return manager_.get_group(group_id); }

private:
    /// None, or why this broker cannot serve the group now: INVALID_GROUP_ID,
    /// COORDINATOR_LOAD_IN_PROGRESS, NOT_COORDINATOR (validateGroupStatus).
    std::optional<Error> validate_group_status(const std::string& group_id, bool empty_id_allowed) const;
    std::optional<Error> validate_current_member(const GroupMetadata& group, const std::string& member_id) const;

    // Joining (group_coordinator_join.cpp).
    bool accept_joining_member(const GroupMetadata& group, const std::string& member_id) const;
    void do_new_member_join(const GroupPtr& group, const JoinGroupRequest& request, JoinCallback& done);
    void do_current_member_join(const GroupPtr& group, const JoinGroupRequest& request, JoinCallback& done);
    void add_member_and_rebalance(const GroupPtr& group, const JoinGroupRequest& request, const std::string& member_id,
                                  JoinCallback done);
    void update_member_and_rebalance(const GroupPtr& group, MemberMetadata& member, const JoinGroupRequest& request,
                                     JoinCallback done, const std::string& reason);
    std::shared_ptr<JoinGroupResponse> join_result(const GroupMetadata& group, const std::string& member_id) const;

    // Rebalancing (group_coordinator_rebalance.cpp).
    void maybe_prepare_rebalance(const GroupPtr& group, const std::string& reason);
    void prepare_rebalance(const GroupPtr& group, const std::string& reason);
    void schedule_join(const GroupPtr& group, PendingJoin wait);
    void on_join_timer(const GroupPtr& group);
    /// Completes the join phase if it may complete now (DelayedJoin.tryComplete).
    void try_complete_join(const GroupPtr& group);
    void on_complete_join(const GroupPtr& group);
    void remove_member_and_update_group(const GroupPtr& group, const std::string& member_id, const std::string& reason);
    void remove_pending_member_and_update_group(const GroupPtr& group, const std::string& member_id);
    void schedule_pending_sync(const GroupPtr& group);
    void on_expire_pending_sync(const GroupPtr& group, Generation generation);
    void remove_pending_sync_member(const GroupPtr& group, const std::string& member_id);
    void remove_sync_expiration(const GroupPtr& group);

    // Liveness (group_coordinator_liveness.cpp).
    void complete_and_schedule_next_heartbeat_expiration(const GroupPtr& group, MemberMetadata& member);
    void schedule_expiration(const GroupPtr& group, MemberMetadata& member, sim::Duration timeout);
    void on_expire_heartbeat(const GroupPtr& group, const std::string& member_id);
    void add_pending_member_expiration(const GroupPtr& group, const std::string& member_id, sim::Duration timeout);
    void on_expire_pending_member(const GroupPtr& group, const std::string& member_id);
    void cancel_timers(GroupMetadata& group);

    // Syncing (group_coordinator_sync.cpp).
    void do_sync_group(const GroupPtr& group, const SyncGroupRequest& request, SyncCallback& done);
    void on_group_stored(const GroupPtr& group, Generation generation,
                         const std::map<std::string, std::vector<TopicPartition>>& assignment, Error error);
    void set_and_propagate_assignment(const GroupPtr& group,
                                      const std::map<std::string, std::vector<TopicPartition>>& assignment);
    void reset_and_propagate_assignment_error(const GroupPtr& group, Error error);
    void propagate_assignment(const GroupPtr& group, Error error);

    // Offsets (group_coordinator_offsets.cpp).
    std::optional<Error> validate_offset_commit(const GroupMetadata& group, const OffsetCommitRequest& request) const;
    void do_commit_offsets(const GroupPtr& group, const OffsetCommitRequest& request,
                           std::function<void(OffsetCommitResults)>& done);

    // Failover (group_coordinator_failover.cpp).
    void on_group_loaded(const GroupPtr& group);
    void on_group_unloaded(const GroupPtr& group);

    /// One line in the simulation trace: what happened to a group and why.
    /// Reports a step of `group`'s rebalance (its `group` is filled in here).
    void note(const GroupMetadata& group, RebalanceStep step);
    sim::NodeContext& context() { return broker_.services().context; }
    sim::Time now() const { return broker_.services().now(); }

    Broker& broker_;
    GroupCoordinatorConfig config_;
    GroupMetadataManager manager_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkalab::kafka
