#pragma once
// The replicated state of a ZooKeeper ensemble: the znode tree and the open sessions
// (ZooKeeper's DataTree plus its session table). Every server holds one and changes
// it only by applying committed transactions in zxid order, so all servers that have
// applied the same zxid hold equal trees.
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "broker_model/zookeeper/txn.h"
#include "broker_model/zookeeper/zookeeper_types.h"
#include "sim/time.h"

namespace kafkalab::kafka::zk {

struct Znode {
    std::string data;
    Stat stat;
    std::set<std::string> children;  // names, sorted, so getChildren needs no sort

    bool operator==(const Znode&) const = default;
};

/// A change a watch may care about. `children` says which watch table it concerns:
/// data watches (getData, exists) or child watches (getChildren).
struct WatchTrigger {
    EventType type = EventType::none;
    std::string path;
    bool children = false;
};

/// "/a/b" -> "/a"; "/a" -> "/".
std::string parent_path(std::string_view path);
/// "/a/b" -> "b".
std::string node_name(std::string_view path);
/// ZooKeeper's PathUtils.validatePath, reduced to what the model can meet: absolute,
/// no empty segment, no trailing slash except for "/" itself.
bool valid_path(std::string_view path);

class DataTree {
public:
    /// A fresh tree holds "/" and "/zookeeper", like a fresh ZooKeeper.
    DataTree();

    const Znode* find(std::string_view path) const;
    bool has_session(SessionId session) const { return sessions_.count(session) > 0; }
    /// Negotiated timeouts of the open sessions, by id.
    const std::map<SessionId, sim::Duration>& sessions() const { return sessions_; }
    /// Paths of the ephemeral nodes a session owns, sorted.
    std::vector<std::string> ephemerals(SessionId session) const;
    /// The zxid of the last applied transaction. Only grows.
    Zxid last_zxid() const { return last_zxid_; }
    std::size_t node_count() const { return nodes_.size(); }
    const std::map<std::string, Znode, std::less<>>& nodes() const { return nodes_; }
    /// The bytes a snapshot of this tree takes on the wire.
    std::size_t snapshot_bytes() const;

    /// Applies a committed (or, on the leader, a proposed) transaction. The leader
    /// checked it, so it cannot fail. Returns what watches should hear, in order.
    std::vector<WatchTrigger> apply(const Txn& txn);

    bool operator==(const DataTree&) const = default;

private:
    void create_node(const Txn& txn, std::vector<WatchTrigger>& triggers);
    void delete_node(const std::string& path, Zxid zxid, std::vector<WatchTrigger>& triggers);
    void set_data(const Txn& txn, std::vector<WatchTrigger>& triggers);

    /// Every znode by path. Invariant: every node but "/" has its parent here, listed
    /// among the parent's children; ephemeral nodes have no children.
    std::map<std::string, Znode, std::less<>> nodes_;
    /// Open sessions and their negotiated timeouts.
    std::map<SessionId, sim::Duration> sessions_;
    /// Ephemeral paths by owner, so closing a session finds its nodes at once.
    std::map<SessionId, std::set<std::string>> ephemerals_;
    Zxid last_zxid_ = no_zxid;
};

}  // namespace kafkalab::kafka::zk
