#pragma once
// One classic consumer group at its coordinator (Kafka's GroupMetadata): its state
// (see group_state.h), generation, members, leader, chosen protocol, the members
// still expected in a rebalance, and its committed offsets.
//
// Invariants:
// - generation_ only grows; it is 0 for a group that never completed a rebalance.
// - leader_id_ is empty exactly when members_ is empty; otherwise it names a member.
// - num_awaiting_join_ equals the number of members whose awaiting_join is set.
// - pending_members_ (KIP-394 ids handed out, first join not yet redone) and members_
//   are disjoint; pending_sync_members_ is a subset of members_.
// - protocol_supporters_[p] counts the members that support protocol p.
// Members are kept in join order so that everything that walks them is deterministic.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "broker_model/group/group_state.h"
#include "broker_model/group/member_metadata.h"
#include "sim/random.h"

namespace kafkalab::kafka {

/// A committed offset in the coordinator's cache (Kafka's CommitRecordMetadataAndOffset).
struct OffsetAndMetadata {
    Offset offset{-1};
    std::string metadata;
    std::int64_t commit_timestamp_ms = 0;
    /// Where the commit record sits in __consumer_offsets: a later record wins.
    Offset record_offset{-1};
};

/// How a rebalance waits in PreparingRebalance (Kafka's DelayedJoin and InitialDelayedJoin).
struct PendingJoin {
    /// True for the group.initial.rebalance.delay.ms wait of a group that was Empty: it
    /// never completes early, and when it ends it waits again while members keep coming.
    bool initial = false;
    sim::Duration delay{};
    /// Initial delay only: how much of the rebalance timeout is left after this delay.
    sim::Duration remaining{};
    sim::TimerId timer{};
};

class GroupMetadata {
public:
    GroupMetadata(std::string group_id, GroupState initial_state, sim::Time now);

    const std::string& group_id() const { return group_id_; }
    GroupState state() const { return state_; }
    bool is(GroupState state) const { return state_ == state; }
    /// Moves to `to`; asserts that Kafka allows it.
    void transition_to(GroupState to, sim::Time now);
    /// Whether a rebalance may start now (PreparingRebalance.validPreviousStates).
    bool can_rebalance() const { return is_valid_transition(state_, GroupState::preparing_rebalance); }
    sim::Time state_since() const { return state_since_; }

    Generation generation() const { return generation_; }
    const std::optional<std::string>& protocol_type() const { return protocol_type_; }
    const std::optional<std::string>& protocol_name() const { return protocol_name_; }
    const std::string& leader_id() const { return leader_id_; }
    bool is_leader(const std::string& member_id) const { return !leader_id_.empty() && leader_id_ == member_id; }

    // --- Members ---------------------------------------------------------------------
    bool has(const std::string& member_id) const { return members_.count(member_id) != 0; }
    MemberMetadata& get(const std::string& member_id) { return members_.at(member_id); }
    const MemberMetadata& get(const std::string& member_id) const { return members_.at(member_id); }
    std::size_t size() const { return members_.size(); }
    /// Member ids in join order.
    std::vector<std::string> member_ids() const;
    /// Adds a member (first one becomes leader and fixes the protocol type) with its
    /// parked JoinGroup, if any; a pending member stops being pending.
    void add(MemberMetadata member, JoinCallback callback);
    /// Removes a member; if it led, the earliest remaining member leads.
    void remove(const std::string& member_id);
    /// New protocols, timeouts and parked JoinGroup of a rejoining member.
    void update_member(MemberMetadata& member, std::vector<GroupProtocol> protocols, sim::Duration rebalance_timeout,
                       sim::Duration session_timeout, JoinCallback callback);
    /// Answers the member's parked JoinGroup, if any.
    void maybe_invoke_join_callback(MemberMetadata& member, std::shared_ptr<JoinGroupResponse> response);
    /// Answers the member's parked SyncGroup, if any; returns whether there was one.
    bool maybe_invoke_sync_callback(MemberMetadata& member, std::shared_ptr<SyncGroupResponse> response);
    /// If the leader did not rejoin, the earliest member that did becomes leader.
    /// False when no member rejoined (the rebalance cannot complete).
    bool maybe_elect_new_joined_leader();
    std::size_t num_awaiting_join() const { return num_awaiting_join_; }
    bool has_all_members_joined() const { return members_.size() == num_awaiting_join_ && pending_members_.empty(); }
    std::vector<std::string> not_yet_rejoined_members() const;
    /// The longest rebalance timeout among the members (GroupMetadata.rebalanceTimeoutMs).
    sim::Duration rebalance_timeout() const;

