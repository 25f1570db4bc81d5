#include "scenarios/runner/cluster_view.h"

#include <algorithm>
#include <string>

#include "broker_model/broker/cluster_reader.h"
#include "broker_model/common/host_names.h"
#include "scenarios/runner/scenario_run.h"

namespace kafkalab::scenarios {

namespace {

std::string host_of(kafka::BrokerId id) { return kafka::broker_host(id); }

}  // namespace

kafka::ClusterState cluster_state(ScenarioRun& run) {
    return kafka::read_cluster_state(run.simulation(), run.broker_nodes());
}

std::map<kafka::TopicPartition, PartitionView> cluster_view(ScenarioRun& run) { return cluster_state(run).partitions; }

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
