#pragma once
// What the viewer shows at one moment, copied out of a running scenario: hosts and
// links, the controller, every partition with its replicas' offsets, consumers and
// groups. Panels draw a snapshot and never touch the model. Snapshots compare equal
// exactly when everything a student could see is the same, which is what the rewind
// test relies on.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/broker/partition.h"
#include "broker_model/common/types.h"
#include "sim/simulation.h"
#include "viz/model/host_role.h"

namespace kafkalab::scenarios {
class ScenarioRun;
}

namespace kafkalab::viz {

struct HostView {
    std::string name;
    HostRole role = HostRole::broker;
    sim::NodeIndex node = sim::no_node;
    sim::VertexId vertex = 0;
    sim::HostState state = sim::HostState::up;
    std::string switch_name;      // the rack switch it hangs off, or "core"
    kafka::BrokerId broker_id = kafka::no_broker;  // brokers only
    bool is_controller = false;   // the active controller (highest epoch)
    int partition_group = 0;      // 0 unless the network is partitioned
    bool operator==(const HostView&) const = default;
};

/// The word written on a host that is down: "CRASHED" (kill -9), "POWER LOST" or
/// "STOPPED" (its process exited after a clean shutdown); nullptr while it is up.
const char* down_label(sim::HostState state);

struct SwitchView {
    std::string name;
    sim::VertexId vertex = 0;
    bool operator==(const SwitchView&) const = default;
};

struct LinkView {
    sim::VertexId a = 0;
    sim::VertexId b = 0;
    bool up = true;
    bool operator==(const LinkView&) const = default;
};

/// One replica of a partition, read from the broker's log on its disk, so a crashed
/// broker still shows the log it will come back with.
struct ReplicaView {
    kafka::BrokerId broker = kafka::no_broker;
    std::string host;
    bool host_up = false;
    bool has_log = false;  // false: the broker never created this replica
    kafka::ReplicaRole role = kafka::ReplicaRole::none;
    std::int64_t log_start_offset = 0;
    std::int64_t log_end_offset = 0;
    std::int64_t high_watermark = 0;  // this replica's own idea of it
    bool in_isr = false;
    bool is_leader = false;  // the leader the controller elected
    bool operator==(const ReplicaView&) const = default;
};

struct PartitionView {
    kafka::TopicPartition partition;
    kafka::BrokerId leader = kafka::no_broker;
    std::int32_t leader_epoch = -1;
    std::vector<kafka::BrokerId> assignment;  // preferred leader first
    std::vector<kafka::BrokerId> isr;
    std::vector<ReplicaView> replicas;        // in assignment order
    /// No leader, or the leader's host is down: nobody can produce or consume.
    bool offline = false;
    bool under_replicated() const { return isr.size() < assignment.size(); }
    /// The leader's high watermark, or -1 while offline.
    std::int64_t high_watermark = -1;
    std::int64_t log_end_offset = -1;
    bool operator==(const PartitionView&) const = default;
};

struct ConsumerPartitionView {
    kafka::TopicPartition partition;
    std::optional<std::int64_t> position;
    std::optional<std::int64_t> committed;
    /// Records between the group's committed offset and the partition's high
    /// watermark (what kafka-consumer-groups calls LAG); none while unknown.
    std::optional<std::int64_t> lag;
    bool operator==(const ConsumerPartitionView&) const = default;
};

struct ConsumerView {
    std::string name;
    std::string group;
    bool running = false;
    std::string member_id;
    std::int32_t generation = -1;
    std::string member_state;
    bool rebalancing = false;
    std::uint64_t records_consumed = 0;
    std::vector<ConsumerPartitionView> assignment;
    bool operator==(const ConsumerView&) const = default;
};

struct GroupView {
    std::string group;
    std::string state;  // as the coordinator says: Stable, PreparingRebalance, ...; "unknown" without one
    std::int32_t generation = -1;
    kafka::BrokerId coordinator = kafka::no_broker;
    std::vector<std::string> consumers;  // consumers (by name) that belong to it
    std::int64_t total_lag = 0;
    bool operator==(const GroupView&) const = default;
};

struct ClusterSnapshot {
    sim::Duration time{0};           // scenario time
    std::uint64_t event_number = 0;  // events fired since the simulation began
    std::vector<HostView> hosts;     // brokers, ZooKeeper nodes, producers, consumers, tools
    std::vector<SwitchView> switches;
    std::vector<LinkView> links;
    std::vector<std::pair<sim::VertexId, sim::VertexId>> blocked;  // cut between non-adjacent hosts
    bool network_partitioned = false;
    kafka::BrokerId controller = kafka::no_broker;
    std::vector<PartitionView> partitions;  // by topic, then partition
    /// Partitions whose ISR is smaller than their replica list, __consumer_offsets
    /// included even when hidden: Kafka's UnderReplicatedPartitions, the count the
    /// under-replicated-partitions expectation and the metrics CSV give.
    std::int64_t under_replicated_partitions = 0;
    std::vector<ConsumerView> consumers;
    std::vector<GroupView> groups;
    std::uint64_t records_sent = 0;
    std::uint64_t records_acknowledged = 0;
    std::uint64_t records_failed = 0;
    std::uint64_t records_consumed = 0;

    const HostView* find_host(const std::string& name) const;
    const HostView* host_at(sim::VertexId vertex) const;
    /// The network vertex of a host or switch, by name: what links and cuts are drawn between.
    std::optional<sim::VertexId> vertex_of(const std::string& name) const;
    const PartitionView* find_partition(const kafka::TopicPartition& tp) const;
    bool operator==(const ClusterSnapshot&) const = default;
};

struct SnapshotOptions {
    /// __consumer_offsets has 50 partitions; a lesson rarely wants to see them.
    bool include_internal_topics = false;
};

/// Reads the run's current state. Changes nothing in the simulation.
ClusterSnapshot take_snapshot(scenarios::ScenarioRun& run, const SnapshotOptions& options = {});

/// The role of every node of the run, by node index.
std::vector<HostRole> host_roles(scenarios::ScenarioRun& run);

}  // namespace kafkalab::viz
