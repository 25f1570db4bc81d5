#include "broker_model/broker/broker_services.h"

#include "broker_model/common/host_names.h"
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
    std::string value = topic_config(topic, "min.insync.replicas");
    if (value.empty()) return config.min_insync_replicas;
    try {
        return std::stoi(value);
    } catch (...) {
        return config.min_insync_replicas;
    }
}

}  // namespace kafkalab::kafka
