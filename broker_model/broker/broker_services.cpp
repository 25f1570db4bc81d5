#include "broker_model/broker/broker_services.h"

#include "broker_model/common/host_names.h"
#include "broker_model/config/value_parsing.h"
#include "sim/simulation.h"

namespace kafkalab::kafka {

sim::NodeIndex BrokerServices::node_of(BrokerId id) const {
    auto it = metadata.live_brokers().find(id);
    if (it != metadata.live_brokers().end()) return context.simulation().find_node(it->second.host).value_or(sim::no_node);
    return context.simulation().find_node(broker_host(id)).value_or(sim::no_node);
}

std::string BrokerServices::topic_config(const std::string& topic, const std::string& key) const {
    if (const auto* t = metadata.topic(topic)) {
        auto it = t->configs.find(key);
        if (it != t->configs.end()) return it->second;
    }
    return "";
}

std::int32_t BrokerServices::min_insync_replicas(const std::string& topic) const {
    // The topic's configs were checked when it was created (CreateTopics answers
    // INVALID_CONFIG otherwise: invalid_topic_config.h), so a value set parses; unset
    // means the broker's default.
    auto value = parse_int64(topic_config(topic, "min.insync.replicas"));
    return value ? static_cast<std::int32_t>(*value) : config.min_insync_replicas;
}

}  // namespace kafkalab::kafka
