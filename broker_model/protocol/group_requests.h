#pragma once
// The classic consumer group protocol (KIP-62 era, Kafka 3.x): FindCoordinator,
// JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch,
// DescribeGroups and ListGroups, with Kafka's field names. A group's coordinator is the
// broker leading partition abs(hash(group.id)) % offsets.topic.num.partitions of
// __consumer_offsets.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/common/errors.h"
#include "broker_model/common/types.h"
#include "broker_model/protocol/api.h"

namespace kafkalab::kafka {

struct FindCoordinatorRequest final : Request<ApiKey::find_coordinator> {
    std::string key;  // the group id
    std::size_t size_bytes() const override { return request_header_bytes + 4 + key.size(); }
    std::string summary() const override { return "FindCoordinator group " + key; }
};

struct FindCoordinatorResponse final : Response<ApiKey::find_coordinator> {
    Error error = Error::none;  // COORDINATOR_NOT_AVAILABLE while __consumer_offsets has no leader
    BrokerId node_id = no_broker;
    std::string host;
    std::int32_t port = 9092;
    std::size_t size_bytes() const override { return response_header_bytes + 16 + host.size(); }
    std::string summary() const override;
};

/// One protocol a member can run: an assignor name and its subscription metadata.
struct GroupProtocol {
    std::string name;  // "range", "roundrobin", "cooperative-sticky"
    /// The member's subscription (ConsumerProtocolSubscription): topics and, for the
    /// cooperative protocol, the partitions it owns now.
    std::vector<std::string> topics;
    std::vector<TopicPartition> owned_partitions;
    std::int32_t generation = -1;
};

struct JoinGroupRequest final : Request<ApiKey::join_group> {
    std::string group_id;
    std::int32_t session_timeout_ms = 45'000;
    std::int32_t rebalance_timeout_ms = 300'000;  // max.poll.interval.ms
    std::string member_id;                         // "" on the first join (KIP-394)
    std::string client_id;
    std::string client_host;
    std::string protocol_type = "consumer";
    std::vector<GroupProtocol> protocols;  // in the member's order of preference
    /// KIP-394 applies from JoinGroup v4: an older client, which cannot handle
    /// MEMBER_ID_REQUIRED, joins at once with the id the coordinator makes up.
    bool require_known_member_id = true;

    std::size_t size_bytes() const override { return request_header_bytes + 64 + 32 * protocols.size(); }
    std::string summary() const override;
};

struct JoinGroupMember {
    std::string member_id;
    std::string client_id;
    std::string client_host;
    GroupProtocol metadata;  // the member's subscription for the chosen protocol
};

struct JoinGroupResponse final : Response<ApiKey::join_group> {
    Error error = Error::none;  // MEMBER_ID_REQUIRED on a first join (KIP-394)
    Generation generation_id{-1};
    std::string protocol_name;
    std::string leader;
    std::string member_id;
    std::vector<JoinGroupMember> members;  // filled only for the leader

    std::size_t size_bytes() const override { return response_header_bytes + 48 + 48 * members.size(); }
    std::string summary() const override;
};

struct SyncGroupRequest final : Request<ApiKey::sync_group> {
    std::string group_id;
    Generation generation_id{-1};
    std::string member_id;
    /// Only the leader sends assignments: member id -> partitions.
    std::map<std::string, std::vector<TopicPartition>> assignments;

    std::size_t size_bytes() const override { return request_header_bytes + 48 + 32 * assignments.size(); }
    std::string summary() const override;
};

struct SyncGroupResponse final : Response<ApiKey::sync_group> {
    Error error = Error::none;
    std::vector<TopicPartition> assignment;
    std::size_t size_bytes() const override { return response_header_bytes + 8 + 24 * assignment.size(); }
    std::string summary() const override;
};

struct HeartbeatRequest final : Request<ApiKey::heartbeat> {
    std::string group_id;
    Generation generation_id{-1};
    std::string member_id;
    std::size_t size_bytes() const override { return request_header_bytes + 16 + group_id.size() + member_id.size(); }
    std::string summary() const override { return "Heartbeat " + member_id; }
};

struct HeartbeatResponse final : Response<ApiKey::heartbeat> {
    Error error = Error::none;  // REBALANCE_IN_PROGRESS asks the member to rejoin
    std::size_t size_bytes() const override { return response_header_bytes + 2; }
    std::string summary() const override;
};

struct LeaveGroupRequest final : Request<ApiKey::leave_group> {
    std::string group_id;
    std::string member_id;
    std::size_t size_bytes() const override { return request_header_bytes + 8 + group_id.size() + member_id.size(); }
    std::string summary() const override { return "LeaveGroup " + member_id; }
};

struct LeaveGroupResponse final : Response<ApiKey::leave_group> {
    Error error = Error::none;
    std::size_t size_bytes() const override { return response_header_bytes + 2; }
};

struct CommittedOffset {
    TopicPartition partition;
    Offset offset{-1};  // the next record to read, as Kafka commits it
    std::string metadata;
};

struct OffsetCommitRequest final : Request<ApiKey::offset_commit> {
    std::string group_id;
    Generation generation_id{-1};  // -1 for a consumer without a group (assign())
    std::string member_id;
    std::vector<CommittedOffset> offsets;

    std::size_t size_bytes() const override { return request_header_bytes + 32 + 32 * offsets.size(); }
    std::string summary() const override;
};

struct OffsetCommitResponse final : Response<ApiKey::offset_commit> {
    std::vector<std::pair<TopicPartition, Error>> results;
    std::size_t size_bytes() const override { return response_header_bytes + 24 * results.size(); }
    std::string summary() const override;
};

struct OffsetFetchRequest final : Request<ApiKey::offset_fetch> {
    std::string group_id;
    /// Partitions asked for; nullopt means every partition the group has committed.
    std::optional<std::vector<TopicPartition>> partitions;
    std::size_t size_bytes() const override { return request_header_bytes + 32; }
    std::string summary() const override { return "OffsetFetch group " + group_id; }
};

struct OffsetFetchResponse final : Response<ApiKey::offset_fetch> {
    Error error = Error::none;  // COORDINATOR_LOAD_IN_PROGRESS while offsets load
    std::vector<std::pair<TopicPartition, Offset>> offsets;  // -1: nothing committed
    std::size_t size_bytes() const override { return response_header_bytes + 24 * offsets.size(); }
    std::string summary() const override;
};

/// What kafka-consumer-groups --describe shows of a group.
struct GroupDescription {
    Error error = Error::none;
    std::string group_id;
    std::string state;  // "Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead"
    std::string protocol_type;
    std::string protocol;
    struct Member {
        std::string member_id;
        std::string client_id;
        std::string client_host;
        std::vector<TopicPartition> assignment;
    };
    std::vector<Member> members;
};

struct DescribeGroupsRequest final : Request<ApiKey::describe_groups> {
    std::vector<std::string> groups;
    std::size_t size_bytes() const override { return request_header_bytes + 32 * groups.size(); }
};

struct DescribeGroupsResponse final : Response<ApiKey::describe_groups> {
    std::vector<GroupDescription> groups;
    std::size_t size_bytes() const override { return response_header_bytes + 128 * groups.size(); }
};

struct ListGroupsRequest final : Request<ApiKey::list_groups> {
    std::size_t size_bytes() const override { return request_header_bytes; }
};

struct ListGroupsResponse final : Response<ApiKey::list_groups> {
    Error error = Error::none;
    std::vector<std::pair<std::string, std::string>> groups;  // (group id, state)
    std::size_t size_bytes() const override { return response_header_bytes + 32 * groups.size(); }
};

}  // namespace kafkalab::kafka
