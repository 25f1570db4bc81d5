#pragma once
// The per-scope tables behind config_catalog.h, one file each. Internal to the config
// library: read the catalog through config_catalog.h.
#include <vector>

#include "broker_model/config/config_def.h"

namespace kafkalab::kafka::tables {

std::vector<ConfigDef> broker_configs();
std::vector<ConfigDef> topic_configs();
std::vector<ConfigDef> producer_configs();
std::vector<ConfigDef> consumer_configs();
std::vector<ConfigDef> zookeeper_configs();

// Keys every client shares (Kafka's CommonClientConfigs), for the given client scope.
std::vector<ConfigDef> reconnect_backoff_configs(ConfigScope scope);

// Enumerations shared by several tables.
std::vector<ConfigChoice> serializer_choices();
std::vector<ConfigChoice> deserializer_choices();

}  // namespace kafkalab::kafka::tables
