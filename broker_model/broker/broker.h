#pragma once
// A Kafka broker (Kafka's KafkaServer), as one node of the simulation. At start it
// loads its logs from disk and joins the cluster through its control plane (in
// ZooKeeper mode: a session, an ephemeral /brokers/ids/<id>, and a controller that
// campaigns; see controller/control_plane.h). It then serves clients (Produce, Fetch,
// Metadata, ListOffsets, topic admin), the controller's requests, and its fellow
// brokers' fetches. Requests that arrive before the first registration wait, as in the
// listen backlog of a SocketServer whose processors start only after the broker
// registered. The registration yields the broker epoch (KIP-380): control requests
// stamped with an older one were meant for a previous life of this broker and are
// refused (STALE_BROKER_EPOCH).
//
//   start ──> joining ──> registered ──> serving
//                ^            │ (re-registrations after a lost membership do not
//                └────────────┘  stop the serving)
#include <deque>
#include <functional>
#include <memory>
#include <utility>
#include <set>
#include <string>

#include "broker_model/broker/broker_config.h"
#include "broker_model/broker/broker_services.h"
#include "broker_model/broker/controller_requests_receiver.h"
#include "broker_model/broker/metadata_cache.h"
#include "broker_model/broker/replica_manager.h"
#include "broker_model/controller/control_plane.h"
#include "broker_model/log/log_manager.h"
#include "broker_model/protocol/metadata.h"
#include "broker_model/protocol/network_client.h"
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

    /// `follower_truncation`: the cluster's Kafka release decides it
    /// (follower_truncation_in); BrokerConfig::truncate_to_high_watermark overrides it.
    Broker(sim::NodeContext& context, BrokerConfig config, HookFactory hooks = {},
           FollowerTruncation follower_truncation = FollowerTruncation::on_fetch_response);
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
    bool registered() const { return control_plane_ && control_plane_->registered(); }
    bool is_controller() const { return control_plane_ && control_plane_->controller().is_active(); }
    /// The controller this broker hosts (active or not); null before the broker started.
    const Controller* controller() const { return control_plane_ ? &control_plane_->controller() : nullptr; }
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
    /// Topic creations on this broker's initiative (__consumer_offsets); valid once started.
    TopicCreation& topic_creation() { return *control_plane_; }

private:
    /// The control plane registered this broker under `broker_epoch`.
    void on_registered(std::int64_t broker_epoch);
    void serve_backlog();

    void handle_metadata(sim::NodeIndex from, const MetadataRequest& request);
    void auto_create_topic(const std::string& topic);
    void handle_init_producer_id(sim::NodeIndex from, const InitProducerIdRequest& request);
    void finish_shutdown();

    BrokerConfig config_;
    LogManager& logs_;
    MetadataCache metadata_;
    NetworkClient network_;
    BrokerServices services_;
    std::unique_ptr<ReplicaManager> replicas_;
    std::unique_ptr<ControllerRequestsReceiver> controller_requests_;
    std::unique_ptr<ControlPlane> control_plane_;
    std::unique_ptr<RequestHook> hooks_;
    HookFactory hook_factory_;
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
