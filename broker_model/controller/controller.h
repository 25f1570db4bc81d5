#pragma once
// The cluster controller as the brokers see it: one broker at a time is active and
// decides leaders and ISRs. This interface is what a ZooKeeper-mode controller (here)
// and a KRaft controller quorum (later) both provide to the broker hosting them.
#include <cstddef>
#include <functional>

#include "broker_model/controller/cluster_state.h"
#include "broker_model/protocol/admin_requests.h"
#include "broker_model/protocol/controller_requests.h"
#include "sim/scheduler.h"

namespace kafkalab::kafka {

class Controller {
public:
    virtual ~Controller() = default;

    /// Starts campaigning (ZooKeeper mode: try to create /controller).
    virtual void start() = 0;
    /// Stops being or becoming the controller (session lost, broker stopping).
    virtual void resign() = 0;
    virtual bool is_active() const = 0;
    /// The broker this broker believes is the controller, or -1.
    virtual BrokerId active_controller() const = 0;
    virtual ControllerEpoch epoch() const = 0;

    // Requests that only the active controller answers (others say NOT_CONTROLLER).
    virtual void handle_alter_partition(sim::NodeIndex from, const AlterPartitionRequest& request) = 0;
    virtual void handle_controlled_shutdown(sim::NodeIndex from, const ControlledShutdownRequest& request) = 0;
    virtual void handle_create_topics(sim::NodeIndex from, const CreateTopicsRequest& request) = 0;
    virtual void handle_delete_topics(sim::NodeIndex from, const DeleteTopicsRequest& request) = 0;
    virtual void handle_create_partitions(sim::NodeIndex from, const CreatePartitionsRequest& request) = 0;

    // What this controller knows of the cluster, meaningful while it is active. Each
    // mode answers from its own state (ZooKeeper mode: what it wrote to ZooKeeper; KRaft:
    // its metadata image), in the mode-neutral terms of cluster_state.h.

    /// The whole answer, copied: what broker/cluster_reader.h hands to observers.
    virtual ClusterState cluster_state() const = 0;
    /// Copy-free reads, for polls over large clusters (a bench checks every 10 ms across
    /// 100,000 partitions, where cluster_state() would copy them all each time).
    virtual std::size_t live_broker_count() const = 0;
    virtual bool is_live(BrokerId broker) const = 0;
    /// Partitions that have a leader and ISR (a topic being created has none yet).
    virtual std::size_t partitions_with_leadership() const = 0;
    using LeadershipVisitor = std::function<void(const TopicPartition&, const LeaderAndIsr&)>;
    /// Calls `visit` for each of them, in partition order.
    virtual void for_each_leadership(const LeadershipVisitor& visit) const = 0;
};

}  // namespace kafkalab::kafka
