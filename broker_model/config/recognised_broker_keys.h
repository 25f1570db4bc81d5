#pragma once
// The server.properties keys Kafka 3.6 knows, whether or not kafkalab models them, so
// that a real broker's file loads: a key Kafka knows but the simulation does not model
// (ssl.*, sasl.*, authorizer.class.name, metric.reporters, quotas, tiered storage...)
// is accepted with a warning instead of being refused as unknown.
#include <span>
#include <string_view>

namespace kafkalab::kafka {

/// Whether a Kafka 3.6 broker knows `key` (including per-listener keys,
/// listener.name.<listener>.<key>).
bool kafka_knows_broker_key(std::string_view key);

/// Every key name a Kafka 3.6 broker defines, sorted.
std::span<const std::string_view> kafka_broker_key_names();

/// Whether `key` starts with a first word ("ssl", "log", "zookeeper") that Kafka's
/// own broker keys use. A key without one belongs to a plugin or another product.
bool has_kafka_broker_prefix(std::string_view key);

}  // namespace kafkalab::kafka
