#include "broker_model/broker/cluster_reader.h"

#include <tuple>

#include "broker_model/broker/broker.h"

namespace kafkalab::kafka {

namespace {

/// Newer state first: a leader change bumps the leader epoch, an ISR change the
/// partition epoch.
bool newer(const LeaderAndIsr& a, const LeaderAndIsr& b) {
    return std::tie(a.leader_epoch, a.partition_epoch) > std::tie(b.leader_epoch, b.partition_epoch);
}

}  // namespace

Broker* active_controller(sim::Simulation& sim, const std::vector<sim::NodeIndex>& brokers) {
    Broker* best = nullptr;
    for (auto node : brokers) {
        auto* broker = sim.node_as<Broker>(node);
        if (!broker || !broker->is_controller()) continue;
        if (!best || broker->controller()->epoch() > best->controller()->epoch()) best = broker;
    }
    return best;
}

ClusterState read_cluster_state(sim::Simulation& sim, const std::vector<sim::NodeIndex>& brokers) {
    if (const Broker* controller = active_controller(sim, brokers)) {
        return controller->controller()->cluster_state();
    }
    ClusterState state;
    for (auto node : brokers) {
        const auto* broker = sim.node_as<Broker>(node);
        if (!broker) continue;
        state.source = ClusterState::Source::broker_metadata;
        for (const auto& [id, endpoint] : broker->metadata().live_brokers()) state.live_brokers.insert(id);
        for (const auto& [name, topic] : broker->metadata().topics()) {
            state.topic_ids.emplace(name, topic.topic_id);
            for (const auto& [p, partition] : topic.partitions) {
                PartitionLeadership seen{partition.leadership, partition.replicas};
                auto [it, added] = state.partitions.try_emplace(partition.partition, seen);
                if (!added && newer(seen.leadership, it->second.leadership)) it->second = std::move(seen);
            }
        }
    }
    return state;
}

}  // namespace kafkalab::kafka
