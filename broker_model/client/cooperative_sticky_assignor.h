#pragma once
// CooperativeStickyAssignor ("cooperative-sticky", KIP-429), cooperative (it also
// supports eager). The assignment is AbstractStickyAssignor's: as balanced as possible
// (partition counts differ by at most one when all members subscribe to the same topics)
// while keeping each member's owned partitions where it can. Then the cooperative rule:
// a partition moving from one member to another is removed from the new owner's list in
// this rebalance. Its old owner sees it missing from its assignment and revokes it, which
// makes the member rejoin; that follow-up rebalance finds it unowned and hands it out.
//
//   gen 1   C1 owns t-0 t-1 t-2
//   gen 2   C2 joins:  C1 <- t-0 t-1   C2 <- (nothing yet)    t-2 revoked by C1
//   gen 3   follow-up: C1 <- t-0 t-1   C2 <- t-2
//
// Owned partitions carry the generation they were owned in (GroupMember::generation);
// when two members claim one partition, the newer generation wins, and a tie in the
// same generation makes both lose it.
#include "broker_model/client/assignor.h"

namespace kafkalab::kafka {

class CooperativeStickyAssignor final : public Assignor {
public:
    std::string_view name() const override { return "cooperative-sticky"; }
    std::vector<RebalanceProtocol> supported_protocols() const override {
        return {RebalanceProtocol::cooperative, RebalanceProtocol::eager};
    }
    /// `members` in the order the coordinator listed them in the JoinGroup response:
    /// Kafka's tie-breaks depend on it only through hash buckets, and so do ours.
    GroupAssignment assign(const PartitionCounts& partitions_per_topic,
                           const std::vector<GroupMember>& members) const override;
};

}  // namespace kafkalab::kafka
