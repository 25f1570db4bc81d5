// ZooKeeperClient's operations, replies, watches and liveness timers; the connection
// and session life are in zookeeper_client.cpp.
#include <utility>

#include "broker_model/zookeeper/client_messages.h"
#include "broker_model/zookeeper/zookeeper_client.h"

namespace kafkalab::kafka::zk {

namespace {

std::shared_ptr<ZkRequest> make_request(OpCode op, const std::string& path) {
    auto request = std::make_shared<ZkRequest>();
    request->op = op;
    request->path = path;
    return request;
}

ZkCode code_of(const ZkReply* reply, ZkCode failure) { return reply ? reply->code : failure; }

}  // namespace

void ZooKeeperClient::create(const std::string& path, std::string data, bool ephemeral, CreateCallback callback) {
    auto request = make_request(OpCode::create, path);
    request->data = std::move(data);
    request->ephemeral = ephemeral;
    submit(std::move(request), [callback = std::move(callback)](const ZkReply* reply, ZkCode failure) {
        CreateResult result{code_of(reply, failure), {}};
        if (result.code == ZkCode::ok) result.path = reply->path;
        if (callback) callback(result);
    });
}

void ZooKeeperClient::delete_node(const std::string& path, std::int32_t version, DeleteCallback callback) {
    auto request = make_request(OpCode::delete_node, path);
    request->version = version;
    submit(std::move(request), [callback = std::move(callback)](const ZkReply* reply, ZkCode failure) {
        if (callback) callback(DeleteResult{code_of(reply, failure)});
    });
}

void ZooKeeperClient::set_data(const std::string& path, std::string data, std::int32_t version,
                               StatCallback callback) {
    auto request = make_request(OpCode::set_data, path);
    request->data = std::move(data);
    request->version = version;
    submit(std::move(request), [callback = std::move(callback)](const ZkReply* reply, ZkCode failure) {
        StatResult result{code_of(reply, failure), std::nullopt};
        if (result.code == ZkCode::ok) result.stat = reply->stat;
        if (callback) callback(result);
    });
}

void ZooKeeperClient::get_data(const std::string& path, bool watch, DataCallback callback) {
    auto request = make_request(OpCode::get_data, path);
    request->watch = watch;
    submit(std::move(request), [callback = std::move(callback)](const ZkReply* reply, ZkCode failure) {
        DataResult result{code_of(reply, failure), {}, {}};
        if (result.code == ZkCode::ok) {
            result.data = reply->data;
            result.stat = reply->stat.value_or(Stat{});
        }
        if (callback) callback(result);
    });
}

void ZooKeeperClient::exists(const std::string& path, bool watch, StatCallback callback) {
    auto request = make_request(OpCode::exists, path);
    request->watch = watch;
    submit(std::move(request), [callback = std::move(callback)](const ZkReply* reply, ZkCode failure) {
        StatResult result{code_of(reply, failure), std::nullopt};
        if (result.code == ZkCode::ok) result.stat = reply->stat;
        if (callback) callback(result);
    });
}

void ZooKeeperClient::get_children(const std::string& path, bool watch, ChildrenCallback callback) {
    auto request = make_request(OpCode::get_children, path);
    request->watch = watch;
    submit(std::move(request), [callback = std::move(callback)](const ZkReply* reply, ZkCode failure) {
        ChildrenResult result{code_of(reply, failure), {}};
        if (result.code == ZkCode::ok) result.children = reply->children;
        if (callback) callback(result);
    });
}

void ZooKeeperClient::submit(std::shared_ptr<ZkRequest> request,
                             std::function<void(const ZkReply*, ZkCode)> complete) {
    // After Expired or Closed the Java client answers everything with SESSIONEXPIRED.
    if (phase_ == Phase::finished || phase_ == Phase::closing) return fail_later(std::move(complete), ZkCode::session_expired);
    request->xid = next_xid_++;
    Pending entry{std::move(request), std::move(complete)};
    if (phase_ != Phase::connected) {
        outgoing_.push_back(std::move(entry));
        return;
    }
    send_request(entry.request);
    std::int32_t xid = entry.request->xid;
    pending_[xid] = std::move(entry);
}

void ZooKeeperClient::fail_later(std::function<void(const ZkReply*, ZkCode)> complete, ZkCode code) {
    context_.set_timer(sim::Duration(0), "zk-fail", [alive = alive_, complete = std::move(complete), code] {
        if (*alive) complete(nullptr, code);
    });
}

void ZooKeeperClient::on_reply(const ZkReply& reply) {
    if ((phase_ != Phase::connected && phase_ != Phase::closing) || reply.connection_id != connection_id_) return;
    last_heard_ = context_.now();
    // ZooKeeper's ClientCnxn returns on a ping's reply before it reads the zxid: a ping
    // says nothing of which changes this client has heard of. Taking it would make the
    // SetWatches of the next reconnect name a zxid past a watch event lost on the way,
    // and the server would never fire that watch again.
    if (reply.op != OpCode::ping && reply.zxid > last_zxid_seen_) last_zxid_seen_ = reply.zxid;
    auto found = pending_.find(reply.xid);
    if (found == pending_.end()) return;  // a ping or setWatches answer
    Pending entry = std::move(found->second);
    pending_.erase(found);
    record_watch(*entry.request, reply.code);
    auto alive = alive_;
    entry.complete(&reply, reply.code);
    if (*alive && entry.request->op == OpCode::close_session) become_final(KeeperState::closed);
}

void ZooKeeperClient::record_watch(const ZkRequest& request, ZkCode code) {
    if (!request.watch) return;
    // ZooKeeper's client keeps an exists watch on a missing node apart from data
    // watches, so it can re-register each kind correctly after a reconnect.
    if (request.op == OpCode::exists && code == ZkCode::no_node) exist_watches_.insert(request.path);
    if (code != ZkCode::ok) return;
    if (request.op == OpCode::get_children) child_watches_.insert(request.path);
    else data_watches_.insert(request.path);
}

void ZooKeeperClient::on_watch_event(const ZkWatchEvent& event) {
    if (phase_ != Phase::connected || event.connection_id != connection_id_) return;
    last_heard_ = context_.now();
    // ZKWatchManager.materialize: the event consumes the watches it answers.
    std::size_t removed = 0;
    switch (event.type) {
        case EventType::node_created:
        case EventType::node_data_changed:
            removed += data_watches_.erase(event.path) + exist_watches_.erase(event.path);
            break;
        case EventType::node_children_changed: removed += child_watches_.erase(event.path); break;
        case EventType::node_deleted:
            removed += data_watches_.erase(event.path) + exist_watches_.erase(event.path) +
                       child_watches_.erase(event.path);
            break;
        case EventType::none: break;
    }
    if (removed > 0 && watcher_) watcher_(WatchedEvent{event.type, event.path});
}

void ZooKeeperClient::arm_read_timer() {
    sim::Duration remaining = last_heard_ + read_timeout() - context_.now();
    read_timer_ = context_.set_timer(remaining, "zk-read-timeout", [this] { on_read_timer(); });
}

void ZooKeeperClient::on_read_timer() {
    read_timer_ = {};
    // The Java client's read timeout: a server silent for 2/3 of the session timeout
    // is presumed gone, since a partitioned server never sends a reset.
    if (context_.now() - last_heard_ >= read_timeout()) return connection_lost();
    arm_read_timer();
}

void ZooKeeperClient::arm_ping_timer() {
    sim::Duration remaining = last_sent_ + read_timeout() / 2 - context_.now();
    ping_timer_ = context_.set_timer(remaining, "zk-ping", [this] { on_ping_timer(); });
}

void ZooKeeperClient::on_ping_timer() {
    ping_timer_ = {};
    // A ping when nothing else was sent for half the read timeout (a third of the
    // session timeout), so the session stays alive while the client is idle.
    if (context_.now() - last_sent_ >= read_timeout() / 2) {
        auto ping = std::make_shared<ZkRequest>();
        ping->op = OpCode::ping;
        ping->xid = ping_xid;
        send_request(ping);
    }
    arm_ping_timer();
}

}  // namespace kafkalab::kafka::zk
