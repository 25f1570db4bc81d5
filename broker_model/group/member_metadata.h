#pragma once
// One member of a classic group as its coordinator knows it (Kafka's MemberMetadata):
// who it is, the protocols it can run, its timeouts, its assignment, and the JoinGroup
// or SyncGroup request it has parked at the coordinator, if any.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "broker_model/protocol/group_requests.h"
#include "sim/scheduler.h"
#include "sim/time.h"

namespace kafkalab::kafka {

/// Answers a parked JoinGroup. Called at most once per request.
using JoinCallback = std::function<void(std::shared_ptr<JoinGroupResponse>)>;
/// Answers a parked SyncGroup. Called at most once per request.
using SyncCallback = std::function<void(std::shared_ptr<SyncGroupResponse>)>;

/// Whether two protocol lists are the same, name by name and subscription by
/// subscription (Kafka compares the metadata bytes, MemberMetadata.matches).
bool same_protocols(const std::vector<GroupProtocol>& a, const std::vector<GroupProtocol>& b);

struct MemberMetadata {
    std::string member_id;
    std::string client_id;
    std::string client_host;
    /// max.poll.interval.ms of the member: how long a rebalance may wait for it.
    sim::Duration rebalance_timeout{};
    /// session.timeout.ms: how long the coordinator waits for its next heartbeat.
    sim::Duration session_timeout{};
    std::string protocol_type;
    /// The protocols the member can run, in its order of preference. Replaced when it
    /// rejoins with new metadata (a subscription change).
    std::vector<GroupProtocol> supported_protocols;
    /// What the leader assigned to it in the current generation; empty until SyncGroup.
    std::vector<TopicPartition> assignment;

    /// Set while a JoinGroup from this member waits for the rebalance to complete.
    JoinCallback awaiting_join;
    /// Set while a SyncGroup from this member waits for the leader's assignment.
    SyncCallback awaiting_sync;
    /// True from its first join until the rebalance it joined completes: such a member
    /// cannot heartbeat yet, so only new_member_join_timeout bounds its wait.
    bool is_new = false;
    /// The pending session expiration (Kafka's DelayedHeartbeat); replaced by every
    /// heartbeat and every other sign of life.
    sim::TimerId heartbeat_timer{};
    /// Order of arrival in the group, which makes leader succession deterministic.
    std::uint64_t join_sequence = 0;

    bool is_awaiting_join() const { return static_cast<bool>(awaiting_join); }
    bool is_awaiting_sync() const { return static_cast<bool>(awaiting_sync); }
    bool matches(const std::vector<GroupProtocol>& protocols) const {
        return same_protocols(supported_protocols, protocols);
    }
    /// The member's subscription for `protocol`; null if it does not support it.
    const GroupProtocol* metadata(const std::string& protocol) const;
    /// The first protocol in its preference order that is among `candidates`
    /// (MemberMetadata.vote). Precondition: there is one.
    std::string vote(const std::vector<std::string>& candidates) const;
    /// Whether the session expiration, when it fires, finds the member alive: members
    /// parked in a rebalance count as alive, except new ones (MemberMetadata.hasSatisfiedHeartbeat).
    bool alive_while_parked() const { return !is_new && (is_awaiting_join() || is_awaiting_sync()); }
};

}  // namespace kafkalab::kafka
