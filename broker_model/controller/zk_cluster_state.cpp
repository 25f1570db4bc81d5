// The ZooKeeper-mode controller's answer to the cluster-state reads (controller.h,
// cluster_state.h): what it holds in its context, which mirrors what it wrote to
// ZooKeeper.
#include "broker_model/controller/zk_controller.h"

namespace kafkalab::kafka {

ClusterState ZkController::cluster_state() const {
    ClusterState state;
    state.source = ClusterState::Source::controller;
    state.controller = config_.broker_id;
    state.live_brokers = ctx_.live_ids();
    for (const auto& [name, topic] : ctx_.topics) state.topic_ids[name] = topic.topic_id;
    // Partitions whose leader and ISR the controller holds; a topic whose states are not
    // written yet (being created) has none.
    for (const auto& [tp, leadership] : ctx_.states) {
        const auto* replicas = ctx_.replicas(tp);
        state.partitions[tp] = PartitionLeadership{leadership, replicas ? *replicas : std::vector<BrokerId>{}};
    }
    return state;
}

std::size_t ZkController::live_broker_count() const { return ctx_.live_brokers.size(); }

bool ZkController::is_live(BrokerId broker) const { return ctx_.live_brokers.contains(broker); }

std::size_t ZkController::partitions_with_leadership() const { return ctx_.states.size(); }

void ZkController::for_each_leadership(const LeadershipVisitor& visit) const {
    for (const auto& [tp, leadership] : ctx_.states) visit(tp, leadership);
}

}  // namespace kafkalab::kafka
