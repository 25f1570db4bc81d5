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
/// ("Invalid value abc for configuration linger.ms: Not a number of type LONG"), read
/// through the catalog as a scenario's producers are (tool_client_properties.h).
/// `hosts` are the simulated broker hosts bootstrap.servers resolved to. Keys the model
/// has no knob for (compression.type, buffer.memory, ...) are accepted and ignored.
/// Unset keys take the defaults of `era` (enable.idempotence from 3.2, KAFKA-13598).
std::variant<kafka::ProducerConfig, std::string> console_producer_config(const CliProperties& properties,
                                                                         std::vector<std::string> hosts,
                                                                         kafka::KafkaVersion era);

}  // namespace kafkalab::scenarios
