#pragma once
// A CreateTopics request's topic configs, checked as the broker that creates the topic
// checks them (Kafka: AdminZkClient.validateTopicCreate -> LogConfig.validate), with the
// message of the InvalidConfigurationException the request is answered with
// (error INVALID_CONFIG, 40), which kafka-topics prints.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kafkalab::kafka {

/// Why `key` = `value` is not a topic config, or nothing when it is one:
///   "Unknown topic config name: min.insync.replica"
///   "Invalid value two for configuration min.insync.replicas: Not a number of type INT"
///   "Invalid value 0 for configuration min.insync.replicas: Value must be at least 1"
std::optional<std::string> invalid_topic_config(std::string_view key, std::string_view value);

/// The first entry of `configs` (in key order) that invalid_topic_config() refuses.
std::optional<std::string> invalid_topic_configs(const std::map<std::string, std::string>& configs);

}  // namespace kafkalab::kafka
