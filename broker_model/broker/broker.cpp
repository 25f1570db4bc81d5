#include "broker_model/broker/broker.h"

#include "broker_model/broker/log_truncation.h"

#include "broker_model/common/recurring_step.h"
#include "broker_model/controller/replica_assignment.h"
#include "broker_model/controller/topic_names.h"
#include "broker_model/controller/zk_data.h"
#include "broker_model/protocol/admin_requests.h"
#include "broker_model/zookeeper/client_messages.h"
#include "broker_model/events/record_event.h"
#include "sim/simulation.h"

namespace kafkalab::kafka {

using namespace std::chrono_literals;
using zk::ZkCode;

namespace {

/// Producer ids handed out by this broker survive restarts, like Kafka's id blocks in
/// ZooKeeper: broker id in the high bits, a persistent counter below.
struct ProducerIdBlock final : sim::DurableState {
    std::int64_t next = 0;
    void lose_unflushed() override {}  // written through, like the znode it stands for
};

}  // namespace

Broker::Broker(sim::NodeContext& context, BrokerConfig config, HookFactory hooks)
    : sim::Node(context),
      config_(std::move(config)),
      logs_(LogManager::on_disk(context.disk())),
      network_(context),
      services_{context, config_, logs_, metadata_, network_},
      hook_factory_(std::move(hooks)) {
    // A power loss finds no broker object to tell: the disk reports what its logs lost.
    sim::NodeContext* node = &context;
    logs_.set_power_loss_observer([node](const TopicPartition& tp, Offset old_log_end, Offset new_log_end) {
        record_truncation(*node, {tp, node->name(), new_log_end, old_log_end, TruncationCause::power_loss});
    });
}

Broker::~Broker() { *alive_ = false; }

void Broker::on_start() {
    // The in-memory high watermarks died with the old process; reload the checkpoint.
    logs_.reload_after_restart();
    replicas_ = std::make_unique<ReplicaManager>(services_);
    replicas_->start();
    ControllerConfig controller_config;
    controller_config.broker_id = config_.broker_id;
    controller_config.unclean_leader_election_enable = config_.unclean_leader_election_enable;
    controller_config.delete_topic_enable = config_.delete_topic_enable;
    controller_config.num_partitions = config_.num_partitions;
    controller_config.default_replication_factor = config_.default_replication_factor;
    controller_config.controller_socket_timeout = config_.controller_socket_timeout;
    controller_ = std::make_unique<ZkController>(context(), network_, [this] { return zk_.get(); }, controller_config);
    if (hook_factory_) {
        hooks_ = hook_factory_(*this);
        hooks_->start();
    }
    connect_zookeeper();
}

void Broker::connect_zookeeper() {
    std::vector<sim::NodeIndex> servers;
    for (const auto& host : config_.zookeeper_connect) {
        if (auto node = context().simulation().find_node(host)) servers.push_back(*node);
    }
    registered_ = false;
    zk_ = std::make_unique<zk::ZooKeeperClient>(context(), servers, config_.zookeeper_session_timeout);
    zk_->set_state_listener([this](zk::KeeperState state) { on_zk_state(state); });
    zk_->set_watcher([this](const zk::WatchedEvent& event) { on_zk_watch(event); });
    zk_->start();
}

void Broker::on_zk_state(zk::KeeperState state) {
    if (state == zk::KeeperState::sync_connected && !registered_ && !shutting_down_) {
        create_skeleton(0);
    } else if (state == zk::KeeperState::expired) {
        // The ensemble has forgotten us: /brokers/ids/<id> is gone and so is
        // /controller if we held it. Start a new session and register again.
        record_event(context(), ZkSessionExpired{config_.broker_id});
        controller_->resign();
        auto alive = alive_;
        // The client may not be destroyed from inside its own listener: reconnect next.
        context().set_timer(0ns, "zookeeper reconnect", [this, alive] {
            if (*alive) connect_zookeeper();
        });
    }
}

void Broker::on_zk_watch(const zk::WatchedEvent& event) { controller_->on_watch(event); }

void Broker::create_skeleton(std::size_t index) {
    // KafkaZkClient.createTopLevelPaths: persistent parents every broker makes sure of.
    auto paths = zk_data::cluster_skeleton();
    if (index == paths.size()) return register_broker();
    auto alive = alive_;
    zk_->create(paths[index], "", false, [this, alive, index](const zk::CreateResult& result) {
        if (!*alive) return;
        if (result.code == ZkCode::connection_loss) return;  // retried on the next SyncConnected
        create_skeleton(index + 1);
    });
}

void Broker::register_broker() {
    BrokerEndpoint endpoint{config_.broker_id, context().name(), config_.port, config_.rack};
    auto alive = alive_;
    std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              context().now().time_since_epoch()).count();
    zk_->create(zk_data::broker_path(config_.broker_id), zk_data::encode_broker(endpoint, now_ms), true,
                [this, alive](const zk::CreateResult& result) {
                    if (!*alive) return;
                    // Without a connection the outcome is unknown; the next SyncConnected
                    // starts over (retryRequestUntilConnected).
                    if (result.code == ZkCode::connection_loss) return;
                    if (result.code == ZkCode::ok || result.code == ZkCode::node_exists) read_registration();
                });
}

