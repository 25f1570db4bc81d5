#pragma once
// What kafka-topics --describe needs to know about a topic: plain data the caller copies
// from the simulated cluster (the metadata a real Admin client would fetch).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/common/types.h"

namespace kafkalab::scenarios {

/// A reassignment in flight (KIP-455): the replicas being added and removed.
struct PartitionReassignmentState {
    std::vector<kafka::BrokerId> adding_replicas;
    std::vector<kafka::BrokerId> removing_replicas;
};

struct PartitionDescription {
    std::int32_t partition = 0;
    std::optional<kafka::BrokerId> leader;  // Absent: no leader (-1 in ZooKeeper).
    std::vector<kafka::BrokerId> replicas;  // Assignment order; the head is the preferred leader.
    std::vector<kafka::BrokerId> isr;
    /// Replicas on brokers that are down. Kafka 3.6's kafka-topics does not print them
    /// (an "Offline:" column never existed there), but callers keep them for other views.
    std::vector<kafka::BrokerId> offline_replicas;
    std::optional<PartitionReassignmentState> reassignment;
};

/// A topic config that differs from the default.
struct TopicConfigEntry {
    std::string name;
    std::string value;
};

struct TopicDescription {
    std::string name;
    /// The topic id as Kafka prints it (base64 Uuid, e.g. "Nm3OqOqFRXSc3QydVFhT1Q"); empty
    /// means the zero Uuid, which Kafka leaves out of the header line.
    std::string topic_id;
    std::vector<PartitionDescription> partitions;  // Any order; printed by partition number.
    std::vector<TopicConfigEntry> configs;         // Non-default configs only, in print order.
    /// The effective min.insync.replicas (override or broker default), for the
    /// --under-min-isr-partitions and --at-min-isr-partitions filters.
    std::int32_t min_insync_replicas = 1;
    /// ZooKeeper's /admin/delete_topics holds it. Only the ZooKeeper-era tool (--zookeeper)
    /// printed "MarkedForDeletion: true"; Kafka 3.6 never does.
    bool marked_for_deletion = false;
};

}  // namespace kafkalab::scenarios
