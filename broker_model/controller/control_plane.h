#pragma once
// Everything in a broker that depends on how the cluster keeps its metadata: the
// broker's membership, the controller it hosts, and its topic creations. A broker
// holds one ControlPlane and sees only these interfaces; the log, fetch, group and
// client code see none of it. ZooKeeper mode (Kafka's KafkaServer) is the one
// implemented; a KRaft broker (Kafka's BrokerServer) would supply the same interfaces
// from a controller quorum and its metadata log.
//
// Metadata reaches the broker's MetadataCache and ReplicaManager from the controller:
// in ZooKeeper mode as LeaderAndIsr, UpdateMetadata and StopReplica requests pushed to
// each broker (see broker/controller_requests_receiver.h); a KRaft broker would fetch
// the metadata log and apply its records to the same two.
#include <memory>
#include <string>
#include <vector>

#include "broker_model/controller/broker_membership.h"
#include "broker_model/controller/controller.h"
#include "broker_model/controller/controller_config.h"
#include "broker_model/controller/topic_creation.h"
#include "broker_model/protocol/metadata.h"
#include "broker_model/protocol/network_client.h"
#include "sim/node.h"

namespace kafkalab::kafka {

class ControlPlane : public BrokerMembership, public TopicCreation {
public:
    virtual Controller& controller() = 0;
    virtual const Controller& controller() const = 0;

    /// Offers a message of the control plane's own protocol (ZooKeeper's replies and
    /// watches); true when it was one and has been handled.
    virtual bool handle(sim::NodeIndex from, const sim::MessagePtr& message) = 0;
    /// The connection to `peer` broke.
    virtual void on_disconnect(sim::NodeIndex peer) = 0;
};

/// What a broker tells its control plane about itself.
struct ControlPlaneConfig {
    /// How other brokers and clients reach this broker (its host is the node's name).
    BrokerEndpoint endpoint;
    std::vector<std::string> zookeeper_connect;  // zookeeper.connect, as host names
    sim::Duration zookeeper_session_timeout{};
    ControllerConfig controller;
};

/// The control plane the configuration asks for (ZooKeeper mode, the only one so far).
/// `registered` runs after each registration, once the hosted controller has started
/// campaigning.
std::unique_ptr<ControlPlane> make_control_plane(sim::NodeContext& context, NetworkClient& network,
                                                 ControlPlaneConfig config, BrokerMembership::Registered registered);

}  // namespace kafkalab::kafka
