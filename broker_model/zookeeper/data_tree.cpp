#include "broker_model/zookeeper/data_tree.h"

#include <cassert>

namespace kafkalab::kafka::zk {

std::string parent_path(std::string_view path) {
    auto slash = path.rfind('/');
    if (slash == 0 || slash == std::string_view::npos) return "/";
    return std::string(path.substr(0, slash));
}

std::string node_name(std::string_view path) {
    auto slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool valid_path(std::string_view path) {
    if (path.empty() || path.front() != '/') return false;
    if (path == "/") return true;
    if (path.back() == '/') return false;
    return path.find("//") == std::string_view::npos;
}

DataTree::DataTree() {
    nodes_["/"].children.insert("zookeeper");
    nodes_["/"].stat.num_children = 1;
    nodes_["/zookeeper"];
}

const Znode* DataTree::find(std::string_view path) const {
    auto it = nodes_.find(path);
    return it == nodes_.end() ? nullptr : &it->second;
}

std::vector<std::string> DataTree::ephemerals(SessionId session) const {
    auto it = ephemerals_.find(session);
    if (it == ephemerals_.end()) return {};
    return {it->second.begin(), it->second.end()};
}

std::size_t DataTree::snapshot_bytes() const {
    // Per node: the path, the data and a serialized Stat (68 bytes on ZooKeeper's wire).
    std::size_t bytes = 16 * sessions_.size();
    for (const auto& [path, node] : nodes_) bytes += path.size() + node.data.size() + 68;
    return bytes;
}

std::vector<WatchTrigger> DataTree::apply(const Txn& txn) {
    assert(txn.zxid > last_zxid_ && "transactions apply in zxid order");
    last_zxid_ = txn.zxid;
    std::vector<WatchTrigger> triggers;
    switch (txn.type) {
        case TxnType::create_session: sessions_[txn.session] = txn.timeout; break;
        case TxnType::close_session:
            // ZooKeeper's killSession: the session's ephemeral nodes go in the same
            // transaction, so every server removes them at the same zxid.
            for (const auto& path : ephemerals(txn.session)) delete_node(path, txn.zxid, triggers);
            sessions_.erase(txn.session);
            ephemerals_.erase(txn.session);
            break;
        case TxnType::create: create_node(txn, triggers); break;
        case TxnType::delete_node: delete_node(txn.path, txn.zxid, triggers); break;
        case TxnType::set_data: set_data(txn, triggers); break;
        case TxnType::error: break;
    }
    return triggers;
}

void DataTree::create_node(const Txn& txn, std::vector<WatchTrigger>& triggers) {
    std::string parent = parent_path(txn.path);
    Znode& parent_node = nodes_.at(parent);
    parent_node.children.insert(node_name(txn.path));
    parent_node.stat.cversion += 1;
    parent_node.stat.pzxid = txn.zxid;
    parent_node.stat.num_children = static_cast<std::int32_t>(parent_node.children.size());

    Znode node;
    node.data = txn.data;
    node.stat.czxid = node.stat.mzxid = node.stat.pzxid = txn.zxid;
    node.stat.ctime_ms = node.stat.mtime_ms = txn.time_ms;
    node.stat.data_length = static_cast<std::int32_t>(txn.data.size());
    if (txn.ephemeral) {
        node.stat.ephemeral_owner = txn.session;
        ephemerals_[txn.session].insert(txn.path);
    }
    nodes_.emplace(txn.path, std::move(node));
    triggers.push_back({EventType::node_created, txn.path, false});
    triggers.push_back({EventType::node_children_changed, parent, true});
}

void DataTree::delete_node(const std::string& path, Zxid zxid, std::vector<WatchTrigger>& triggers) {
    auto it = nodes_.find(path);
    assert(it != nodes_.end() && it->second.children.empty());
    SessionId owner = it->second.stat.ephemeral_owner;
    if (owner != no_session) ephemerals_[owner].erase(path);
    nodes_.erase(it);

    std::string parent = parent_path(path);
    Znode& parent_node = nodes_.at(parent);
    parent_node.children.erase(node_name(path));
    parent_node.stat.cversion += 1;
    parent_node.stat.pzxid = zxid;
    parent_node.stat.num_children = static_cast<std::int32_t>(parent_node.children.size());
    // ZooKeeper's deleteNode: data watchers and child watchers of the node hear
    // NodeDeleted; child watchers of the parent hear NodeChildrenChanged.
    triggers.push_back({EventType::node_deleted, path, false});
    triggers.push_back({EventType::node_deleted, path, true});
    triggers.push_back({EventType::node_children_changed, parent, true});
}

void DataTree::set_data(const Txn& txn, std::vector<WatchTrigger>& triggers) {
    Znode& node = nodes_.at(txn.path);
    node.data = txn.data;
    node.stat.version += 1;
    node.stat.mzxid = txn.zxid;
    node.stat.mtime_ms = txn.time_ms;
    node.stat.data_length = static_cast<std::int32_t>(txn.data.size());
    triggers.push_back({EventType::node_data_changed, txn.path, false});
}

}  // namespace kafkalab::kafka::zk