void Broker::read_registration() {
    auto alive = alive_;
    zk_->get_data(zk_data::broker_path(config_.broker_id), false, [this, alive](const zk::DataResult& read) {
        if (!*alive || !zk_) return;
        if (read.code == ZkCode::connection_loss) return;  // as above
        // The other session's node went away between create and read: create again.
        if (read.code == ZkCode::no_node) return register_broker();
        if (read.code != ZkCode::ok) return;
        if (read.stat.ephemeral_owner != zk_->session_id()) return fail_registration();
        on_registered(read.stat.czxid);
    });
}

void Broker::on_registered(zk::Zxid czxid) {
    registered_ = true;
    services_.broker_epoch = czxid.value;
    record_event(context(), BrokerRegistered{config_.broker_id, czxid.value});
    controller_->start();
    if (!serving_) {
        serving_ = true;
        serve_backlog();
    }
}

void Broker::fail_registration() {
    // Kafka's startup fails on this NodeExists and the process exits; a service manager
    // starts it again until the previous life's session has expired. The model keeps the
    // process and tries again each second, serving nothing meanwhile: the same outcome,
    // bounded by that session's timeout.
    record_event(context(), BrokerRegistrationFailed{zk_data::broker_path(config_.broker_id)});
    auto alive = alive_;
    context().set_timer(1s, "broker registration retry", [this, alive] {
        if (*alive && zk_ && zk_->connected() && !registered_) register_broker();
    });
}

bool Broker::stale_broker_epoch(std::int64_t request_epoch) const {
    // Kafka's isBrokerEpochStale: -1 comes from senders that do not know the epoch; a
    // newer one than ours is a controller that read our registration before we did.
    return request_epoch != -1 && request_epoch < services_.broker_epoch;
}

void Broker::serve_backlog() {
    while (!backlog_.empty()) {
        auto [from, message] = std::move(backlog_.front());
        backlog_.pop_front();
        on_message(from, message);
        if (!*alive_) return;
    }
}

void Broker::on_disconnect(sim::NodeIndex peer) {
    // A waiting request whose connection broke will never be answered.
    std::erase_if(backlog_, [peer](const auto& held) { return held.first == peer; });
    if (zk_) zk_->on_disconnect(peer);
    network_.on_disconnect(peer);
}

