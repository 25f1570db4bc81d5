#pragma once
// The ZooKeeper client a Kafka broker (or any node) embeds: the simulated counterpart
// of org.apache.zookeeper.ZooKeeper and its ClientCnxn. It is not a node; the node
// that owns it forwards ZooKeeper messages and disconnects to it, and it uses that
// node's timers, so it dies with its node: a crashed broker stops pinging and the
// ensemble expires its session after the session timeout.
//
// Everything is asynchronous: each operation takes a callback that runs later, from
// the owning node's message or timer handler, exactly once, unless the node (and so
// the client) is destroyed first, in which case it never runs.
//
// Session life, as the Java client reports it to the state listener:
//
//   start() ──> [connecting] ──ConnectResponse──> SyncConnected ──connection lost──> Disconnected
//                    ^   attempt fails: next server      |                             |
//                    └───────────────────────────────────┴──── reconnect (same session) ┘
//   reconnect answered "session unknown" ──> Expired (final; make a new client)
//   close() ──> Closed (final)
//
// A Disconnected client keeps its session and its watches: the ensemble holds the
// session (and its ephemeral nodes) for the negotiated timeout after it last heard of
// the client. The client learns of an expiry only when it reaches a server again, as
// the Java client does. After Expired, the owner creates a new client (a new session)
// and re-creates its ephemeral nodes, which is what a Kafka broker does.
//
// Typical use inside a broker node:
//
//   zk_ = std::make_unique<zk::ZooKeeperClient>(context(), zk_servers, 18s);
//   zk_->set_state_listener([this](zk::KeeperState s) { on_zk_state(s); });
//   zk_->set_watcher([this](const zk::WatchedEvent& e) { on_zk_watch(e); });
//   zk_->start();
//   ...
//   void on_message(NodeIndex from, const MessagePtr& m) override {
//       if (zk_ && zk_->handles(*m)) return zk_->on_message(from, m);
//       ...
//   }
//   void on_disconnect(NodeIndex peer) override { if (zk_) zk_->on_disconnect(peer); ... }
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "broker_model/zookeeper/zookeeper_types.h"
#include "sim/node.h"

namespace kafkalab::kafka::zk {

struct ZkRequest;
struct ZkReply;
struct ZkConnectResponse;
struct ZkWatchEvent;

// Results of the operations. `code` is always set; the other fields only on ok.
struct CreateResult {
    ZkCode code = ZkCode::ok;
    std::string path;  // the created path
};
struct DeleteResult {
    ZkCode code = ZkCode::ok;
};
/// setData (stat always set on ok) and exists (ok with the stat, or no_node without).
struct StatResult {
    ZkCode code = ZkCode::ok;
    std::optional<Stat> stat;
};
struct DataResult {
    ZkCode code = ZkCode::ok;
    std::string data;
    Stat stat;
};
struct ChildrenResult {
    ZkCode code = ZkCode::ok;
    std::vector<std::string> children;  // names, not paths, sorted
};

using CreateCallback = std::function<void(const CreateResult&)>;
using DeleteCallback = std::function<void(const DeleteResult&)>;
using StatCallback = std::function<void(const StatResult&)>;
using DataCallback = std::function<void(const DataResult&)>;
using ChildrenCallback = std::function<void(const ChildrenResult&)>;
using StateListener = std::function<void(KeeperState)>;
using Watcher = std::function<void(const WatchedEvent&)>;

class ZooKeeperClient {
public:
    /// `servers` is the connect string: the ensemble's node indexes. The client tries
    /// them in an order shuffled with the owner's random stream, like the Java client's
    /// StaticHostProvider. `session_timeout` is the requested timeout (Kafka's
    /// zookeeper.session.timeout.ms, 18 s); the server may clamp it.
    ZooKeeperClient(sim::NodeContext& context, std::vector<sim::NodeIndex> servers, sim::Duration session_timeout);
    /// Cancels the client's timers; pending callbacks are dropped without being called.
    ~ZooKeeperClient();
    ZooKeeperClient(const ZooKeeperClient&) = delete;
    ZooKeeperClient& operator=(const ZooKeeperClient&) = delete;

    /// Called on every state change (sync_connected, disconnected, expired, closed).
    /// The listener may destroy the client.
    void set_state_listener(StateListener listener) { state_listener_ = std::move(listener); }
    /// The default watcher: every watch event of this session goes here.
    void set_watcher(Watcher watcher) { watcher_ = std::move(watcher); }
    /// Begins connecting. Operations issued before the session is connected wait for
    /// the connection and fail with connection_loss if the attempt fails.
    void start();
    /// Closes the session on the ensemble (its ephemeral nodes go at once, as on a
    /// broker's controlled shutdown). Without a connection nothing can be sent, and the
    /// ensemble expires the session after its timeout. Later operations fail with
    /// session_expired.
    void close();

    // Owner plumbing.
    /// True for messages a ZooKeeper server sends to clients.
    static bool handles(const sim::Message& message);
    void on_message(sim::NodeIndex from, const sim::MessagePtr& message);
    void on_disconnect(sim::NodeIndex peer);

