#pragma once
// RoundRobinAssignor ("roundrobin"), eager. Lays out every partition of every subscribed
// topic, sorted by topic then partition, and deals them in turn to the members in
// MemberInfo order (static members by instance id, then member ids), going round in a
// circle. A member not subscribed to a partition's topic is skipped for that partition,
// so with unequal subscriptions the result can be unbalanced:
//
//   t0: 1 partition, t1: 2, t2: 3;  C0 {t0}  C1 {t0,t1}  C2 {t0,t1,t2}
//   C0 <- t0-0    C1 <- t1-0    C2 <- t1-1 t2-0 t2-1 t2-2
#include "broker_model/client/assignor.h"

namespace kafkalab::kafka {

class RoundRobinAssignor final : public Assignor {
public:
    std::string_view name() const override { return "roundrobin"; }
    GroupAssignment assign(const PartitionCounts& partitions_per_topic,
                           const std::vector<GroupMember>& members) const override;
};

}  // namespace kafkalab::kafka
