#include "broker_model/controller/controller_context.h"

namespace kafkalab::kafka {

std::set<BrokerId> ControllerContext::live_ids() const {
    std::set<BrokerId> ids;
    for (const auto& [id, endpoint] : live_brokers) ids.insert(id);
    return ids;
}

const std::vector<BrokerId>* ControllerContext::replicas(const TopicPartition& tp) const {
    auto it = topics.find(tp.topic);
    if (it == topics.end() || tp.partition < 0 ||
        static_cast<std::size_t>(tp.partition) >= it->second.assignment.size()) {
        return nullptr;
    }
    return &it->second.assignment[static_cast<std::size_t>(tp.partition)];
}

PartitionState ControllerContext::partition_state(const TopicPartition& tp) const {
    PartitionState state;
    state.partition = tp;
    if (auto it = topics.find(tp.topic); it != topics.end()) state.topic_id = it->second.topic_id;
    if (const auto* r = replicas(tp)) state.replicas = *r;
    if (auto it = states.find(tp); it != states.end()) state.leadership = it->second;
    for (BrokerId replica : state.replicas) {
        if (!live_brokers.count(replica)) state.offline_replicas.push_back(replica);
    }
    return state;
}

}  // namespace kafkalab::kafka
