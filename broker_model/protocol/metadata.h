#pragma once
// Metadata (API key 3): which brokers exist, which one is the controller, and for each
// partition its leader, replicas and ISR, from the answering broker's metadata cache
// (which the controller keeps current with UpdateMetadata, so it can be stale).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/common/errors.h"
#include "broker_model/common/types.h"
#include "broker_model/protocol/api.h"

namespace kafkalab::kafka {

struct BrokerEndpoint {
    BrokerId id = no_broker;
    std::string host;  // the simulated host name, e.g. "broker-1"
    std::int32_t port = 9092;
    std::string rack;  // empty: no rack

    auto operator<=>(const BrokerEndpoint&) const = default;
};

struct PartitionMetadata {
    Error error = Error::none;  // LEADER_NOT_AVAILABLE when offline
    std::int32_t partition = 0;
    BrokerId leader = no_broker;
    LeaderEpoch leader_epoch = no_epoch;
    std::vector<BrokerId> replicas;
    std::vector<BrokerId> isr;
    std::vector<BrokerId> offline_replicas;
};

struct TopicMetadata {
    Error error = Error::none;
    std::string name;
    std::string topic_id;
    bool is_internal = false;
    std::vector<PartitionMetadata> partitions;
    /// Simulator extension standing in for DescribeConfigs: the topic's non-default
    /// configs and its effective min.insync.replicas, which kafka-topics --describe shows.
    std::map<std::string, std::string> configs;
    std::int32_t min_insync_replicas = 1;
};

struct MetadataRequest final : Request<ApiKey::metadata> {
    /// Topics asked for; nullopt means all topics (Kafka's null topic list).
    std::optional<std::vector<std::string>> topics;
    bool allow_auto_topic_creation = true;

    std::size_t size_bytes() const override;
    std::string summary() const override;
};

struct MetadataResponse final : Response<ApiKey::metadata> {
    std::vector<BrokerEndpoint> brokers;
    BrokerId controller_id = no_broker;
    std::vector<TopicMetadata> topics;

    std::size_t size_bytes() const override;
    std::string summary() const override;
};

}  // namespace kafkalab::kafka
