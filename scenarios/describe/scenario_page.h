#pragma once
// `kafkalab describe`: a scenario on one page, as an engineer checks it before a run:
// brokers and racks, the network, each topic with its configs and where its replicas
// were placed (Kafka's AdminUtils.assignReplicasToBrokers, rack-aware, drawn with the
// scenario's seed), the clients, the fault schedule in time order, the lesson's
// script and the expectations.
#include <ostream>

#include "scenarios/spec/scenario.h"

namespace kafkalab::scenarios {

/// Builds the cluster up to scenario time 0 (where the topics exist) to read the
/// placement; nothing after that runs.
void write_scenario_page(const Scenario& scenario, std::ostream& out);

}  // namespace kafkalab::scenarios
