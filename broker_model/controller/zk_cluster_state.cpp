#include "broker_model/controller/zk_cluster_state.h"

#include "broker_model/controller/controller.h"

namespace kafkalab::kafka {

ClusterState cluster_state(const Controller& controller, BrokerId self) {
    const ControllerContext& context = controller.context_view();
    ClusterState state;
    state.source = ClusterState::Source::controller;
    state.controller = self;
    state.live_brokers = context.live_ids();
    for (const auto& [name, topic] : context.topics) state.topic_ids[name] = topic.topic_id;
    // Partitions whose leader and ISR the controller holds; a topic whose states are not
    // written yet (being created) has none.
    for (const auto& [tp, leadership] : context.states) {
        const auto* replicas = context.replicas(tp);
        state.partitions[tp] = PartitionLeadership{leadership, replicas ? *replicas : std::vector<BrokerId>{}};
    }
    return state;
}

}  // namespace kafkalab::kafka