void Broker::on_message(sim::NodeIndex from, const sim::MessagePtr& message) {
    if (zk_ && zk::ZooKeeperClient::handles(*message)) return zk_->on_message(from, message);
    if (network_.on_response(from, message)) return;
    if (!serving_) {
        // Not registered yet: the request waits unread, like a connection in the
        // listen backlog (socket.listen.backlog.size is 50 connections).
        constexpr std::size_t backlog_limit = 1000;
        if (backlog_.size() < backlog_limit) backlog_.emplace_back(from, message);
        return;
    }
    if (hooks_ && hooks_->handle(from, message)) return;
    const sim::Message& m = *message;
    switch (m.type()) {
        case ProduceRequest::type_id:
            return replicas_->handle_produce(from, message_as<ProduceRequest>(m));
        case FetchRequest::type_id:
            return replicas_->handle_fetch(from, std::static_pointer_cast<const FetchRequest>(message));
        case ListOffsetsRequest::type_id: return replicas_->handle_list_offsets(from, message_as<ListOffsetsRequest>(m));
        case OffsetsForLeaderEpochRequest::type_id:
            return replicas_->handle_offsets_for_leader_epoch(from, message_as<OffsetsForLeaderEpochRequest>(m));
        case MetadataRequest::type_id: return handle_metadata(from, message_as<MetadataRequest>(m));
        case LeaderAndIsrRequest::type_id: {
            const auto& request = message_as<LeaderAndIsrRequest>(m);
            if (stale_broker_epoch(request.broker_epoch)) {
                auto refused = std::make_shared<LeaderAndIsrResponse>();
                refused->correlation_id = request.correlation_id;
                refused->error = Error::stale_broker_epoch;
                return context().send(from, refused);
            }
            auto response = replicas_->handle_leader_and_isr(request);
            context().send(from, response);
            if (hooks_) hooks_->on_leadership_changed();
            return;
        }
        case StopReplicaRequest::type_id: {
            const auto& request = message_as<StopReplicaRequest>(m);
            if (stale_broker_epoch(request.broker_epoch)) {
                auto refused = std::make_shared<StopReplicaResponse>();
                refused->correlation_id = request.correlation_id;
                refused->error = Error::stale_broker_epoch;
                return context().send(from, refused);
            }
            context().send(from, replicas_->handle_stop_replica(request));
            if (hooks_) hooks_->on_leadership_changed();
            return;
        }
        case UpdateMetadataRequest::type_id: return handle_update_metadata(from, message_as<UpdateMetadataRequest>(m));
        case AlterPartitionRequest::type_id:
            return controller_->handle_alter_partition(from, message_as<AlterPartitionRequest>(m));
        case ControlledShutdownRequest::type_id:
            return controller_->handle_controlled_shutdown(from, message_as<ControlledShutdownRequest>(m));
        case CreateTopicsRequest::type_id:
            return controller_->handle_create_topics(from, message_as<CreateTopicsRequest>(m));
        case DeleteTopicsRequest::type_id:
            return controller_->handle_delete_topics(from, message_as<DeleteTopicsRequest>(m));
        case CreatePartitionsRequest::type_id:
            return controller_->handle_create_partitions(from, message_as<CreatePartitionsRequest>(m));
        case InitProducerIdRequest::type_id:
            return handle_init_producer_id(from, message_as<InitProducerIdRequest>(m));
        default: return;  // unknown requests are ignored, as a broker closes such a connection
    }
}

void Broker::handle_update_metadata(sim::NodeIndex from, const UpdateMetadataRequest& request) {
    auto response = std::make_shared<UpdateMetadataResponse>();
    response->correlation_id = request.correlation_id;
    if (stale_broker_epoch(request.broker_epoch)) {
        response->error = Error::stale_broker_epoch;
    } else if (request.controller_epoch < replicas_->controller_epoch()) {
        response->error = Error::stale_controller_epoch;
    } else {
        metadata_.update(request.live_brokers, request.controller_id, request.partitions, request.topic_configs,
                         request.deleted_topics);
    }
    context().send(from, response);
}

