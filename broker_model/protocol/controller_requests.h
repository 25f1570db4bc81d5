#pragma once
// The requests a ZooKeeper-mode controller sends to brokers, and the ones brokers send
// to the controller. Every controller request carries the controller epoch, so a broker
// can ignore a zombie controller that lost its ZooKeeper session (STALE_CONTROLLER_EPOCH),
// and the epoch of the broker registration it was meant for (KIP-380), so a restarted
// broker ignores what the controller meant for its previous life (STALE_BROKER_EPOCH).
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "broker_model/common/errors.h"
#include "broker_model/common/types.h"
#include "broker_model/protocol/api.h"
#include "broker_model/protocol/metadata.h"
#include "broker_model/protocol/partition_state.h"

namespace kafkalab::kafka {

/// LeaderAndIsr (API key 4): "you lead / follow these partitions from now on".
struct LeaderAndIsrRequest final : Request<ApiKey::leader_and_isr> {
    BrokerId controller_id = no_broker;
    ControllerEpoch controller_epoch{0};
    /// KIP-380: the czxid of the recipient's registration as the controller knows it; -1 unknown.
    std::int64_t broker_epoch = -1;
    std::vector<PartitionState> partitions;
    std::vector<BrokerEndpoint> live_leaders;
    /// Topic-level config overrides (min.insync.replicas, ...) of the topics above. In
    /// Kafka brokers read them from ZooKeeper's /config/topics; here they travel along.
    std::map<std::string, std::map<std::string, std::string>> topic_configs;

    std::size_t size_bytes() const override { return request_header_bytes + 16 + 48 * partitions.size(); }
    std::string summary() const override;
};

struct LeaderAndIsrResponse final : Response<ApiKey::leader_and_isr> {
    Error error = Error::none;
    std::vector<std::pair<TopicPartition, Error>> partition_errors;

    std::size_t size_bytes() const override { return response_header_bytes + 8 * partition_errors.size(); }
};

/// UpdateMetadata (API key 6): the state every broker's metadata cache must show.
struct UpdateMetadataRequest final : Request<ApiKey::update_metadata> {
    BrokerId controller_id = no_broker;
    ControllerEpoch controller_epoch{0};
    std::int64_t broker_epoch = -1;  // KIP-380, as in LeaderAndIsr
    /// One list shared by the copies sent to every broker (each copy has its own
    /// correlation id); never null, never changed once sent.
    std::shared_ptr<const std::vector<PartitionState>> partitions = std::make_shared<std::vector<PartitionState>>();
    std::vector<BrokerEndpoint> live_brokers;
    /// Topics being deleted: brokers drop them from their caches.
    std::vector<std::string> deleted_topics;
    std::map<std::string, std::map<std::string, std::string>> topic_configs;

    std::size_t size_bytes() const override {
        return request_header_bytes + 16 + 48 * partitions->size() + 32 * live_brokers.size();
    }
    std::string summary() const override;
};

struct UpdateMetadataResponse final : Response<ApiKey::update_metadata> {
    Error error = Error::none;
    std::size_t size_bytes() const override { return response_header_bytes + 2; }
};

/// StopReplica (API key 5): stop fetching or leading these partitions, and delete
/// their logs when the topic is being deleted.
struct StopReplicaRequest final : Request<ApiKey::stop_replica> {
    BrokerId controller_id = no_broker;
    ControllerEpoch controller_epoch{0};
    std::int64_t broker_epoch = -1;  // KIP-380, as in LeaderAndIsr
    bool delete_partitions = false;
    std::vector<TopicPartition> partitions;

    std::size_t size_bytes() const override { return request_header_bytes + 16 + 24 * partitions.size(); }
    std::string summary() const override;
};

struct StopReplicaResponse final : Response<ApiKey::stop_replica> {
    Error error = Error::none;
    std::vector<TopicPartition> partitions;
    std::size_t size_bytes() const override { return response_header_bytes + 8 * partitions.size(); }
};

/// AlterPartition (API key 56, AlterIsr before 3.2; KIP-497): a leader asks the
/// controller to change a partition's ISR. The change counts only once the controller
/// has written it to ZooKeeper and answered.
struct AlterPartitionRequest final : Request<ApiKey::alter_partition> {
    BrokerId broker_id = no_broker;
    std::int64_t broker_epoch = -1;
    struct Change {
        TopicPartition partition;
        LeaderEpoch leader_epoch = no_epoch;
        std::vector<BrokerId> new_isr;
        std::int32_t partition_epoch = 0;
    };
    std::vector<Change> changes;

    std::size_t size_bytes() const override { return request_header_bytes + 16 + 40 * changes.size(); }
    std::string summary() const override;
};

struct AlterPartitionResponse final : Response<ApiKey::alter_partition> {
    Error error = Error::none;
    struct Result {
        TopicPartition partition;
        Error error = Error::none;
        LeaderAndIsr leadership;
    };
    std::vector<Result> results;

    std::size_t size_bytes() const override { return response_header_bytes + 40 * results.size(); }
};

/// ControlledShutdown (API key 7): a broker asks the controller to move leadership
/// away before it stops, so clients fail over without waiting for a session timeout.
struct ControlledShutdownRequest final : Request<ApiKey::controlled_shutdown> {
    BrokerId broker_id = no_broker;
    std::int64_t broker_epoch = -1;
    std::size_t size_bytes() const override { return request_header_bytes + 12; }
};

struct ControlledShutdownResponse final : Response<ApiKey::controlled_shutdown> {
    Error error = Error::none;
    std::vector<TopicPartition> remaining_partitions;
    std::size_t size_bytes() const override { return response_header_bytes + 8 + 24 * remaining_partitions.size(); }
};

}  // namespace kafkalab::kafka
