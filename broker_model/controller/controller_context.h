#pragma once
// What the active controller knows about the cluster: live brokers, topics with their
// replica assignments, and each partition's leader and ISR. The ZooKeeper-mode
// controller rebuilds it from ZooKeeper whenever it becomes active; a KRaft
// controller would hold the same facts as its metadata image.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "broker_model/protocol/metadata.h"
#include "broker_model/protocol/partition_state.h"
#include "broker_model/zookeeper/zookeeper_types.h"

namespace kafkalab::kafka {

struct ControllerContext {
    struct Topic {
        std::string topic_id;
        std::vector<std::vector<BrokerId>> assignment;
        std::map<std::string, std::string> configs;
    };
    std::map<BrokerId, BrokerEndpoint> live_brokers;
    /// KIP-380: each live broker's epoch, the zxid that created its /brokers/ids
    /// znode. A known id under a new epoch restarted between two reads (it bounced).
    std::map<BrokerId, zk::Zxid> broker_epochs;
    std::set<BrokerId> shutting_down;
    std::map<std::string, Topic> topics;
    std::map<TopicPartition, LeaderAndIsr> states;
    std::set<std::string> topics_being_deleted;

    std::set<BrokerId> live_ids() const;
    const std::vector<BrokerId>* replicas(const TopicPartition& tp) const;
    PartitionState partition_state(const TopicPartition& tp) const;
};

}  // namespace kafkalab::kafka
