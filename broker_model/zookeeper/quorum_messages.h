#pragma once
// What ZooKeeper servers say to one another: liveness and election (heartbeats that
// carry each server's vote material), leader discovery and sync (FOLLOWERINFO,
// NEWLEADER with a snapshot, its ACK), and ZAB's broadcast (forwarded requests,
// PROPOSAL, ACK, COMMIT). Type ids 150-179.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "broker_model/zookeeper/client_messages.h"
#include "broker_model/zookeeper/data_tree.h"
#include "broker_model/zookeeper/txn.h"
#include "sim/message.h"

namespace kafkalab::kafka::zk {

namespace message_type {
constexpr std::uint16_t peer_heartbeat = 150;
constexpr std::uint16_t follower_info = 151;
constexpr std::uint16_t new_leader = 152;
constexpr std::uint16_t ack_new_leader = 153;
constexpr std::uint16_t forward = 154;
constexpr std::uint16_t proposal = 155;
constexpr std::uint16_t ack = 156;
constexpr std::uint16_t commit = 157;
}  // namespace message_type

/// ZooKeeper's ServerState, reduced: LOOKING, FOLLOWING, LEADING.
enum class ServerRole : std::uint8_t { looking, following, leading };
const char* role_name(ServerRole role);

/// Sent by every server to every other every half tick. It is how servers know who
/// is reachable, what each would bring to an election (its last zxid), and who leads;
/// from a follower to its leader it also reports the sessions its clients touched.
struct ZkPeerHeartbeat final : sim::Message {
    ZkPeerHeartbeat() : Message(message_type::peer_heartbeat) {}
    const char* name() const override { return "ZkHeartbeat"; }
    std::size_t size_bytes() const override { return header_bytes + 32 + 8 * touched_sessions.size(); }
    std::string summary() const override;

    int sid = 0;
    ServerRole role = ServerRole::looking;
    std::int64_t epoch = 0;  // accepted epoch
    Zxid last_zxid;          // last logged zxid
    int leader_sid = 0;      // 0: none
    bool established = false;  // a leader that has synced a quorum and serves
    std::vector<SessionId> touched_sessions;
};

/// A looking server asks an established leader to take it on.
struct ZkFollowerInfo final : sim::Message {
    ZkFollowerInfo() : Message(message_type::follower_info) {}
    const char* name() const override { return "ZkFollowerInfo"; }
    std::size_t size_bytes() const override { return header_bytes + 16; }
    std::string summary() const override;

    int sid = 0;
    std::int64_t accepted_epoch = 0;
    Zxid last_zxid;
};

/// A leader's offer to lead in `epoch`, with its whole committed tree (a SNAP sync).
struct ZkNewLeader final : sim::Message {
    ZkNewLeader() : Message(message_type::new_leader) {}
    const char* name() const override { return "ZkNewLeader"; }
    std::size_t size_bytes() const override { return header_bytes + 16 + snapshot->snapshot_bytes(); }
    std::string summary() const override;

    int sid = 0;
    std::int64_t epoch = 0;
    Zxid candidate_zxid;  // the leader's last zxid when it stood for election
    bool established = false;  // true when sent to a late joiner of a serving leader
    std::shared_ptr<const DataTree> snapshot;
};

struct ZkAckNewLeader final : sim::Message {
    ZkAckNewLeader() : Message(message_type::ack_new_leader) {}
    const char* name() const override { return "ZkAckNewLeader"; }
    std::size_t size_bytes() const override { return header_bytes + 12; }
    std::string summary() const override;

    int sid = 0;
    std::int64_t epoch = 0;
};

/// A follower passes a client's write to its leader (ZooKeeper's REQUEST packet).
struct ZkForward final : sim::Message {
    ZkForward() : Message(message_type::forward) {}
    const char* name() const override { return "ZkForward"; }
    std::size_t size_bytes() const override { return header_bytes + 32 + write.path.size() + write.data.size(); }
    std::string summary() const override;

    std::int64_t epoch = 0;
    ClientWrite write;
};

struct ZkProposal final : sim::Message {
    ZkProposal() : Message(message_type::proposal) {}
    const char* name() const override { return "ZkProposal"; }
    std::size_t size_bytes() const override { return header_bytes + txn.size_bytes(); }
    std::string summary() const override { return "proposal " + txn.summary(); }

    std::int64_t epoch = 0;
    Txn txn;
};

struct ZkAck final : sim::Message {
    ZkAck() : Message(message_type::ack) {}
    const char* name() const override { return "ZkAck"; }
    std::size_t size_bytes() const override { return header_bytes + 16; }
    std::string summary() const override { return "ack " + format_zxid(zxid); }

    int sid = 0;
    std::int64_t epoch = 0;
    Zxid zxid;
};

/// Every logged proposal up to and including `zxid` is committed.
struct ZkCommit final : sim::Message {
    ZkCommit() : Message(message_type::commit) {}
    const char* name() const override { return "ZkCommit"; }
    std::size_t size_bytes() const override { return header_bytes + 16; }
    std::string summary() const override { return "commit " + format_zxid(zxid); }

    std::int64_t epoch = 0;
    Zxid zxid;
};

}  // namespace kafkalab::kafka::zk