    // Operations. Paths are absolute ("/brokers/ids/1"); versions are any_version or
    // the znode's version for a conditional write.
    void create(const std::string& path, std::string data, bool ephemeral, CreateCallback callback);
    void delete_node(const std::string& path, std::int32_t version, DeleteCallback callback);
    void set_data(const std::string& path, std::string data, std::int32_t version, StatCallback callback);
    /// With watch = true and ok, a NodeDataChanged or NodeDeleted event follows the next change.
    void get_data(const std::string& path, bool watch, DataCallback callback);
    /// With watch = true, watches for NodeCreated if the node is absent, else NodeDataChanged/NodeDeleted.
    void exists(const std::string& path, bool watch, StatCallback callback);
    /// With watch = true and ok, NodeChildrenChanged (or NodeDeleted) follows the next change.
    void get_children(const std::string& path, bool watch, ChildrenCallback callback);

    // Observation.
    KeeperState state() const { return state_; }
    bool connected() const { return state_ == KeeperState::sync_connected; }
    /// no_session until the first connection succeeds.
    SessionId session_id() const { return session_id_; }
    /// The timeout the ensemble granted; the requested one until connected.
    sim::Duration negotiated_session_timeout() const { return session_timeout_; }
    /// The server of the current connection or attempt, or sim::no_node.
    sim::NodeIndex current_server() const { return current_server_; }
    /// The highest zxid seen in any answer; a server that is behind it refuses us.
    Zxid last_zxid_seen() const { return last_zxid_seen_; }
    std::size_t pending_operations() const { return pending_.size() + outgoing_.size(); }

private:
    /// idle: before start(); waiting: between attempts; connecting: a ConnectRequest is
    /// out; connected: the session is usable; closing: closeSession sent; finished:
    /// expired or closed, for good.
    enum class Phase : std::uint8_t { idle, waiting, connecting, connected, closing, finished };

    /// An operation awaiting its reply: what was asked (to re-register watches and
    /// to answer with the right result type) and its callback.
    struct Pending {
        std::shared_ptr<ZkRequest> request;  // not changed once sent
        std::function<void(const ZkReply*, ZkCode)> complete;  // reply is null on failure
    };

    void submit(std::shared_ptr<ZkRequest> request, std::function<void(const ZkReply*, ZkCode)> complete);
    void send_request(const std::shared_ptr<ZkRequest>& request);
    void begin_attempt();
    void attempt_failed();
    void schedule_attempt(sim::Duration delay);
    void on_connect_response(const ZkConnectResponse& response);
    void on_reply(const ZkReply& reply);
    void on_watch_event(const ZkWatchEvent& event);
    void send_set_watches();
    void connection_lost();
    void become_final(KeeperState state);
    /// Completes `complete` with `code` from a timer, so it never runs inside the caller's call.
    void fail_later(std::function<void(const ZkReply*, ZkCode)> complete, ZkCode code);
    /// Completes every queued and sent operation with `code`; stops if a callback
    /// destroys the client (returns false then).
    bool fail_all(ZkCode code);
    void arm_read_timer();
    void arm_ping_timer();
    void on_read_timer();
    void on_ping_timer();
    void cancel_timers();
    void notify_state(KeeperState state);
    void record_watch(const ZkRequest& request, ZkCode code);
    sim::Duration read_timeout() const { return session_timeout_ * 2 / 3; }
    sim::Duration connect_timeout() const;

    sim::NodeContext& context_;
    std::vector<sim::NodeIndex> servers_;  // the connect string, shuffled once
    /// Position in servers_ of the next server to try; wraps around.
    std::size_t next_server_ = 0;
    /// Attempts since the last successful connection; a full round earns a pause.
    std::size_t failed_attempts_ = 0;
    sim::Duration requested_timeout_;
    /// The requested timeout until the first ConnectResponse, then the negotiated one.
    sim::Duration session_timeout_;

    Phase phase_ = Phase::idle;
    KeeperState state_ = KeeperState::disconnected;
    SessionId session_id_ = no_session;
    Zxid last_zxid_seen_ = no_zxid;
    sim::NodeIndex current_server_ = sim::no_node;
    /// Identifies the current attempt on the wire; answers to older attempts are ignored.
    /// Starts at a random value so two clients of one node never share one.
    std::uint64_t connection_id_ = 0;

    std::int32_t next_xid_ = 1;
    /// Sent and unanswered, by xid; servers answer a connection in order.
    std::map<std::int32_t, Pending> pending_;
    /// Issued while not connected; sent once the connection is up.
    std::deque<Pending> outgoing_;

    /// Watches this session holds, by path (ZooKeeper's ZKWatchManager), re-sent with
    /// SetWatches on every reconnect.
    std::set<std::string> data_watches_;
    std::set<std::string> exist_watches_;
    std::set<std::string> child_watches_;

    sim::Time last_heard_{};
    sim::Time last_sent_{};
    sim::TimerId read_timer_;
    sim::TimerId ping_timer_;
    sim::TimerId attempt_timer_;  // a delayed attempt, or the connect timeout of the current one

    StateListener state_listener_;
    Watcher watcher_;
    /// Cleared by the destructor; callbacks hold a copy to learn that a user callback
    /// destroyed the client and they must not touch it any more.
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkalab::kafka::zk
