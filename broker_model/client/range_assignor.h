#pragma once
// RangeAssignor ("range"), eager. Works topic by topic: the members subscribed to a
// topic, in MemberInfo order (static members by instance id, then member ids), each get
// a contiguous range of P / C partitions, and the first P % C of them one more.
//
//   topic t0 with 3 partitions, members C0 C1:   C0 <- t0-0 t0-1    C1 <- t0-2
//
// Because every topic starts again from the first member, the first members collect
// the extra partitions of every topic: with many topics the group ends up unbalanced.
// (Rack-aware range assignment, KIP-881, is not modelled: members carry no rack.)
#include "broker_model/client/assignor.h"

namespace kafkalab::kafka {

class RangeAssignor final : public Assignor {
public:
    std::string_view name() const override { return "range"; }
    GroupAssignment assign(const PartitionCounts& partitions_per_topic,
                           const std::vector<GroupMember>& members) const override;
};

}  // namespace kafkalab::kafka
