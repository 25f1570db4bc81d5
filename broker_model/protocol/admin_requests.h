#pragma once
// Topic administration (CreateTopics 19, DeleteTopics 20, CreatePartitions 37) and
// InitProducerId (22). In ZooKeeper mode the admin requests must reach the controller
// (NOT_CONTROLLER otherwise), which writes the change to ZooKeeper.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/common/errors.h"
#include "broker_model/common/types.h"
#include "broker_model/protocol/api.h"

namespace kafkalab::kafka {

struct NewTopic {
    std::string name;
    std::int32_t num_partitions = -1;      // -1: the broker's num.partitions
    std::int16_t replication_factor = -1;  // -1: the broker's default.replication.factor
    /// An explicit assignment (partition -> replicas) instead of the broker's choice.
    std::vector<std::vector<BrokerId>> assignment;
    std::map<std::string, std::string> configs;
};

struct CreateTopicsRequest final : Request<ApiKey::create_topics> {
    std::vector<NewTopic> topics;
    std::int32_t timeout_ms = 30'000;
    bool validate_only = false;

    std::size_t size_bytes() const override { return request_header_bytes + 64 * topics.size(); }
    std::string summary() const override;
};

struct TopicResult {
    std::string name;
    Error error = Error::none;
    std::string error_message;  // Kafka's text, e.g. "Topic 'x' already exists."
};

struct CreateTopicsResponse final : Response<ApiKey::create_topics> {
    std::vector<TopicResult> topics;
    std::size_t size_bytes() const override { return response_header_bytes + 48 * topics.size(); }
    std::string summary() const override;
};

struct DeleteTopicsRequest final : Request<ApiKey::delete_topics> {
    std::vector<std::string> names;
    std::int32_t timeout_ms = 30'000;
    std::size_t size_bytes() const override { return request_header_bytes + 32 * names.size(); }
    std::string summary() const override;
};

struct DeleteTopicsResponse final : Response<ApiKey::delete_topics> {
    std::vector<TopicResult> topics;
    std::size_t size_bytes() const override { return response_header_bytes + 32 * topics.size(); }
};

struct CreatePartitionsRequest final : Request<ApiKey::create_partitions> {
    struct Topic {
        std::string name;
        std::int32_t count = 0;  // the new total number of partitions
    };
    std::vector<Topic> topics;
    std::size_t size_bytes() const override { return request_header_bytes + 32 * topics.size(); }
    std::string summary() const override;
};

struct CreatePartitionsResponse final : Response<ApiKey::create_partitions> {
    std::vector<TopicResult> topics;
    std::size_t size_bytes() const override { return response_header_bytes + 32 * topics.size(); }
};

struct InitProducerIdRequest final : Request<ApiKey::init_producer_id> {
    std::size_t size_bytes() const override { return request_header_bytes + 16; }
};

struct InitProducerIdResponse final : Response<ApiKey::init_producer_id> {
    Error error = Error::none;
    ProducerId producer_id = no_producer_id;
    ProducerEpoch producer_epoch{0};
    std::size_t size_bytes() const override { return response_header_bytes + 14; }
};

}  // namespace kafkalab::kafka
