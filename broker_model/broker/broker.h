#pragma once
// A Kafka broker in ZooKeeper mode (Kafka's KafkaServer), as one node of the
// simulation. At start it loads its logs from disk, opens a ZooKeeper session,
// registers /brokers/ids/<id> (ephemeral: it vanishes when the session expires, which
// is how the cluster learns that a broker died) and campaigns to be the controller.
// It then serves clients (Produce, Fetch, Metadata, ListOffsets, topic admin), the
// controller's requests, and its fellow brokers' fetches. Requests that arrive before
// the first registration wait, as in the listen backlog of a SocketServer whose
// processors start only after KafkaZkClient.registerBroker. The registration's czxid
// is the broker epoch (KIP-380): control requests stamped with an older one were
// meant for a previous life of this broker and are refused (STALE_BROKER_EPOCH).
//
//   start ──> ZooKeeper connected ──> registered ──> serving
//                    ^        │  ^                       |
//                    │        └──┘ /brokers/ids/<id> held by another session:
//                    │             try again in 1 s (Kafka exits; see fail_registration)
//                    └──── session expired: new session ─┘
#include <deque>
#include <functional>
#include <memory>
#include <utility>
#include <set>
#include <string>

#include "broker_model/broker/broker_config.h"
#include "broker_model/broker/broker_services.h"
#include "broker_model/broker/metadata_cache.h"
#include "broker_model/broker/replica_manager.h"
#include "broker_model/controller/zk_controller.h"
#include "broker_model/log/log_manager.h"
#include "broker_model/protocol/metadata.h"
#include "broker_model/protocol/network_client.h"
#include "broker_model/zookeeper/zookeeper_client.h"
#include "sim/node.h"

namespace kafkalab::kafka {

/// Handles the group-coordinator APIs; supplied by the group layer so the broker does
/// not depend on it. Returns true if it handled the message.
class RequestHook {
public:
    virtual ~RequestHook() = default;
    virtual void start() {}
    virtual bool handle(sim::NodeIndex from, const sim::MessagePtr& message) = 0;
    /// The broker's partitions changed role (group coordinators follow __consumer_offsets leadership).
    virtual void on_leadership_changed() {}
};

class Broker final : public sim::Node {
public:
    using HookFactory = std::function<std::unique_ptr<RequestHook>(Broker&)>;

    Broker(sim::NodeContext& context, BrokerConfig config, HookFactory hooks = {});
    ~Broker() override;

    void on_start() override;
    void on_message(sim::NodeIndex from, const sim::MessagePtr& message) override;
    void on_disconnect(sim::NodeIndex peer) override;

    /// A clean stop (kafka-server-stop.sh): with controlled.shutdown.enable, leadership
    /// moves away first; then the logs are flushed and the ZooKeeper session closed.
    /// `stopped` runs when the broker is ready for its process to end.
    void begin_controlled_shutdown(std::function<void()> stopped);

    // Observation, for the viewer, scenarios and tests.
    const BrokerConfig& config() const { return config_; }
    BrokerId id() const { return config_.broker_id; }
    bool registered() const { return registered_; }
    bool is_controller() const { return controller_ && controller_->is_active(); }
    const ZkController* controller() const { return controller_.get(); }
    const MetadataCache& metadata() const { return metadata_; }
    const ReplicaManager& replicas() const { return *replicas_; }
    /// The data plane for broker components that write to partitions this broker leads
    /// (the group coordinator appends to __consumer_offsets with append_local).
    ReplicaManager& replicas() { return *replicas_; }
    /// The request hook this broker runs (the group coordinator), or null.
    RequestHook* hook() { return hooks_.get(); }
    LogManager& logs() { return logs_; }
    BrokerServices& services() { return services_; }
    NetworkClient& network() { return network_; }
    zk::ZooKeeperClient* zookeeper() { return zk_.get(); }

private:
    void connect_zookeeper();
    void on_zk_state(zk::KeeperState state);
    void on_zk_watch(const zk::WatchedEvent& event);
    void create_skeleton(std::size_t index);
    void register_broker();
    /// KafkaZkClient.checkedEphemeralCreate: reads the registration back; it is ours if
    /// our session owns it (a create whose answer was lost), and its czxid is our epoch.
    void read_registration();
    void on_registered(zk::Zxid czxid);
    /// The registration is another session's: a previous life of this broker whose
    /// session has not expired yet.
    void fail_registration();
    /// KIP-380: a control request for an earlier registration of this broker id.
    bool stale_broker_epoch(std::int64_t request_epoch) const;
    void serve_backlog();

    void handle_metadata(sim::NodeIndex from, const MetadataRequest& request);
    void auto_create_topic(const std::string& topic);
    void handle_update_metadata(sim::NodeIndex from, const UpdateMetadataRequest& request);
    void handle_init_producer_id(sim::NodeIndex from, const InitProducerIdRequest& request);
    void finish_shutdown();

    BrokerConfig config_;
    LogManager& logs_;
    MetadataCache metadata_;
    NetworkClient network_;
    BrokerServices services_;
    std::unique_ptr<ReplicaManager> replicas_;
    std::unique_ptr<zk::ZooKeeperClient> zk_;
    std::unique_ptr<ZkController> controller_;
    std::unique_ptr<RequestHook> hooks_;
    HookFactory hook_factory_;
    bool registered_ = false;
    /// Set at the first registration of this process and never cleared: from then on
    /// the socket server processes requests, through later session expiries too.
    bool serving_ = false;
    /// Requests received before serving_, in arrival order (bounded, like a listen backlog).
    std::deque<std::pair<sim::NodeIndex, sim::MessagePtr>> backlog_;
    bool shutting_down_ = false;
    std::function<void()> stopped_;
    std::set<std::string> auto_creating_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkalab::kafka
