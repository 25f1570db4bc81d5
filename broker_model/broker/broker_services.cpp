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

std::int32_t BrokerServices::min_insync_replicas(const std::string& topic) const {
    return metadata.min_insync_replicas(topic, config.min_insync_replicas);
}

}  // namespace kafkalab::kafka
