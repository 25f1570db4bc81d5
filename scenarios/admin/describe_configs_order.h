#pragma once
// The order of `Configs:` in kafka-topics --describe through --bootstrap-server.
// TopicCommand prints the entries of the admin client's Config for the topic, which
// keeps them in a java.util.HashMap keyed by name (org.apache.kafka.clients.admin.
// Config), filled in the order of the DescribeConfigs response; the broker builds
// that response from a Scala mutable.HashMap of every topic config (ConfigHelper.
// allConfigs). Both tables hash the same way and hold every topic config, printed or
// not, so the names come out by bucket, and within a bucket in the Scala map's order
// (ascending spread hash). Neither alphabetical nor the order they were set in.
#include <vector>

#include "scenarios/cli_tools/topic_description.h"

namespace kafkalab::scenarios {

/// Kafka 3.6's LogConfig defines 31 topic configs; every release from 2.3 has between
/// 25 and 31, which puts both hash tables at 64 buckets.
inline constexpr std::size_t describe_configs_entries = 31;

/// `configs` reordered as kafka-topics --describe prints them.
std::vector<TopicConfigEntry> in_describe_configs_order(std::vector<TopicConfigEntry> configs);

}  // namespace kafkalab::scenarios