void Broker::handle_metadata(sim::NodeIndex from, const MetadataRequest& request) {
    auto response = std::make_shared<MetadataResponse>(metadata_.describe(request.topics, config_.min_insync_replicas));
    response->correlation_id = request.correlation_id;
    for (auto& topic : response->topics) {
        if (topic.error != Error::unknown_topic_or_partition) continue;
        bool may_create = request.topics && request.allow_auto_topic_creation && config_.auto_create_topics_enable &&
                          topic.name != consumer_offsets_topic && !validate_topic_name(topic.name);
        if (!may_create) continue;
        // auto.create.topics.enable: the topic is being created; ask again shortly.
        auto_create_topic(topic.name);
        topic.error = Error::leader_not_available;
    }
    context().send(from, response);
}

void Broker::auto_create_topic(const std::string& topic) {
    if (!zk_ || auto_creating_.count(topic)) return;
    std::vector<BrokerRack> brokers;
    for (const auto& [id, endpoint] : metadata_.live_brokers()) brokers.push_back({id, endpoint.rack});
    // Kafka caps nothing here: with fewer live brokers than default.replication.factor
    // the creation fails, and the client keeps getting LEADER_NOT_AVAILABLE.
    AssignmentResult assigned =
        assign_replicas(brokers, config_.num_partitions, config_.default_replication_factor, context().random());
    if (!assigned.error.empty()) return;
    auto_creating_.insert(topic);
    zk_data::TopicAssignment assignment{new_topic_id(context().random()), assigned.replicas};
    auto alive = alive_;
    zk_->create(zk_data::topic_path(topic), zk_data::encode_assignment(assignment), false,
                [this, alive, topic](const zk::CreateResult&) {
                    if (*alive) auto_creating_.erase(topic);
                });
}

void Broker::handle_init_producer_id(sim::NodeIndex from, const InitProducerIdRequest& request) {
    auto& block = context().disk().get_or_create<ProducerIdBlock>("producer-ids");
    auto response = std::make_shared<InitProducerIdResponse>();
    response->correlation_id = request.correlation_id;
    response->producer_id = ProducerId{(std::int64_t{config_.broker_id.value} << 32) | block.next++};
    response->producer_epoch = ProducerEpoch{0};
    context().send(from, response);
}

void Broker::begin_controlled_shutdown(std::function<void()> stopped) {
    if (shutting_down_) return;
    shutting_down_ = true;
    stopped_ = std::move(stopped);
    record_event(context(), ControlledShutdown{false});
    if (!config_.controlled_shutdown_enable || !registered_) return finish_shutdown();
    auto attempts = std::make_shared<int>(0);
    auto alive = alive_;
    auto attempt = recurring_step([this, alive, attempts](const auto& again) {
        if (!*alive) return;
        sim::NodeIndex controller = services_.node_of(metadata_.controller());
        // controlled.shutdown.max.retries = 3, retry.backoff.ms = 5000.
        if (controller == sim::no_node || ++*attempts > 3) return finish_shutdown();
        auto request = std::make_shared<ControlledShutdownRequest>();
        request->broker_id = config_.broker_id;
        request->broker_epoch = services_.broker_epoch;
        network_.send(controller, request, config_.controller_socket_timeout,
                      [this, alive, again](Error error, const sim::MessagePtr& response) {
                          if (!*alive) return;
                          bool ok = error == Error::none &&
                                    message_as<ControlledShutdownResponse>(*response).error == Error::none;
                          if (ok) return finish_shutdown();
                          context().set_timer(5s, "controlled shutdown retry", again);
                      });
    });
    attempt();
}

void Broker::finish_shutdown() {
    logs_.flush_all();
    logs_.checkpoint_high_watermarks();
    controller_->resign();
    if (zk_) zk_->close();  // the ephemeral registration goes at once
    record_event(context(), ControlledShutdown{true});
    if (stopped_) {
        auto stopped = std::move(stopped_);
        stopped_ = nullptr;
        stopped();
    }
}

}  // namespace kafkalab::kafka
