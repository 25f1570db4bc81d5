#pragma once
// Partition assignment for the classic consumer group protocol. The coordinator picks
// one member as the group leader; the leader runs an assignor over every member's
// subscription and sends the result back in SyncGroup. The assignors here reproduce
// the Java client's (ConsumerPartitionAssignor and its implementations) member for
// member and partition for partition, so a lesson shows what a real group would do.
//
// An assignor is eager or cooperative (ConsumerPartitionAssignor.RebalanceProtocol):
//   eager        every member revokes ALL its partitions before rejoining; the new
//                assignment may hand any partition to anyone.
//   cooperative  (KIP-429) members keep their partitions while rejoining; a partition
//                that must change owner is first only revoked (given to nobody), and a
//                follow-up rebalance hands it to its new owner.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "broker_model/common/types.h"

namespace kafkalab::kafka {

/// One member's JoinGroup subscription (ConsumerProtocolSubscription), as the leader sees it.
struct GroupMember {
    std::string member_id;
    /// group.instance.id of a static member (KIP-345). Static members sort before
    /// dynamic ones, by instance id, so their assignment survives a restart.
    std::optional<std::string> group_instance_id;
    /// The subscribed topics.
    std::vector<std::string> topics;
    /// Partitions the member owns now (subscription v1+). Sticky assignors keep them
    /// where they can; the others ignore them.
    std::vector<TopicPartition> owned_partitions;
    /// Generation in which it owned them (subscription v2+); nothing means unknown
    /// (Kafka's DEFAULT_GENERATION, -1). A claim from an older generation loses to a
    /// newer one.
    std::optional<Generation> generation;
};

/// topic -> partition count from the leader's metadata. Topics missing here (or with
/// no partitions) are skipped, as Kafka skips topics without metadata.
using PartitionCounts = std::map<std::string, std::int32_t>;

/// member id -> its partitions, sorted by topic then partition. Every member appears,
/// with an empty list when it gets nothing.
using GroupAssignment = std::map<std::string, std::vector<TopicPartition>>;

/// Kafka's RebalanceProtocol, in its order: a later value is the more advanced one.
enum class RebalanceProtocol : std::int8_t { eager = 0, cooperative = 1 };

class Assignor {
public:
    virtual ~Assignor() = default;
    /// The protocol name sent in JoinGroup: "range", "roundrobin", "cooperative-sticky".
    virtual std::string_view name() const = 0;
    /// supportedProtocols(): eager only unless the assignor says otherwise.
    virtual std::vector<RebalanceProtocol> supported_protocols() const { return {RebalanceProtocol::eager}; }
    /// The assignment for `members`. Requires distinct member ids.
    virtual GroupAssignment assign(const PartitionCounts& partitions_per_topic,
                                   const std::vector<GroupMember>& members) const = 0;
};

/// The protocol a consumer uses with this list of assignors (partition.assignment.strategy):
/// the most advanced one that all of them support, as ConsumerCoordinator picks it.
/// Nothing when they share none (Kafka refuses such a configuration) or the list is empty.
std::optional<RebalanceProtocol> common_rebalance_protocol(const std::vector<const Assignor*>& assignors);

/// The assignor for a protocol name ("range", "roundrobin", "cooperative-sticky") or a
/// Kafka class name (org.apache.kafka.clients.consumer.RangeAssignor, ...). Throws
/// std::invalid_argument naming the accepted names for anything else.
std::unique_ptr<Assignor> make_assignor(std::string_view name);

// Helpers shared by the assignors.

/// The topics some member subscribes to, with their partition counts; topics without
/// metadata or partitions are dropped (AbstractPartitionAssignor.assign).
PartitionCounts subscribed_partition_counts(const PartitionCounts& partitions_per_topic,
                                            const std::vector<GroupMember>& members);

/// Indices of `members` in MemberInfo order: static members by group.instance.id first,
/// then dynamic members by member id.
std::vector<std::size_t> member_info_order(const std::vector<GroupMember>& members);

/// An empty list for every member, ready to be filled.
GroupAssignment empty_assignment(const std::vector<GroupMember>& members);

/// Sorts every member's list by topic, then partition.
void sort_assignment(GroupAssignment& assignment);

}  // namespace kafkalab::kafka
