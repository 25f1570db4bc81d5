#pragma once
// One ZooKeeper server of an ensemble (a QuorumPeer), as a node.
//
// Roles (ZooKeeper's ServerState):
//
//        start, or lost leader/quorum
//   ┌──────────────> LOOKING ──── a reachable quorum is all LOOKING and I have the
//   │                  │          highest (last zxid, server id): NEWLEADER to them ──> LEADING
//   │                  │                                              (established once a quorum acks)
//   │                  └── NEWLEADER accepted (a candidate, or an established leader
//   │                      I asked with FOLLOWERINFO) ──> FOLLOWING (serves once the leader is established)
//   └── follower: nothing from the leader for syncLimit ticks, or its connection reset;
//       leader: fewer than a quorum heard within syncLimit ticks, or not established within initLimit ticks
//
// The outcome matches ZooKeeper's FastLeaderElection (the most up-to-date reachable
// server wins, ties to the higher id); the vote exchange itself is replaced by the
// heartbeats every server sends every other one each half tick.
//
// Writes (ZAB broadcast): the server a client reached passes the write to the leader,
// which checks it against its prospective tree, gives it the next zxid, logs it and
// sends PROPOSAL to its followers; each logs it and ACKs. With a quorum of ACKs the
// leader commits, in zxid order, and tells the followers (COMMIT). Every server applies
// committed transactions in zxid order, fires the watches of its own clients, and the
// server holding the client's connection answers it. Reads are answered by the
// client's server from its committed tree, after the session's earlier writes.
//
// Only a server that is part of a quorum with an established leader serves clients;
// leaving that state closes every client connection, so clients reconnect elsewhere.
// Only an established leader expires sessions (session_tracker.h).
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "broker_model/zookeeper/client_messages.h"
#include "broker_model/zookeeper/data_tree.h"
#include "broker_model/zookeeper/quorum_messages.h"
#include "broker_model/zookeeper/session_tracker.h"
#include "broker_model/zookeeper/watch_manager.h"
#include "broker_model/zookeeper/zk_database.h"
#include "broker_model/zookeeper/zookeeper_config.h"
#include "sim/node.h"

namespace kafkalab::kafka::zk {

class ZooKeeperServer final : public sim::Node {
public:
    /// `sid` is the server id (myid), 1-based; `ensemble[sid - 1]` is this node.
    ZooKeeperServer(sim::NodeContext& context, int sid, std::vector<sim::NodeIndex> ensemble, ZooKeeperConfig config);

    void on_start() override;
    void on_message(sim::NodeIndex from, const sim::MessagePtr& message) override;
    void on_disconnect(sim::NodeIndex peer) override;

    // Observation, for tests, checkers and the viewer.
    int sid() const { return sid_; }
    ServerRole role() const { return role_; }
    /// True while this server answers clients: part of a quorum with an established leader.
    bool serving() const { return serving_; }
    /// The leader this server follows (or itself when leading); 0 when looking.
    int leader_sid() const { return leader_sid_; }
    bool established_leader() const { return role_ == ServerRole::leading && established_; }
    std::int64_t accepted_epoch() const { return db_->accepted_epoch; }
    /// The committed tree this server has applied.
    const DataTree& tree() const { return db_->tree; }
    Zxid last_logged_zxid() const { return db_->last_logged_zxid(); }
    std::size_t connection_count() const { return connections_.size(); }
    std::size_t watch_count() const { return watches_.watch_count(); }
    std::size_t quorum_size() const { return ensemble_.size() / 2 + 1; }

private:
    /// One client connection: the client node and the id of its connection attempt.
    struct ConnectionKey {
        sim::NodeIndex client = sim::no_node;
        std::uint64_t id = 0;
        auto operator<=>(const ConnectionKey&) const = default;
    };
    /// A request in a connection's queue. Writes wait for their commit (tag != 0 and
    /// no reply yet); a read waits only for the writes queued before it.
    struct QueuedRequest {
        std::shared_ptr<const ZkRequest> request;
        std::uint64_t tag = 0;
        std::shared_ptr<ZkReply> reply;
    };
    struct Connection {
        SessionId session;
        std::deque<QueuedRequest> queue;  // answered strictly in order (ZooKeeper's FIFO client order)
    };
    /// What this server last heard from another server.
    struct PeerView {
        sim::Time last_heard{};
        ServerRole role = ServerRole::looking;
        std::int64_t epoch = 0;
        Zxid last_zxid;
        int leader_sid = 0;
        bool established = false;
    };
    /// A follower as its leader sees it.
    struct FollowerState {
        sim::Time last_heard{};
        bool acked_new_leader = false;
    };

