#pragma once
// Where a new topic's replicas go, as Kafka's AdminUtils.assignReplicasToBrokers
// decides: round-robin from a random start, the followers shifted so that replicas of
// consecutive partitions land on different broker pairs; rack-aware when every broker
// has a rack (no two replicas of a partition share a rack while racks remain).
#include <optional>
#include <string>
#include <vector>

#include "broker_model/common/types.h"
#include "sim/random.h"

namespace kafkalab::kafka {

struct BrokerRack {
    BrokerId id;
    std::string rack;  // empty: none
};

struct AssignmentResult {
    std::vector<std::vector<BrokerId>> replicas;  // per partition, preferred leader first
    std::string error;                             // Kafka's message when it cannot be done
};

/// Assigns `partitions` new partitions numbered from `first_partition` (non-zero when
/// partitions are added to a topic). `start_index` and `replica_shift` are drawn from
/// `random` unless given (Kafka's fixedStartIndex, for tests).
AssignmentResult assign_replicas(std::vector<BrokerRack> brokers, std::int32_t partitions,
                                 std::int32_t replication_factor, sim::RandomStream& random,
                                 std::int32_t first_partition = 0, std::optional<std::int32_t> start_index = {},
                                 std::optional<std::int32_t> replica_shift = {});

}  // namespace kafkalab::kafka
