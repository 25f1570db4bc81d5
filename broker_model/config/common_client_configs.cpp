// Keys every client has, defined once (Kafka's CommonClientConfigs): the producer's
// and the consumer's tables both take them from here.
#include "broker_model/config/catalog_tables.h"

namespace kafkalab::kafka::tables {

std::vector<ConfigDef> reconnect_backoff_configs(ConfigScope scope) {
    using enum ConfigType;
    std::vector<ConfigDef> out;
    out.push_back(config_key("reconnect.backoff.ms", scope, int64, "50",
                             "The wait before reconnecting to a broker whose connection broke; it doubles with "
                             "every failure in a row.")
                      .in(ConfigUnit::milliseconds).at_least(0));
    out.push_back(config_key("reconnect.backoff.max.ms", scope, int64, "1000",
                             "The longest wait before reconnecting to a broker (KIP-144).")
                      .in(ConfigUnit::milliseconds).at_least(0).introduced({0, 11, 0}));
    return out;
}

}  // namespace kafkalab::kafka::tables