    // --- KIP-394 pending members and pending syncs ------------------------------------
    void add_pending_member(const std::string& member_id);
    bool is_pending_member(const std::string& member_id) const { return pending_members_.count(member_id) != 0; }
    void remove_pending_member(const std::string& member_id) { pending_members_.erase(member_id); }
    void add_pending_sync_member(const std::string& member_id) { pending_sync_members_.insert(member_id); }
    void remove_pending_sync_member(const std::string& member_id) { pending_sync_members_.erase(member_id); }
    bool has_received_sync_from_all_members() const { return pending_sync_members_.empty(); }
    const std::set<std::string>& pending_sync_members() const { return pending_sync_members_; }
    void clear_pending_sync_members() { pending_sync_members_.clear(); }

    // --- Protocols and generations ----------------------------------------------------
    /// "<client.id>-<uuid>" with the uuid drawn from `random` (GroupMetadata.generateMemberId).
    static std::string generate_member_id(const std::string& client_id, sim::RandomStream& random);
    /// Whether a member with these protocols may join (GroupMetadata.supportsProtocols).
    bool supports_protocols(const std::string& protocol_type, const std::vector<GroupProtocol>& protocols) const;
    /// The protocol every member supports that gets the most votes; a tie goes to the
    /// protocol the earliest member prefers. Precondition: members exist.
    std::string select_protocol() const;
    /// Next generation: CompletingRebalance with a chosen protocol, or Empty.
    void init_next_generation(sim::Time now);
    /// What the leader's JoinGroup response lists: every member and its subscription
    /// for the chosen protocol.
    std::vector<JoinGroupMember> current_member_metadata() const;
    /// Restores what a GroupMetadata record said (loading after a failover).
    void restore(Generation generation, std::optional<std::string> protocol_type,
                 std::optional<std::string> protocol_name, std::string leader_id);

    /// Set when a member joins during the first rebalance of the group, so that the
    /// initial rebalance delay is extended (GroupMetadata.newMemberAdded).
    bool new_member_added = false;
    /// The rebalance wait in progress, if the group is PreparingRebalance.
    std::optional<PendingJoin> pending_join;
    /// The wait for every member's SyncGroup after a join completed (Kafka's DelayedSync).
    sim::TimerId sync_timer{};
    /// Expirations of KIP-394 pending members (by member id).
    std::map<std::string, sim::TimerId> pending_member_timers;

    // --- Offsets ---------------------------------------------------------------------
    const std::map<TopicPartition, OffsetAndMetadata>& offsets() const { return offsets_; }
    /// Keeps `entry` unless the cache holds a commit written later in the log.
    void on_offset_commit_append(const TopicPartition& tp, const OffsetAndMetadata& entry);
    void initialize_offsets(std::map<TopicPartition, OffsetAndMetadata> offsets) { offsets_ = std::move(offsets); }

private:
    void count_supporters(const MemberMetadata& member, int delta);

    std::string group_id_;
    GroupState state_;
    sim::Time state_since_;
    std::optional<std::string> protocol_type_;
    std::optional<std::string> protocol_name_;
    /// Grows by one per completed join phase (Empty ones included).
    Generation generation_{0};
    std::string leader_id_;
    std::map<std::string, MemberMetadata> members_;
    std::uint64_t next_join_sequence_ = 0;
    std::set<std::string> pending_members_;
    std::size_t num_awaiting_join_ = 0;
    std::map<std::string, int> protocol_supporters_;
    std::set<std::string> pending_sync_members_;
    std::map<TopicPartition, OffsetAndMetadata> offsets_;
};

}  // namespace kafkalab::kafka
