#pragma once
// A broker's view of the cluster (Kafka's ZkMetadataCache): live brokers, the
// controller, and every partition's leader, replicas and ISR, as the controller last
// told it with UpdateMetadata. It answers Metadata requests, so clients see what this
// broker believes, which may lag behind ZooKeeper.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/broker/partition_state_table.h"
#include "broker_model/protocol/metadata.h"
#include "broker_model/protocol/partition_state.h"

namespace kafkalab::kafka {

class MetadataCache {
public:
    struct Topic {
        std::string topic_id;
        std::map<std::string, std::string> configs;  // topic-level overrides
        /// configs' min.insync.replicas, parsed once when the configs arrive; unset when
        /// the topic has no valid override and the broker default applies.
        std::optional<std::int32_t> min_insync_replicas;
        PartitionStateTable partitions;
    };

    void update(const std::vector<BrokerEndpoint>& live_brokers, BrokerId controller,
                const PartitionStateTable::Source& partitions,
                const std::map<std::string, std::map<std::string, std::string>>& topic_configs,
                const std::vector<std::string>& deleted_topics);

    BrokerId controller() const { return controller_; }
    const std::map<BrokerId, BrokerEndpoint>& live_brokers() const { return live_brokers_; }
    bool is_live(BrokerId id) const { return live_brokers_.count(id) != 0; }
    /// Moves on every update: what a broker id resolves to can only change then.
    std::uint64_t version() const { return version_; }
    const std::map<std::string, Topic>& topics() const { return topics_; }
    const Topic* topic(const std::string& name) const;
    const PartitionState* partition(const TopicPartition& tp) const;
    /// The topic's min.insync.replicas: its override, else `broker_default`.
    std::int32_t min_insync_replicas(const std::string& topic, std::int32_t broker_default) const;

    /// What a Metadata request for `names` (all topics when nullopt) gets, with
    /// UNKNOWN_TOPIC_OR_PARTITION for topics that do not exist.
    MetadataResponse describe(const std::optional<std::vector<std::string>>& names,
                              std::int32_t default_min_insync_replicas = 1) const;

private:
    BrokerId controller_ = no_broker;
    std::map<BrokerId, BrokerEndpoint> live_brokers_;
    std::map<std::string, Topic> topics_;
    std::uint64_t version_ = 0;
};

/// Kafka's internal topic for committed offsets.
inline constexpr const char* consumer_offsets_topic = "__consumer_offsets";

}  // namespace kafkalab::kafka
