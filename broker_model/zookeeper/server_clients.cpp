// A server's client side: connections and sessions, requests answered in each
// connection's order, reads from the committed tree, and watches.
#include <fmt/format.h>

#include "broker_model/zookeeper/zookeeper_server.h"

namespace kafkalab::kafka::zk {

namespace {

void send_closed(sim::NodeContext& context, sim::NodeIndex client, std::uint64_t connection_id, std::string reason) {
    auto closed = std::make_shared<ZkConnectionClosed>();
    closed->connection_id = connection_id;
    closed->reason = std::move(reason);
    context.send(client, std::move(closed));
}

}  // namespace

void ZooKeeperServer::on_connect_request(sim::NodeIndex from, const ZkConnectRequest& request) {
    ConnectionKey key{from, request.connection_id};
    // A server outside a quorum runs no ZooKeeperServer and so takes no connections.
    if (!serving_) return send_closed(context(), from, request.connection_id, "server not serving");
    // A client must never see older state than it already saw, so a lagging server refuses it.
    if (request.last_zxid_seen > db_->tree.last_zxid()) {
        return send_closed(context(), from, request.connection_id,
                           fmt::format("client has seen zxid {}, ours is {}", format_zxid(request.last_zxid_seen),
                                       format_zxid(db_->tree.last_zxid())));
    }
    if (request.session == no_session) {
        pending_connects_[++next_tag_] = key;
        ClientWrite create;
        create.op = OpCode::create_session;
        create.timeout = config_.negotiate_session_timeout(request.timeout);
        create.origin_sid = sid_;
        create.origin_tag = next_tag_;
        return submit_write(std::move(create));
    }
    auto response = std::make_shared<ZkConnectResponse>();
    response->connection_id = request.connection_id;
    response->session = request.session;
    auto session = db_->tree.sessions().find(request.session);
    if (session != db_->tree.sessions().end()) {
        response->timeout = session->second;
        open_connection(key, request.session);
        touch(request.session);
    }
    // An unknown session has expired (or was closed): the answer carries a zero timeout.
    context().send(from, std::move(response));
}

void ZooKeeperServer::open_connection(ConnectionKey key, SessionId session) {
    // A session moving here from an older connection on this server drops that one.
    auto previous = session_connections_.find(session);
    if (previous != session_connections_.end() && previous->second != key) close_connection(previous->second, nullptr);
    connections_[key] = Connection{session, {}};
    session_connections_[session] = key;
}

void ZooKeeperServer::on_client_request(sim::NodeIndex from, const std::shared_ptr<const ZkRequest>& request) {
    ConnectionKey key{from, request->connection_id};
    auto connection = connections_.find(key);
    if (connection == connections_.end()) {
        return send_closed(context(), from, request->connection_id, "no such connection");
    }
    SessionId session = connection->second.session;
    touch(session);
    QueuedRequest queued{request, 0, nullptr};
    if (is_write(request->op)) {
        queued.tag = ++next_tag_;
        pending_writes_[queued.tag] = key;
        ClientWrite write;
        write.op = request->op;
        write.path = request->path;
        write.data = request->data;
        write.version = request->version;
        write.ephemeral = request->ephemeral;
        write.session = session;
        write.origin_sid = sid_;
        write.origin_tag = queued.tag;
        connection->second.queue.push_back(std::move(queued));
        submit_write(std::move(write));
    } else {
        connection->second.queue.push_back(std::move(queued));
    }
    drain(key);
}

void ZooKeeperServer::drain(ConnectionKey key) {
    auto connection = connections_.find(key);
    if (connection == connections_.end()) return;
    auto& queue = connection->second.queue;
    while (!queue.empty()) {
        QueuedRequest& head = queue.front();
        if (head.tag != 0 && !head.reply) return;  // a write still waiting for its commit
        auto reply = head.reply ? head.reply : answer_read(connection->second.session, *head.request);
        reply->connection_id = key.id;
        queue.pop_front();
        context().send(key.client, std::move(reply));
    }
}

std::shared_ptr<ZkReply> ZooKeeperServer::answer_read(SessionId session, const ZkRequest& request) {
    auto reply = std::make_shared<ZkReply>();
    reply->xid = request.xid;
    reply->op = request.op;
    if (request.op == OpCode::set_watches) set_watches(session, request);
    reply->zxid = db_->tree.last_zxid();
    if (request.op == OpCode::ping || request.op == OpCode::set_watches) return reply;
    if (!valid_path(request.path)) {
        reply->code = ZkCode::bad_arguments;
        return reply;
    }
    const Znode* node = db_->tree.find(request.path);
    // exists sets its watch whether or not the node is there; getData and getChildren
    // only on a node that exists (ZooKeeper's FinalRequestProcessor).
    if (request.watch && (node || request.op == OpCode::exists)) {
        if (request.op == OpCode::get_children) watches_.add_child_watch(request.path, session);
        else watches_.add_data_watch(request.path, session);
    }
    if (!node) {
        reply->code = ZkCode::no_node;
        return reply;
    }
    reply->stat = node->stat;
    if (request.op == OpCode::get_data) reply->data = node->data;
    if (request.op == OpCode::get_children) reply->children.assign(node->children.begin(), node->children.end());
    return reply;
}

void ZooKeeperServer::set_watches(SessionId session, const ZkRequest& request) {
    // ZooKeeper's DataTree.setWatches: what changed since the client's last zxid fires
    // at once; the rest is registered here.
    Zxid since = request.relative_zxid;
    for (const auto& path : request.data_watches) {
        const Znode* node = db_->tree.find(path);
        if (!node) send_watch_event(session, EventType::node_deleted, path);
        else if (node->stat.mzxid > since) send_watch_event(session, EventType::node_data_changed, path);
        else watches_.add_data_watch(path, session);
    }
    for (const auto& path : request.exist_watches) {
        if (db_->tree.find(path)) send_watch_event(session, EventType::node_created, path);
        else watches_.add_data_watch(path, session);
    }
    for (const auto& path : request.child_watches) {
        const Znode* node = db_->tree.find(path);
        if (!node) send_watch_event(session, EventType::node_deleted, path);
        else if (node->stat.pzxid > since) send_watch_event(session, EventType::node_children_changed, path);
        else watches_.add_child_watch(path, session);
    }
}

void ZooKeeperServer::finish_write(const Txn& txn) {
    if (txn.type == TxnType::create_session) {
        auto waiting = pending_connects_.find(txn.origin_tag);
        if (waiting == pending_connects_.end()) return;  // the client gave up on this server
        ConnectionKey key = waiting->second;
        pending_connects_.erase(waiting);
        open_connection(key, txn.session);
        auto response = std::make_shared<ZkConnectResponse>();
        response->connection_id = key.id;
        response->session = txn.session;
        response->timeout = txn.timeout;
        context().send(key.client, std::move(response));
        return;
    }
    auto waiting = pending_writes_.find(txn.origin_tag);
    if (waiting == pending_writes_.end()) return;  // the connection closed meanwhile
    ConnectionKey key = waiting->second;
    pending_writes_.erase(waiting);
    auto connection = connections_.find(key);
    if (connection == connections_.end()) return;
    for (auto& queued : connection->second.queue) {
        if (queued.tag != txn.origin_tag) continue;
        auto reply = std::make_shared<ZkReply>();
        reply->xid = queued.request->xid;
        reply->op = queued.request->op;
        reply->zxid = txn.zxid;
        reply->code = txn.type == TxnType::error ? txn.error : ZkCode::ok;
        if (txn.type == TxnType::create) reply->path = txn.path;
        if (txn.type == TxnType::set_data) reply->stat = db_->tree.find(txn.path)->stat;
        queued.reply = std::move(reply);
        break;
    }
    drain(key);
}

void ZooKeeperServer::deliver_watches(const std::vector<WatchDelivery>& deliveries) {
    for (const auto& delivery : deliveries) send_watch_event(delivery.session, delivery.event.type, delivery.event.path);
}

void ZooKeeperServer::send_watch_event(SessionId session, EventType type, const std::string& path) {
    auto connection = session_connections_.find(session);
    if (connection == session_connections_.end()) return;
    auto event = std::make_shared<ZkWatchEvent>();
    event->connection_id = connection->second.id;
    event->type = type;
    event->path = path;
    event->zxid = db_->tree.last_zxid();
    context().send(connection->second.client, std::move(event));
}

void ZooKeeperServer::close_connection(ConnectionKey key, const char* reason) {
    auto connection = connections_.find(key);
    if (connection == connections_.end()) return;
    SessionId session = connection->second.session;
    auto current = session_connections_.find(session);
    if (current != session_connections_.end() && current->second == key) {
        session_connections_.erase(current);
        watches_.remove_session(session);  // watches belong to the connection, as in ZooKeeper
    }
    connections_.erase(connection);
    if (reason) send_closed(context(), key.client, key.id, reason);
}

void ZooKeeperServer::close_session_connections(SessionId session, const char* reason) {
    auto current = session_connections_.find(session);
    if (current != session_connections_.end()) close_connection(current->second, reason);
}

void ZooKeeperServer::close_all_connections(const char* reason) {
    while (!connections_.empty()) close_connection(connections_.begin()->first, reason);
    for (const auto& [tag, key] : pending_connects_) send_closed(context(), key.client, key.id, reason);
    pending_connects_.clear();
    pending_writes_.clear();
}

void ZooKeeperServer::touch(SessionId session) {
    if (established_leader()) {
        auto open = prospective_.sessions().find(session);
        if (open != prospective_.sessions().end()) sessions_.touch(session, open->second, context().now());
    } else if (role_ == ServerRole::following) {
        touched_.insert(session);
    }
}

}  // namespace kafkalab::kafka::zk
