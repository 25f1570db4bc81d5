#include "viz/model/cluster_snapshot.h"

#include <algorithm>
#include <map>

#include "broker_model/client/producer.h"
#include "broker_model/common/host_names.h"
#include "broker_model/group/group_coordinator.h"
#include "broker_model/group/group_coordinator_hook.h"
#include "broker_model/log/log_manager.h"
#include "scenarios/runner/cluster_view.h"
#include "scenarios/runner/scenario_run.h"

namespace kafkalab::viz {

const char* down_label(sim::HostState state) {
    switch (state) {
        case sim::HostState::up: return nullptr;
        case sim::HostState::crashed: return "CRASHED";
        case sim::HostState::powered_off: return "POWER LOST";
        case sim::HostState::exited: return "STOPPED";
    }
    return nullptr;
}

namespace {

using kafka::BrokerId;
using kafka::TopicPartition;

using kafka::broker_host;

const kafka::LogManager* logs_on_disk(sim::Simulation& sim, const std::string& host) {
    auto node = sim.find_node(host);
    if (!node) return nullptr;
    return sim.context(*node).disk().find<kafka::LogManager>(kafka::LogManager::disk_key);
}

ReplicaView read_replica(scenarios::ScenarioRun& run, const TopicPartition& tp, BrokerId id,
                         const kafka::LeaderAndIsr& leadership) {
    ReplicaView replica;
    replica.broker = id;
    replica.host = broker_host(id);
    auto& sim = run.simulation();
    auto node = sim.find_node(replica.host);
    replica.host_up = node && sim.is_up(*node);
    replica.in_isr = std::find(leadership.isr.begin(), leadership.isr.end(), id) != leadership.isr.end();
    replica.is_leader = leadership.leader == id;
    if (const auto* logs = logs_on_disk(sim, replica.host)) {
        if (const auto* log = logs->find(tp)) {
            replica.has_log = true;
            replica.log_start_offset = log->log_start_offset().value;
            replica.log_end_offset = log->log_end_offset().value;
            replica.high_watermark = log->high_watermark().value;
        }
    }
    if (kafka::Broker* broker = run.broker(replica.host)) {
        if (const auto* partition = broker->replicas().partition(tp)) replica.role = partition->role();
    }
    return replica;
}

void add_partitions(scenarios::ScenarioRun& run, const kafka::ClusterState& cluster, const SnapshotOptions& options,
                    ClusterSnapshot& snapshot) {
    // The same read expectations make (scenarios/runner/cluster_view.h): one answer.
    for (const auto& [tp, partition] : cluster.partitions) {
        const kafka::LeaderAndIsr& state = partition.leadership;
        const std::vector<BrokerId>& assignment = partition.replicas;
        snapshot.under_replicated_partitions += state.isr.size() < assignment.size();
        if (!options.include_internal_topics && tp.topic.rfind("__", 0) == 0) continue;
        PartitionView view;
        view.partition = tp;
        view.assignment = assignment;
        view.leader = state.leader;
        view.leader_epoch = state.leader_epoch.value;
        view.isr = state.isr;
        for (BrokerId id : assignment) view.replicas.push_back(read_replica(run, tp, id, state));
        auto leader = std::find_if(view.replicas.begin(), view.replicas.end(),
                                   [](const ReplicaView& r) { return r.is_leader; });
        view.offline = leader == view.replicas.end() || !leader->host_up;
        if (!view.offline) {
            view.high_watermark = leader->high_watermark;
            view.log_end_offset = leader->log_end_offset;
        }
        snapshot.partitions.push_back(std::move(view));
    }
}

void add_hosts(scenarios::ScenarioRun& run, const kafka::ClusterState& cluster, ClusterSnapshot& snapshot) {
    auto& sim = run.simulation();
    const auto& network = sim.network();
    std::vector<HostRole> roles = host_roles(run);
    snapshot.controller = cluster.controller;
    for (sim::NodeIndex node = 0; node < sim.node_count(); ++node) {
        HostView host;
        host.name = sim.node_name(node);
        host.role = roles[node];
        host.node = node;
        host.vertex = sim.vertex(node);
        host.state = sim.host_state(node);
        host.partition_group = network.partition_group(host.vertex);
        if (host.role == HostRole::broker) {
            host.broker_id = BrokerId{std::stoi(host.name.substr(host.name.rfind('-') + 1))};
            host.is_controller = cluster.controller != kafka::no_broker && cluster.controller == host.broker_id;
        }
        snapshot.hosts.push_back(std::move(host));
    }
    for (sim::VertexId v = 0; v < network.vertex_count(); ++v) {
        if (network.is_switch(v)) snapshot.switches.push_back({network.name(v), v});
    }
    for (const auto& link : network.links()) {
        snapshot.links.push_back({link.a, link.b, link.up});
        // A host hangs off one switch: name it so the layout can group racks.
        for (auto& host : snapshot.hosts) {
            if (host.vertex == link.a && network.is_switch(link.b)) host.switch_name = network.name(link.b);
            if (host.vertex == link.b && network.is_switch(link.a)) host.switch_name = network.name(link.a);
        }
    }
    snapshot.blocked.assign(network.blocked_pairs().begin(), network.blocked_pairs().end());
    snapshot.network_partitioned = network.partitioned();
}

std::string coordinator_state(scenarios::ScenarioRun& run, BrokerId coordinator, const std::string& group,
                              std::int32_t& generation) {
    kafka::Broker* broker = run.broker(broker_host(coordinator));
    if (!broker) return "unknown";
    kafka::GroupCoordinator* gc = kafka::group_coordinator_of(*broker);
    if (!gc) return "unknown";
    kafka::GroupPtr g = gc->group(group);
    if (!g) return "unknown";
    generation = g->generation().value;
    return kafka::to_string(g->state());
}

void add_consumers(scenarios::ScenarioRun& run, ClusterSnapshot& snapshot) {
    std::map<std::string, GroupView> groups;
    for (const auto& [name, status] : run.consumption()->statuses()) {
        ConsumerView consumer;
        consumer.name = name;
        consumer.group = status.group;
        consumer.running = status.running;
        consumer.member_id = status.member_id;
        consumer.generation = status.generation.value;
        consumer.member_state = kafka::member_state_name(status.member_state);
        consumer.rebalancing = status.rebalancing;
        consumer.records_consumed = status.records_consumed;
        snapshot.records_consumed += status.records_consumed;
        for (const auto& [tp, p] : status.assignment) {
            ConsumerPartitionView view;
            view.partition = tp;
            if (p.position) view.position = p.position->value;
            if (p.committed) view.committed = p.committed->value;
            const PartitionView* partition = snapshot.find_partition(tp);
            if (partition && !partition->offline) {
                view.lag = partition->high_watermark - view.committed.value_or(0);
            }
            consumer.assignment.push_back(view);
        }
        if (!status.group.empty()) {
            GroupView& group = groups[status.group];
            group.group = status.group;
            group.consumers.push_back(name);
            if (status.running && status.coordinator) group.coordinator = *status.coordinator;
            if (status.running) {
                for (const auto& p : consumer.assignment) group.total_lag += p.lag.value_or(0);
            }
        }
        snapshot.consumers.push_back(std::move(consumer));
    }
    for (auto& [name, group] : groups) {
        group.state = group.coordinator == kafka::no_broker
                          ? "unknown"
                          : coordinator_state(run, group.coordinator, name, group.generation);
        snapshot.groups.push_back(std::move(group));
    }
}

}  // namespace

std::vector<HostRole> host_roles(scenarios::ScenarioRun& run) {
    auto& sim = run.simulation();
    const auto& scenario = run.scenario();
    std::vector<HostRole> roles(sim.node_count(), HostRole::consumer);
    for (auto node : run.broker_nodes()) roles[node] = HostRole::broker;
    for (const auto& zk : scenario.cluster.zookeeper.hosts) {
        if (auto node = sim.find_node(zk)) roles[*node] = HostRole::zookeeper;
    }
    for (const auto& producer : scenario.producers) {
        if (auto node = sim.find_node(producer.name)) roles[*node] = HostRole::producer;
    }
    if (auto terminal = sim.find_node("terminal")) roles[*terminal] = HostRole::tools;
    // Producers started later (added from the window, kafka-console-producer) are
    // producers too; every other late node is a consumer.
    for (sim::NodeIndex node = 0; node < sim.node_count(); ++node) {
        if (roles[node] == HostRole::consumer && sim.node_as<kafka::Producer>(node)) roles[node] = HostRole::producer;
    }
    return roles;
}

const HostView* ClusterSnapshot::find_host(const std::string& name) const {
    for (const auto& host : hosts) {
        if (host.name == name) return &host;
    }
    return nullptr;
}

const HostView* ClusterSnapshot::host_at(sim::VertexId vertex) const {
    for (const auto& host : hosts) {
        if (host.vertex == vertex) return &host;
    }
    return nullptr;
}

std::optional<sim::VertexId> ClusterSnapshot::vertex_of(const std::string& name) const {
    if (const HostView* host = find_host(name)) return host->vertex;
    for (const auto& s : switches) {
        if (s.name == name) return s.vertex;
    }
    return std::nullopt;
}

const PartitionView* ClusterSnapshot::find_partition(const kafka::TopicPartition& tp) const {
    auto it = std::lower_bound(partitions.begin(), partitions.end(), tp,
                               [](const PartitionView& p, const kafka::TopicPartition& key) { return p.partition < key; });
    return it != partitions.end() && it->partition == tp ? &*it : nullptr;
}

ClusterSnapshot take_snapshot(scenarios::ScenarioRun& run, const SnapshotOptions& options) {
    ClusterSnapshot snapshot;
    snapshot.time = run.now();
    snapshot.event_number = run.simulation().scheduler().fired();
    const kafka::ClusterState cluster = scenarios::cluster_state(run);
    add_hosts(run, cluster, snapshot);
    add_partitions(run, cluster, options, snapshot);
    add_consumers(run, snapshot);
    const auto& ledger = run.ledger();
    snapshot.records_sent = ledger.size();
    for (const auto& entry : ledger.entries()) {
        if (entry.status == kafka::SendStatus::acknowledged) ++snapshot.records_acknowledged;
        if (entry.status == kafka::SendStatus::failed) ++snapshot.records_failed;
    }
    return snapshot;
}

}  // namespace kafkalab::viz
