#pragma once
// The ZooKeeper-mode controller's answer to the cluster-state read (cluster_state.h):
// what it holds in its context, which mirrors what it wrote to ZooKeeper.
#include "broker_model/controller/cluster_state.h"

namespace kafkalab::kafka {

class Controller;

/// `self` is the controller's own broker id.
ClusterState cluster_state(const Controller& controller, BrokerId self);

}  // namespace kafkalab::kafka
