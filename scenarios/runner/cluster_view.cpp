#include "scenarios/runner/cluster_view.h"

#include <algorithm>
#include <string>
#include <tuple>

#include "broker_model/common/host_names.h"
#include "scenarios/runner/scenario_run.h"

namespace kafkalab::scenarios {

namespace {

/// Newer state first: a leader change bumps the leader epoch, an ISR change the
/// partition epoch.
bool newer(const kafka::LeaderAndIsr& a, const kafka::LeaderAndIsr& b) {
    return std::tie(a.leader_epoch, a.partition_epoch) > std::tie(b.leader_epoch, b.partition_epoch);
}

std::string host_of(kafka::BrokerId id) { return kafka::broker_host(id); }

}  // namespace

std::map<kafka::TopicPartition, PartitionView> cluster_view(ScenarioRun& run) {
    std::map<kafka::TopicPartition, PartitionView> views;
    if (auto* c = run.controller()) {
        const auto& context = c->controller()->context_view();
        for (const auto& [tp, state] : context.states) {
            const auto* replicas = context.replicas(tp);
            views[tp] = PartitionView{state, replicas ? *replicas : std::vector<kafka::BrokerId>{}};
        }
        return views;
    }
    for (auto node : run.broker_nodes()) {
        auto* broker = run.simulation().node_as<kafka::Broker>(node);
        if (!broker) continue;
        for (const auto& [name, topic] : broker->metadata().topics()) {
            for (const auto& [p, state] : topic.partitions) {
                auto [it, added] = views.try_emplace(state.partition, PartitionView{state.leadership, state.replicas});
                if (!added && newer(state.leadership, it->second.leadership)) {
                    it->second = PartitionView{state.leadership, state.replicas};
                }
            }
        }
    }
    return views;
}

const kafka::PartitionLog* serving_log(ScenarioRun& run, const kafka::TopicPartition& tp, const PartitionView& view) {
    auto log_on = [&](kafka::BrokerId id) -> const kafka::PartitionLog* {
        auto* broker = run.broker(host_of(id));
        return broker ? broker->logs().find(tp) : nullptr;
    };
    if (view.leadership.has_leader()) {
        if (const auto* log = log_on(view.leadership.leader)) return log;
    }
    const kafka::PartitionLog* best = nullptr;
    for (auto id : view.replicas) {
        const auto* log = log_on(id);
        if (!log) continue;
        if (!best || log->high_watermark() - log->log_start_offset() > best->high_watermark() - best->log_start_offset()) {
            best = log;
        }
    }
    return best;
}

std::int64_t readable_records(ScenarioRun& run, const kafka::TopicPartition& tp, const PartitionView& view) {
    const auto* log = serving_log(run, tp, view);
    return log ? log->high_watermark() - log->log_start_offset() : 0;
}

}  // namespace kafkalab::scenarios
