#include "broker_model/zookeeper/zookeeper_client.h"

#include <utility>

#include "broker_model/zookeeper/client_messages.h"

namespace kafkalab::kafka::zk {

using namespace std::chrono_literals;

ZooKeeperClient::ZooKeeperClient(sim::NodeContext& context, std::vector<sim::NodeIndex> servers,
                                 sim::Duration session_timeout)
    : context_(context), servers_(std::move(servers)), requested_timeout_(session_timeout),
      session_timeout_(session_timeout) {
    // StaticHostProvider shuffles the connect string once, so clients spread over the ensemble.
    for (std::size_t i = servers_.size(); i > 1; --i) std::swap(servers_[i - 1], servers_[context_.random().below(i)]);
    connection_id_ = context_.random().next_u64() >> 16;
}

ZooKeeperClient::~ZooKeeperClient() {
    *alive_ = false;
    cancel_timers();
}

void ZooKeeperClient::start() {
    if (phase_ != Phase::idle || servers_.empty()) return;
    begin_attempt();
}

void ZooKeeperClient::close() {
    if (phase_ == Phase::finished || phase_ == Phase::closing) return;
    if (phase_ != Phase::connected) return become_final(KeeperState::closed);
    auto request = std::make_shared<ZkRequest>();
    request->op = OpCode::close_session;
    request->xid = next_xid_++;
    send_request(request);
    pending_[request->xid] = Pending{request, [](const ZkReply*, ZkCode) {}};
    phase_ = Phase::closing;
}

bool ZooKeeperClient::handles(const sim::Message& message) {
    return message.type() >= message_type::first_to_client && message.type() <= message_type::last_to_client;
}

void ZooKeeperClient::on_message(sim::NodeIndex from, const sim::MessagePtr& message) {
    if (from != current_server_) return;  // a late message from a server we left
    switch (message->type()) {
        case message_type::connect_response:
            return on_connect_response(static_cast<const ZkConnectResponse&>(*message));
        case message_type::reply: return on_reply(static_cast<const ZkReply&>(*message));
        case message_type::watch_event: return on_watch_event(static_cast<const ZkWatchEvent&>(*message));
        case message_type::connection_closed: {
            if (static_cast<const ZkConnectionClosed&>(*message).connection_id != connection_id_) return;
            return on_disconnect(from);
        }
        default: return;
    }
}

void ZooKeeperClient::on_disconnect(sim::NodeIndex peer) {
    if (peer != current_server_) return;
    switch (phase_) {
        case Phase::connecting: return attempt_failed();
        case Phase::connected: return connection_lost();
        case Phase::closing: return become_final(KeeperState::closed);
        default: return;
    }
}

void ZooKeeperClient::begin_attempt() {
    phase_ = Phase::connecting;
    current_server_ = servers_[next_server_ % servers_.size()];
    next_server_ = (next_server_ + 1) % servers_.size();
    ++connection_id_;
    auto request = std::make_shared<ZkConnectRequest>();
    request->connection_id = connection_id_;
    request->session = session_id_;
    request->timeout = requested_timeout_;
    request->last_zxid_seen = last_zxid_seen_;
    context_.send(current_server_, std::move(request));
    last_sent_ = context_.now();
    // ClientCnxn gives each attempt sessionTimeout / (number of servers).
    attempt_timer_ = context_.set_timer(connect_timeout(), "zk-connect-timeout", [this] {
        attempt_timer_ = {};
        attempt_failed();
    });
}

sim::Duration ZooKeeperClient::connect_timeout() const {
    return session_timeout_ / static_cast<std::int64_t>(servers_.size());
}

void ZooKeeperClient::attempt_failed() {
    context_.cancel_timer(attempt_timer_);
    attempt_timer_ = {};
    // ClientCnxn closes the socket it gives up on: nothing late comes through it.
    if (current_server_ != sim::no_node) context_.close_connection(current_server_);
    current_server_ = sim::no_node;
    phase_ = Phase::waiting;
    // ClientCnxn's cleanup(): what waited for this connection fails with CONNECTIONLOSS.
    if (!fail_all(ZkCode::connection_loss)) return;
    ++failed_attempts_;
    // StaticHostProvider pauses for its spin delay after trying every server once.
    bool full_round = failed_attempts_ % servers_.size() == 0;
    schedule_attempt(context_.random().jitter(1s) + (full_round ? sim::Duration(1s) : sim::Duration(0)));
}

void ZooKeeperClient::schedule_attempt(sim::Duration delay) {
    phase_ = Phase::waiting;
    attempt_timer_ = context_.set_timer(delay, "zk-reconnect", [this] {
        attempt_timer_ = {};
        begin_attempt();
    });
}

void ZooKeeperClient::on_connect_response(const ZkConnectResponse& response) {
    if (phase_ != Phase::connecting || response.connection_id != connection_id_) return;
    context_.cancel_timer(attempt_timer_);
    attempt_timer_ = {};
    // A zero timeout is the server's way of saying the session is gone.
    if (response.timeout.count() == 0) return become_final(KeeperState::expired);
    phase_ = Phase::connected;
    failed_attempts_ = 0;
    session_id_ = response.session;
    session_timeout_ = response.timeout;
    last_heard_ = context_.now();
    arm_read_timer();
    arm_ping_timer();
    // As ClientCnxn.primeConnection: watches first, then what was queued meanwhile.
    send_set_watches();
    auto outgoing = std::move(outgoing_);
    outgoing_.clear();
    for (auto& queued : outgoing) {
        send_request(queued.request);
        pending_[queued.request->xid] = std::move(queued);
    }
    notify_state(KeeperState::sync_connected);
}

void ZooKeeperClient::send_set_watches() {
    if (data_watches_.empty() && exist_watches_.empty() && child_watches_.empty()) return;
    auto request = std::make_shared<ZkRequest>();
    request->op = OpCode::set_watches;
    request->xid = set_watches_xid;
    request->relative_zxid = last_zxid_seen_;
    request->data_watches.assign(data_watches_.begin(), data_watches_.end());
    request->exist_watches.assign(exist_watches_.begin(), exist_watches_.end());
    request->child_watches.assign(child_watches_.begin(), child_watches_.end());
    send_request(request);
}

void ZooKeeperClient::send_request(const std::shared_ptr<ZkRequest>& request) {
    request->connection_id = connection_id_;
    context_.send(current_server_, request);
    last_sent_ = context_.now();
}

void ZooKeeperClient::connection_lost() {
    context_.cancel_timer(read_timer_);
    context_.cancel_timer(ping_timer_);
    read_timer_ = ping_timer_ = {};
    if (current_server_ != sim::no_node) context_.close_connection(current_server_);
    current_server_ = sim::no_node;
    phase_ = Phase::waiting;
    if (!fail_all(ZkCode::connection_loss)) return;
    auto alive = alive_;
    notify_state(KeeperState::disconnected);
    if (!*alive || phase_ != Phase::waiting) return;  // destroyed or closed by the listener
    // ClientCnxn waits up to a second before reconnecting, so clients do not stampede.
    schedule_attempt(context_.random().jitter(1s));
}

void ZooKeeperClient::become_final(KeeperState state) {
    cancel_timers();
    current_server_ = sim::no_node;
    phase_ = Phase::finished;
    state_ = state;
    if (!fail_all(ZkCode::session_expired)) return;
    if (state_listener_) state_listener_(state);
}

bool ZooKeeperClient::fail_all(ZkCode code) {
    auto pending = std::move(pending_);
    pending_.clear();
    auto outgoing = std::move(outgoing_);
    outgoing_.clear();
    auto alive = alive_;
    for (auto& [xid, entry] : pending) {
        entry.complete(nullptr, code);
        if (!*alive) return false;
    }
    for (auto& entry : outgoing) {
        entry.complete(nullptr, code);
        if (!*alive) return false;
    }
    return true;
}

void ZooKeeperClient::notify_state(KeeperState state) {
    state_ = state;
    if (state_listener_) state_listener_(state);
}

void ZooKeeperClient::cancel_timers() {
    for (sim::TimerId* timer : {&read_timer_, &ping_timer_, &attempt_timer_}) {
        context_.cancel_timer(*timer);
        *timer = {};
    }
}

}  // namespace kafkalab::kafka::zk
