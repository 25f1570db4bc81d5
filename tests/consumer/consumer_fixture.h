#pragma once
// Helpers for consumer tests: consumers as nodes next to a TestCluster, sharing one
// ConsumptionLog, and small readers of what they received.
#include <memory>
#include <string>
#include <vector>

#include "broker_model/client/consumer.h"
#include "broker_model/client/consumption_log.h"
#include "support/test_cluster.h"

namespace kafkalab::kafka::testing {

/// Adds a consumer node named `name`; bootstrap.servers defaults to every broker.
inline sim::NodeIndex add_consumer(TestCluster& cluster, const std::string& name, ConsumerOptions options,
                                   int brokers = 3) {
    if (options.config.bootstrap_servers.empty()) {
        for (int id = 1; id <= brokers; ++id) options.config.bootstrap_servers.push_back("broker-" + std::to_string(id));
    }
    return cluster.sim().add_node(name, Consumer::factory(std::move(options)));
}

inline Consumer* consumer_at(TestCluster& cluster, sim::NodeIndex node) { return cluster.sim().node_as<Consumer>(node); }

/// Values in delivery order (of the whole log, or of a selection of it).
template <typename Deliveries>
std::vector<std::string> values(const Deliveries& deliveries) {
    std::vector<std::string> out;
    for (const auto& d : deliveries) out.emplace_back(d.record.value);
    return out;
}

/// "p0-0", "p0-1", ...: distinct values that say where they were meant to go.
inline std::vector<std::string> numbered(const std::string& prefix, int from, int count) {
    std::vector<std::string> out;
    for (int i = from; i < from + count; ++i) out.push_back(prefix + "-" + std::to_string(i));
    return out;
}

}  // namespace kafkalab::kafka::testing
