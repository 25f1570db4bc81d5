#pragma once
// The group coordinator as a broker hook: a broker built with
// `group_coordinator_hook()` answers the classic consumer-group APIs (FindCoordinator,
// JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch,
// DescribeGroups, ListGroups) and keeps __consumer_offsets as a real replicated topic.
//
//   ClusterOptions options;
//   options.hooks = group_coordinator_hook();            // every broker runs a coordinator
//   TestCluster cluster(options);
//   GroupCoordinator* gc = group_coordinator_of(*cluster.broker(1));   // observation
//
// Each broker owns one GroupCoordinator (created when the broker process starts, gone
// when it crashes). It coordinates the groups whose __consumer_offsets partition the
// broker leads; it follows leadership through RequestHook::on_leadership_changed().
#include <memory>

#include "broker_model/broker/broker.h"
#include "broker_model/group/group_coordinator_config.h"

namespace kafkalab::kafka {

class GroupCoordinator;

/// A factory for Broker's hook slot: each broker incarnation gets its own coordinator.
Broker::HookFactory group_coordinator_hook(GroupCoordinatorConfig config = {});

/// The coordinator running in `broker`, or null if the broker was built without
/// group_coordinator_hook() (or has not started yet). For tests, the viewer and scenarios.
GroupCoordinator* group_coordinator_of(Broker& broker);

}  // namespace kafkalab::kafka
