#include "broker_model/controller/zk_control_plane.h"

#include "broker_model/controller/zk_data.h"
#include "broker_model/events/record_event.h"
#include "broker_model/zookeeper/client_messages.h"
#include "sim/simulation.h"

namespace kafkalab::kafka {

using namespace std::chrono_literals;
using zk::ZkCode;

std::unique_ptr<ControlPlane> make_control_plane(sim::NodeContext& context, NetworkClient& network,
                                                 ControlPlaneConfig config, BrokerMembership::Registered registered) {
    return std::make_unique<ZkControlPlane>(context, network, std::move(config), std::move(registered));
}

ZkControlPlane::ZkControlPlane(sim::NodeContext& context, NetworkClient& network, ControlPlaneConfig config,
                               Registered registered)
    : context_(context), config_(std::move(config)), on_registered_(std::move(registered)) {
    controller_ = std::make_unique<ZkController>(context_, network, [this] { return zk_.get(); }, config_.controller);
}

ZkControlPlane::~ZkControlPlane() { *alive_ = false; }

void ZkControlPlane::join() { connect_zookeeper(); }

void ZkControlPlane::connect_zookeeper() {
    std::vector<sim::NodeIndex> servers;
    for (const auto& host : config_.zookeeper_connect) {
        if (auto node = context_.simulation().find_node(host)) servers.push_back(*node);
    }
    registered_ = false;
    zk_ = std::make_unique<zk::ZooKeeperClient>(context_, servers, config_.zookeeper_session_timeout);
    zk_->set_state_listener([this](zk::KeeperState state) { on_zk_state(state); });
    zk_->set_watcher([this](const zk::WatchedEvent& event) { controller_->on_watch(event); });
    zk_->start();
}

void ZkControlPlane::on_zk_state(zk::KeeperState state) {
    if (state == zk::KeeperState::sync_connected && !registered_ && !leaving_) {
        create_skeleton(0);
    } else if (state == zk::KeeperState::expired) {
        // The ensemble has forgotten us: /brokers/ids/<id> is gone and so is
        // /controller if we held it. Start a new session and register again.
        record_event(context_, ZkSessionExpired{config_.endpoint.id});
        controller_->resign();
        auto alive = alive_;
        // The client may not be destroyed from inside its own listener: reconnect next.
        context_.set_timer(0ns, "zookeeper reconnect", [this, alive] {
            if (*alive) connect_zookeeper();
        });
    }
}

void ZkControlPlane::create_skeleton(std::size_t index) {
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

void ZkControlPlane::register_broker() {
    auto alive = alive_;
    std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              context_.now().time_since_epoch()).count();
    zk_->create(zk_data::broker_path(config_.endpoint.id), zk_data::encode_broker(config_.endpoint, now_ms), true,
                [this, alive](const zk::CreateResult& result) {
                    if (!*alive) return;
                    // Without a connection the outcome is unknown; the next SyncConnected
                    // starts over (retryRequestUntilConnected).
                    if (result.code == ZkCode::connection_loss) return;
                    if (result.code == ZkCode::ok || result.code == ZkCode::node_exists) read_registration();
                });
}

void ZkControlPlane::read_registration() {
    auto alive = alive_;
    zk_->get_data(zk_data::broker_path(config_.endpoint.id), false, [this, alive](const zk::DataResult& read) {
        if (!*alive || !zk_) return;
        if (read.code == ZkCode::connection_loss) return;  // as above
        // The other session's node went away between create and read: create again.
        if (read.code == ZkCode::no_node) return register_broker();
        if (read.code != ZkCode::ok) return;
        if (read.stat.ephemeral_owner != zk_->session_id()) return fail_registration();
        on_registered(read.stat.czxid);
    });
}

void ZkControlPlane::on_registered(zk::Zxid czxid) {
    registered_ = true;
    record_event(context_, BrokerRegistered{config_.endpoint.id, czxid.value});
    controller_->start();
    on_registered_(czxid.value);
}

void ZkControlPlane::fail_registration() {
    // Kafka's startup fails on this NodeExists and the process exits; a service manager
    // starts it again until the previous life's session has expired. The model keeps the
    // process and tries again each second, serving nothing meanwhile: the same outcome,
    // bounded by that session's timeout.
    record_event(context_, BrokerRegistrationFailed{zk_data::broker_path(config_.endpoint.id)});
    auto alive = alive_;
    context_.set_timer(1s, "broker registration retry", [this, alive] {
        if (*alive && zk_ && zk_->connected() && !registered_) register_broker();
    });
}

void ZkControlPlane::leave() {
    controller_->resign();
    if (zk_) zk_->close();  // the ephemeral registration goes at once
}

bool ZkControlPlane::can_create_topics() const { return zk_ && zk_->connected(); }

void ZkControlPlane::create_topic(const TopicToCreate& topic, std::function<void()> answered) {
    if (!zk_) return;
    zk_data::TopicAssignment assignment{topic.topic_id, topic.replicas};
    if (topic.configs.empty()) {
        zk_->create(zk_data::topic_path(topic.name), zk_data::encode_assignment(assignment), false,
                    [answered = std::move(answered)](const zk::CreateResult&) { answered(); });
        return;
    }
    // Configs first, then the assignment whose creation the controller watches for
    // (AdminZkClient.createTopicWithAssignment). A node that exists is someone else's
    // creation of the same topic: fine either way.
    auto alive = alive_;
    zk_->create(zk_data::topic_config_path(topic.name), zk_data::encode_topic_config(topic.configs), false,
                [this, alive, name = topic.name, assignment, answered = std::move(answered)](const zk::CreateResult&) {
                    if (!*alive) return;
                    if (!zk_) return answered();
                    zk_->create(zk_data::topic_path(name), zk_data::encode_assignment(assignment), false,
                                [answered](const zk::CreateResult&) { answered(); });
                });
}

bool ZkControlPlane::handle(sim::NodeIndex from, const sim::MessagePtr& message) {
    if (!zk_ || !zk::ZooKeeperClient::handles(*message)) return false;
    zk_->on_message(from, message);
    return true;
}

void ZkControlPlane::on_disconnect(sim::NodeIndex peer) {
    if (zk_) zk_->on_disconnect(peer);
}

}  // namespace kafkalab::kafka
