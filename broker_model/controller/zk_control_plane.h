#pragma once
// ZooKeeper mode's control plane for one broker (the ZooKeeper half of Kafka's
// KafkaServer). It opens a ZooKeeper session, registers /brokers/ids/<id> (ephemeral:
// it vanishes when the session expires, which is how the cluster learns that a broker
// died), runs the broker's ZkController, and creates topics by writing their znodes.
// The registration's czxid is the broker epoch (KIP-380).
//
//   join ──> ZooKeeper connected ──> registered (controller campaigns)
//                    ^        │  ^
//                    │        └──┘ /brokers/ids/<id> held by another session:
//                    │             try again in 1 s (Kafka exits; see fail_registration)
//                    └──── session expired: resign, new session ─┘
#include <memory>

#include "broker_model/controller/control_plane.h"
#include "broker_model/controller/zk_controller.h"
#include "broker_model/zookeeper/zookeeper_client.h"

namespace kafkalab::kafka {

class ZkControlPlane final : public ControlPlane {
public:
    ZkControlPlane(sim::NodeContext& context, NetworkClient& network, ControlPlaneConfig config,
                   Registered registered);
    ~ZkControlPlane() override;

    void join() override;
    void begin_leaving() override { leaving_ = true; }
    void leave() override;
    bool registered() const override { return registered_; }

    bool can_create_topics() const override;
    void create_topic(const TopicToCreate& topic, std::function<void()> answered) override;

    Controller& controller() override { return *controller_; }
    const Controller& controller() const override { return *controller_; }
    bool handle(sim::NodeIndex from, const sim::MessagePtr& message) override;
    void on_disconnect(sim::NodeIndex peer) override;

private:
    void connect_zookeeper();
    void on_zk_state(zk::KeeperState state);
    void create_skeleton(std::size_t index);
    void register_broker();
    /// KafkaZkClient.checkedEphemeralCreate: reads the registration back; it is ours if
    /// our session owns it (a create whose answer was lost), and its czxid is our epoch.
    void read_registration();
    void on_registered(zk::Zxid czxid);
    /// The registration is another session's: a previous life of this broker whose
    /// session has not expired yet.
    void fail_registration();

    sim::NodeContext& context_;
    ControlPlaneConfig config_;
    Registered on_registered_;
    std::unique_ptr<zk::ZooKeeperClient> zk_;
    std::unique_ptr<ZkController> controller_;
    bool registered_ = false;
    bool leaving_ = false;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkalab::kafka
