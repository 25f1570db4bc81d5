#pragma once
// A partition's leadership as ZooKeeper stores it in
// /brokers/topics/<topic>/partitions/<p>/state and the controller sends it to brokers.
#include <string>
#include <vector>

#include "broker_model/common/types.h"

namespace kafkalab::kafka {

struct LeaderAndIsr {
    BrokerId leader = no_broker;
    /// Bumped by the controller on every leader change and every ISR shrink it makes.
    LeaderEpoch leader_epoch{0};
    std::vector<BrokerId> isr;
    /// The znode's version: conditional writes on it fence concurrent ISR changes
    /// (Kafka's zkVersion, later called partition epoch).
    std::int32_t partition_epoch = 0;
    /// The controller epoch of the controller that wrote this state.
    ControllerEpoch controller_epoch{0};

    auto operator<=>(const LeaderAndIsr&) const = default;
    bool has_leader() const { return leader != no_broker; }
};

struct PartitionState {
    TopicPartition partition;
    std::string topic_id;
    std::vector<BrokerId> replicas;  // the assignment, preferred leader first
    LeaderAndIsr leadership;
    std::vector<BrokerId> offline_replicas;
};

/// "1,2,3", as Kafka's tools print broker lists.
std::string join_ids(const std::vector<BrokerId>& ids);

}  // namespace kafkalab::kafka
