#pragma once
// The properties a Kafka command-line tool builds its client from (its own defaults,
// its options and --producer-property / --consumer-property), read into the same
// catalog-checked Properties a scenario's clients are built from.
#include <string>
#include <variant>

#include "broker_model/config/properties.h"
#include "scenarios/cli_tools/cli_property.h"

namespace kafkalab::scenarios {

/// `typed` as a Properties of `scope` and `era`, the last value of a key winning as in
/// java.util.Properties. Each value is checked against the catalog, and the first one
/// refused comes back as Kafka's ConfigException sentence ("Invalid value soon for
/// configuration linger.ms: Not a number of type LONG"). Keys the catalog does not know
/// (compression.type, buffer.memory, ...) are left out: Kafka logs them as supplied but
/// unused (AbstractConfig.logUnused) and goes on.
std::variant<kafka::Properties, std::string> tool_client_properties(const CliProperties& typed,
                                                                    kafka::ConfigScope scope, kafka::KafkaVersion era);

}  // namespace kafkalab::scenarios
