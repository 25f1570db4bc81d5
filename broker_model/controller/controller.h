#pragma once
// The cluster controller as the brokers see it: one broker at a time is active and
// decides leaders and ISRs. This interface is what a ZooKeeper-mode controller (here)
// and a KRaft controller quorum (later) both provide to the broker hosting them.
#include "broker_model/controller/controller_context.h"
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

    /// What this controller knows of the cluster (meaningful while it is active).
    virtual const ControllerContext& context_view() const = 0;
};

}  // namespace kafkalab::kafka