    // zookeeper_server.cpp: lifecycle and dispatch.
    void dispatch_quorum(sim::NodeIndex from, const sim::Message& message);
    std::optional<int> sid_of(sim::NodeIndex node) const;
    void send_to_server(int sid, sim::MessagePtr message);
    void note_role(const char* why);

    // server_quorum.cpp: heartbeats, election, leader discovery and sync.
    void on_heartbeat_timer();
    void send_heartbeats();
    void on_peer_heartbeat(const ZkPeerHeartbeat& heartbeat);
    bool fresh(const PeerView& view) const;
    void look_for_leader();
    void stand_for_election();
    void on_follower_info(const ZkFollowerInfo& info);
    void on_new_leader(const ZkNewLeader& offer);
    void on_ack_new_leader(const ZkAckNewLeader& ack);
    void establish();
    void check_quorum();
    void become_looking(const char* why);

    // server_broadcast.cpp: ZAB's broadcast and the leader's session expiry.
    void submit_write(ClientWrite write);
    void propose(const ClientWrite& write);
    void on_forward(int from_sid, const ZkForward& forward);
    void on_proposal(const ZkProposal& proposal);
    /// Whether a proposal comes right after the last one this follower logged.
    bool follows_without_gap(Zxid zxid) const;
    void on_ack(const ZkAck& ack);
    void on_commit(const ZkCommit& commit);
    void commit_ready();
    void apply_committed(const Txn& txn);
    void arm_expiry_timer();
    void on_expiry_timer();

    // server_clients.cpp: client connections, reads, answers and watches.
    void on_connect_request(sim::NodeIndex from, const ZkConnectRequest& request);
    void on_client_request(sim::NodeIndex from, const std::shared_ptr<const ZkRequest>& request);
    void open_connection(ConnectionKey key, SessionId session);
    void drain(ConnectionKey key);
    std::shared_ptr<ZkReply> answer_read(SessionId session, const ZkRequest& request);
    void set_watches(SessionId session, const ZkRequest& request);
    void finish_write(const Txn& txn);
    void deliver_watches(const std::vector<WatchDelivery>& deliveries);
    void send_watch_event(SessionId session, EventType type, const std::string& path);
    void close_connection(ConnectionKey key, const char* reason);
    void close_session_connections(SessionId session, const char* reason);
    void close_all_connections(const char* reason);
    void touch(SessionId session);

    const int sid_;
    const std::vector<sim::NodeIndex> ensemble_;  // by sid - 1
    const ZooKeeperConfig config_;
    /// This server's disk; survives crashes and power losses.
    ZkDatabase* db_ = nullptr;

    ServerRole role_ = ServerRole::looking;
    /// The leader followed (or this server when leading); 0 while looking.
    int leader_sid_ = 0;
    bool serving_ = false;
    std::map<int, PeerView> peers_;  // by sid, never this server

    // Follower state.
    sim::Time leader_last_heard_{};
    /// Sessions whose clients were active here since the last heartbeat to the leader.
    std::set<SessionId> touched_;

    // Leader state; meaningful only while leading.
    bool established_ = false;
    sim::Time establish_deadline_{};
    /// Followers that were sent this epoch's snapshot; proposals go to them.
    std::map<int, FollowerState> followers_;
    /// The tree as it will be once every outstanding proposal commits: writes are
    /// checked against it. Equal to the committed tree when nothing is outstanding.
    DataTree prospective_;
    /// Counter of the last zxid proposed in this epoch.
    std::int64_t zxid_counter_ = 0;
    /// Outstanding proposals by zxid with the servers that logged them (this one included).
    std::map<Zxid, std::set<int>> acks_;
    SessionTracker sessions_;
    sim::TimerId expiry_timer_;

    // Client side, on every serving server.
    std::map<ConnectionKey, Connection> connections_;
    /// Which connection a session uses here; at most one per session.
    std::map<SessionId, ConnectionKey> session_connections_;
    /// Writes sent to the leader, by tag, with the connection that waits for them.
    std::map<std::uint64_t, ConnectionKey> pending_writes_;
    /// Connects waiting for their createSession to commit, by tag.
    std::map<std::uint64_t, ConnectionKey> pending_connects_;
    std::uint64_t next_tag_ = 0;
    WatchManager watches_;
};

}  // namespace kafkalab::kafka::zk
