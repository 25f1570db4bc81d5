#pragma once
// kafka-topics as typed: what the student asked for, before anything touches a cluster.
// Options follow Kafka's TopicCommandOptions (3.6), plus the legacy --zookeeper of the
// 2.x tools that older course notes still use.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/common/types.h"
#include "broker_model/config/kafka_version.h"
#include "scenarios/cli_tools/cli_property.h"

namespace kafkalab::scenarios {

/// The one action kafka-topics performs; Kafka refuses zero or several.
enum class TopicsAction { create, list, describe, delete_topic, alter };

/// Which option named the cluster. It changes what the tool prints: through --zookeeper
/// a partition without a leader shows "Leader: -1" (the ZooKeeper-era tool printed the
/// znode's value), through --bootstrap-server it shows "Leader: none"; and deleting
/// through --zookeeper only marks the topic, saying so.
enum class ClusterConnection { bootstrap_server, zookeeper };

struct TopicsCommand {
    std::string program;  // As typed: "bin/kafka-topics.sh", ".\bin\windows\kafka-topics.bat".
    TopicsAction action = TopicsAction::list;
    /// The Kafka release whose kafka-topics runs (the scenario's kafka-version): it
    /// decides which options exist and how --describe prints.
    kafka::KafkaVersion era = kafka::default_kafka_version;
    ClusterConnection connection = ClusterConnection::bootstrap_server;
    /// The host:port entries of --bootstrap-server or --zookeeper, split at commas, never
    /// resolved: "localhost:9092" stays a name for the caller to map to a simulated host.
    std::vector<std::string> servers;

    /// --topic: an exact name, or for --list/--describe/--delete/--alter a Java regular
    /// expression that must match whole names (Kafka's TopicFilter.IncludeList, where
    /// a comma means "or"). Required except for --list and --describe.
    std::optional<std::string> topic;
    std::optional<std::int32_t> partitions;          // --partitions, always >= 1.
    std::optional<std::int32_t> replication_factor;  // --replication-factor, 1..32767.
    CliProperties configs;                           // --config name=value, in typed order.
    /// --replica-assignment "1:2,2:3": one broker list per partition, partition 0 first.
    /// Every list has the same length and no duplicate broker.
    std::optional<std::vector<std::vector<kafka::BrokerId>>> replica_assignment;

    bool if_exists = false;         // --if-exists (alter, delete, describe)
    bool if_not_exists = false;     // --if-not-exists (create)
    bool exclude_internal = false;  // --exclude-internal (list, describe)

    // Describe filters. When any of the first four is set, Kafka prints only the matching
    // partition lines and no topic header line.
    bool under_replicated_partitions = false;
    bool under_min_isr_partitions = false;
    bool at_min_isr_partitions = false;
    bool unavailable_partitions = false;
    bool topics_with_overrides = false;  // Only topics that have non-default configs.

    bool operator==(const TopicsCommand&) const = default;

    /// Whether one of the partition filters (--under-replicated-partitions, ...) is on.
    bool has_partition_filter() const {
        return under_replicated_partitions || under_min_isr_partitions || at_min_isr_partitions ||
               unavailable_partitions;
    }
};

}  // namespace kafkalab::scenarios
