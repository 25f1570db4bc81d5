#include "broker_model/broker/broker.h"

#include "broker_model/broker/log_truncation.h"

#include "broker_model/common/recurring_step.h"
#include "broker_model/controller/replica_assignment.h"
#include "broker_model/controller/topic_names.h"
#include "broker_model/events/record_event.h"
#include "broker_model/protocol/admin_requests.h"
#include "sim/simulation.h"

namespace kafkalab::kafka {

using namespace std::chrono_literals;

namespace {

/// Producer ids handed out by this broker survive restarts, like Kafka's id blocks in
/// ZooKeeper: broker id in the high bits, a persistent counter below.
struct ProducerIdBlock final : sim::DurableState {
    std::int64_t next = 0;
    void lose_unflushed() override {}  // written through, like the znode it stands for
};

}  // namespace

Broker::Broker(sim::NodeContext& context, BrokerConfig config, HookFactory hooks, FollowerTruncation follower_truncation)
    : sim::Node(context),
      config_(std::move(config)),
      logs_(LogManager::on_disk(context.disk())),
      network_(context),
      services_{context, config_, logs_, metadata_, network_},
      hook_factory_(std::move(hooks)) {
    services_.follower_truncation =
        config_.truncate_to_high_watermark ? FollowerTruncation::to_high_watermark : follower_truncation;
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
    controller_requests_ = std::make_unique<ControllerRequestsReceiver>(services_, *replicas_, [this] {
        if (hooks_) hooks_->on_leadership_changed();
    });
    ControlPlaneConfig plane;
    plane.endpoint = BrokerEndpoint{config_.broker_id, context().name(), config_.port, config_.rack};
    plane.zookeeper_connect = config_.zookeeper_connect;
    plane.zookeeper_session_timeout = config_.zookeeper_session_timeout;
    plane.controller.broker_id = config_.broker_id;
    plane.controller.unclean_leader_election_enable = config_.unclean_leader_election_enable;
    plane.controller.delete_topic_enable = config_.delete_topic_enable;
    plane.controller.num_partitions = config_.num_partitions;
    plane.controller.default_replication_factor = config_.default_replication_factor;
    plane.controller.controller_socket_timeout = config_.controller_socket_timeout;
    control_plane_ = make_control_plane(context(), network_, std::move(plane),
                                        [this](std::int64_t broker_epoch) { on_registered(broker_epoch); });
    if (hook_factory_) {
        hooks_ = hook_factory_(*this);
        hooks_->start();
    }
    control_plane_->join();
}

void Broker::on_registered(std::int64_t broker_epoch) {
    services_.broker_epoch = broker_epoch;
    if (!serving_) {
        serving_ = true;
        serve_backlog();
    }
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
    if (control_plane_) control_plane_->on_disconnect(peer);
    network_.on_disconnect(peer);
}

void Broker::on_message(sim::NodeIndex from, const sim::MessagePtr& message) {
    if (control_plane_ && control_plane_->handle(from, message)) return;
    if (network_.on_response(from, message)) return;
    if (!serving_) {
        // Not registered yet: the request waits unread, like a connection in the
        // listen backlog (socket.listen.backlog.size is 50 connections).
        constexpr std::size_t backlog_limit = 1000;
        if (backlog_.size() < backlog_limit) backlog_.emplace_back(from, message);
        return;
    }
    if (hooks_ && hooks_->handle(from, message)) return;
    if (controller_requests_->handle(from, message)) return;
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
        case AlterPartitionRequest::type_id:
            return control_plane_->controller().handle_alter_partition(from, message_as<AlterPartitionRequest>(m));
        case ControlledShutdownRequest::type_id:
            return control_plane_->controller().handle_controlled_shutdown(from, message_as<ControlledShutdownRequest>(m));
        case CreateTopicsRequest::type_id:
            return control_plane_->controller().handle_create_topics(from, message_as<CreateTopicsRequest>(m));
        case DeleteTopicsRequest::type_id:
            return control_plane_->controller().handle_delete_topics(from, message_as<DeleteTopicsRequest>(m));
        case CreatePartitionsRequest::type_id:
            return control_plane_->controller().handle_create_partitions(from, message_as<CreatePartitionsRequest>(m));
        case InitProducerIdRequest::type_id:
            return handle_init_producer_id(from, message_as<InitProducerIdRequest>(m));
        default: return;  // unknown requests are ignored, as a broker closes such a connection
    }
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
    if (auto_creating_.count(topic)) return;
    std::vector<BrokerRack> brokers;
    for (const auto& [id, endpoint] : metadata_.live_brokers()) brokers.push_back({id, endpoint.rack});
    // Kafka caps nothing here: with fewer live brokers than default.replication.factor
    // the creation fails, and the client keeps getting LEADER_NOT_AVAILABLE.
    AssignmentResult assigned =
        assign_replicas(brokers, config_.num_partitions, config_.default_replication_factor, context().random());
    if (!assigned.error.empty()) return;
    auto_creating_.insert(topic);
    TopicToCreate created{topic, new_topic_id(context().random()), assigned.replicas, {}};
    auto alive = alive_;
    control_plane_->create_topic(created, [this, alive, topic] {
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
    if (control_plane_) control_plane_->begin_leaving();
    record_event(context(), ControlledShutdown{false});
    if (!config_.controlled_shutdown_enable || !registered()) return finish_shutdown();
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
    if (control_plane_) control_plane_->leave();  // the controller resigns; the registration goes at once
    record_event(context(), ControlledShutdown{true});
    if (stopped_) {
        auto stopped = std::move(stopped_);
        stopped_ = nullptr;
        stopped();
    }
}

}  // namespace kafkalab::kafka
