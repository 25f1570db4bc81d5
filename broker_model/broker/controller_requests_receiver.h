#pragma once
// How metadata reaches a broker in ZooKeeper mode: the active controller pushes it as
// LeaderAndIsr (leaders and ISRs of the partitions this broker replicates),
// StopReplica (partitions it no longer hosts) and UpdateMetadata (every broker's view
// of the cluster), each stamped with the controller epoch and the receiver's broker
// epoch (KIP-380) so that a zombie controller or a request meant for this broker's
// previous life is refused. The outcome lands in the ReplicaManager and the
// MetadataCache, which is all the rest of the broker reads; a KRaft broker would fill
// the same two from the metadata log instead of from this receiver.
#include <functional>

#include "broker_model/broker/broker_services.h"
#include "broker_model/broker/replica_manager.h"

namespace kafkalab::kafka {

class ControllerRequestsReceiver {
public:
    /// `leadership_changed` runs after the broker's partitions changed role.
    ControllerRequestsReceiver(BrokerServices& services, ReplicaManager& replicas,
                               std::function<void()> leadership_changed)
        : services_(services), replicas_(replicas), leadership_changed_(std::move(leadership_changed)) {}

    /// Answers `message` if it is one of the controller's requests; true if it was.
    bool handle(sim::NodeIndex from, const sim::MessagePtr& message);

private:
    /// KIP-380: a control request for an earlier registration of this broker id.
    bool stale_broker_epoch(std::int64_t request_epoch) const;
    void handle_leader_and_isr(sim::NodeIndex from, const LeaderAndIsrRequest& request);
    void handle_stop_replica(sim::NodeIndex from, const StopReplicaRequest& request);
    void handle_update_metadata(sim::NodeIndex from, const UpdateMetadataRequest& request);

    BrokerServices& services_;
    ReplicaManager& replicas_;
    std::function<void()> leadership_changed_;
};

}  // namespace kafkalab::kafka
