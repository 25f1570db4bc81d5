#pragma once
// Who leads each partition, who is in sync, who is the controller and which brokers are
// alive: the one read of the cluster's state that expectations, the viewer, the tools,
// the benches and the tests share, so that the leader the viewer draws is the leader
// `expect:` checks. Mode-neutral: nothing here names ZooKeeper, so a KRaft controller
// (its metadata log's partition records, KIP-500) can supply the same answer.
// broker_model/broker/cluster_reader.h reads it from a running cluster.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "broker_model/common/types.h"
#include "broker_model/protocol/partition_state.h"

namespace kafkalab::kafka {

struct PartitionLeadership {
    LeaderAndIsr leadership;
    std::vector<BrokerId> replicas;  // the assignment, preferred leader first
};

struct ClusterState {
    /// Where the answer came from: the active controller's own state, or (while there is
    /// none) the freshest metadata the live brokers hold, which they keep answering
    /// Metadata requests from.
    enum class Source : std::uint8_t { none, controller, broker_metadata };
    Source source = Source::none;
    BrokerId controller = no_broker;  // the active controller, if any
    std::set<BrokerId> live_brokers;  // registered brokers, as the source knows them
    std::map<std::string, std::string> topic_ids;  // KIP-516
    std::map<TopicPartition, PartitionLeadership> partitions;

    bool from_controller() const { return source == Source::controller; }
    const PartitionLeadership* find(const TopicPartition& tp) const {
        auto it = partitions.find(tp);
        return it == partitions.end() ? nullptr : &it->second;
    }
};

}  // namespace kafkalab::kafka
