#pragma once
// The cluster the Kafka workloads of bench/ run on: one ZooKeeper server and three
// brokers, with a topic created through the controller and given time to settle.
#include <string>

#include "sim/simulation.h"

namespace kafkalab::bench {

/// Adds zk-1 and broker-1..3 to `sim`, waits for a controller, creates `topic` with
/// `partitions` partitions and replication factor 3, and waits for its leaders.
void start_three_broker_cluster(sim::Simulation& sim, const std::string& topic, int partitions);

}  // namespace kafkalab::bench
