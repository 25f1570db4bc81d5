#pragma once
// From the properties kafka-console-producer builds (console_producer_properties) to
// the typed producer the model runs.
#include <string>
#include <variant>
#include <vector>

#include "broker_model/client/producer_config.h"
#include "broker_model/config/kafka_version.h"
#include "scenarios/cli_tools/cli_property.h"

namespace kafkalab::scenarios {

/// The producer config, or Kafka's ConfigException sentence for the first bad value
/// ("Invalid value abc for configuration linger.ms: Not a number of type LONG").
/// `hosts` are the simulated broker hosts bootstrap.servers resolved to. Keys the model
/// has no knob for (compression.type, buffer.memory, ...) are accepted and ignored.
/// Before 3.2 the idempotence default did not apply (KIP-679 shipped in 3.0, but 3.0.0
/// and 3.1.0 never turned it on), so `era` decides it unless a property sets it.
std::variant<kafka::ProducerConfig, std::string> console_producer_config(const CliProperties& properties,
                                                                         std::vector<std::string> hosts,
                                                                         kafka::KafkaVersion era);

}  // namespace kafkalab::scenarios
