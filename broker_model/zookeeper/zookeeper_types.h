#pragma once
// ZooKeeper's own vocabulary, shared by the client API, the servers and the messages:
// result codes (KeeperException.Code), zxids, session ids, the znode Stat, watch
// events (Watcher.Event.EventType) and session states (Watcher.Event.KeeperState).
#include <cstdint>
#include <string>

#include "sim/strong.h"

namespace kafkalab::kafka::zk {

/// ZooKeeper's result codes with ZooKeeper's numbers (KeeperException.Code), so a
/// trace reads like a ZooKeeper log. Only the codes the model can produce are listed.
enum class ZkCode : std::int32_t {
    ok = 0,
    connection_loss = -4,    // the connection broke before the answer came; the outcome is unknown
    bad_arguments = -8,      // an invalid path ("", "/a/", "a")
    no_node = -101,          // the node (or, for create, its parent) does not exist
    bad_version = -103,      // a conditional setData/delete saw another version
    no_children_for_ephemerals = -108,
    node_exists = -110,
    not_empty = -111,        // delete of a node that still has children
    session_expired = -112,  // the session is gone: its ephemeral nodes and watches too
};

/// ZooKeeper's upper-case name: "NONODE", "NODEEXISTS", "CONNECTIONLOSS".
const char* code_name(ZkCode code);

/// A ZooKeeper transaction id: the leader's epoch in the high 32 bits and a counter
/// in the low 32 bits, so zxids order every committed write across leader changes.
using Zxid = Strong<std::int64_t, struct ZxidTag>;
constexpr Zxid no_zxid{0};
constexpr Zxid make_zxid(std::int64_t epoch, std::int64_t counter) { return Zxid((epoch << 32) | counter); }
constexpr std::int64_t zxid_epoch(Zxid zxid) { return zxid.value >> 32; }
constexpr std::int64_t zxid_counter(Zxid zxid) { return zxid.value & 0xffffffffLL; }
/// "0x100000003", as ZooKeeper logs zxids.
std::string format_zxid(Zxid zxid);

/// A session id chosen by the leader when the session is created; 0 means none yet.
using SessionId = Strong<std::int64_t, struct SessionIdTag>;
constexpr SessionId no_session{0};
/// "0x100000002", as ZooKeeper logs session ids.
std::string format_session(SessionId session);

/// A znode's metadata, as getData/exists/setData return it (org.apache.zookeeper.data.Stat).
struct Stat {
    Zxid czxid;                       // the zxid of the create
    Zxid mzxid;                       // the zxid of the last setData (or the create)
    Zxid pzxid;                       // the zxid of the last change to the children
    std::int64_t ctime_ms = 0;        // simulated milliseconds at the leader when created
    std::int64_t mtime_ms = 0;        // simulated milliseconds at the leader when last set
    std::int32_t version = 0;         // number of setData calls; conditional writes compare it
    std::int32_t cversion = 0;        // number of child creates and deletes
    SessionId ephemeral_owner;        // the owning session, or no_session for a persistent node
    std::int32_t data_length = 0;
    std::int32_t num_children = 0;

    bool operator==(const Stat&) const = default;
};

/// Watch event types with ZooKeeper's numbers (Watcher.Event.EventType).
enum class EventType : std::int32_t {
    none = -1,  // a session state change, not a znode change
    node_created = 1,
    node_deleted = 2,
    node_data_changed = 3,
    node_children_changed = 4,
};

/// "NodeCreated", "NodeDeleted", "NodeDataChanged", "NodeChildrenChanged", "None".
const char* event_type_name(EventType type);

/// One watch firing. Watches are one-shot: to hear of the next change, read again
/// with watch = true.
struct WatchedEvent {
    EventType type = EventType::none;
    std::string path;
};

/// The session's state as the Java client reports it (Watcher.Event.KeeperState).
enum class KeeperState : std::uint8_t {
    disconnected,    // no server connection; the session may still be alive on the ensemble
    sync_connected,  // connected to a server that is part of a quorum
    expired,         // the ensemble expired the session: its ephemeral nodes are gone
    closed,          // closed by its owner with close()
};

/// "Disconnected", "SyncConnected", "Expired", "Closed".
const char* keeper_state_name(KeeperState state);

/// A znode version in conditional writes; -1 matches any version.
constexpr std::int32_t any_version = -1;

}  // namespace kafkalab::kafka::zk
