#pragma once
// Reads the cluster's state (controller/cluster_state.h) from a running cluster, as a
// user asking it would be told: the active controller's state when there is one, else
// the freshest metadata any live broker holds (a broker answers Metadata from its cache
// even while no controller is active), so a crashed controller does not make every
// partition look leaderless. Only observes.
#include <vector>

#include "broker_model/controller/cluster_state.h"
#include "sim/simulation.h"

namespace kafkalab::kafka {

class Broker;

/// The broker acting as controller: of those that believe they are (a controller cut
/// off from its session believes so until it hears of the expiry), the one with the
/// highest controller epoch. Null when none is.
Broker* active_controller(sim::Simulation& sim, const std::vector<sim::NodeIndex>& brokers);

ClusterState read_cluster_state(sim::Simulation& sim, const std::vector<sim::NodeIndex>& brokers);

}  // namespace kafkalab::kafka
