#pragma once
// What a ZooKeeper client and server say to each other, shaped like ZooKeeper's own
// protocol: a ConnectRequest/ConnectResponse handshake, then requests carrying a
// client-chosen xid and an OpCode, replies carrying the xid, the server's last zxid
// and an error code, and watch notifications (xid -1 on the real wire).
//
// Type ids: 100-119 travel client to server, 120-139 server to client (the range
// ZooKeeperClient::handles() accepts), 150-179 between servers (quorum_messages.h).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/zookeeper/zookeeper_types.h"
#include "sim/message.h"
#include "sim/time.h"

namespace kafkalab::kafka::zk {

namespace message_type {
constexpr std::uint16_t connect_request = 100;
constexpr std::uint16_t request = 101;
constexpr std::uint16_t connect_response = 120;
constexpr std::uint16_t reply = 121;
constexpr std::uint16_t watch_event = 122;
constexpr std::uint16_t connection_closed = 123;
constexpr std::uint16_t first_to_client = 120;
constexpr std::uint16_t last_to_client = 139;
}  // namespace message_type

/// The bytes of a request or reply header on ZooKeeper's wire, rounded: length,
/// xid, opcode / zxid, error, plus TCP/IP framing.
constexpr std::size_t header_bytes = 40;

/// ZooKeeper's operation codes (ZooDefs.OpCode), with its numbers.
enum class OpCode : std::int32_t {
    create = 1,
    delete_node = 2,
    exists = 3,
    get_data = 4,
    set_data = 5,
    get_children = 8,
    ping = 11,
    set_watches = 101,
    create_session = -10,
    close_session = -11,
};

/// "create", "delete", "exists", "getData", "setData", "getChildren", "ping", ...
const char* op_name(OpCode op);
/// Whether the operation changes the tree and so must be ordered by the leader.
bool is_write(OpCode op);

/// xids ZooKeeper reserves for traffic that is not an application request.
constexpr std::int32_t ping_xid = -2;
constexpr std::int32_t set_watches_xid = -8;

/// Opens a session (session = no_session) or resumes one on another server.
struct ZkConnectRequest final : sim::Message {
    ZkConnectRequest() : Message(message_type::connect_request) {}
    const char* name() const override { return "ZkConnect"; }
    std::size_t size_bytes() const override { return header_bytes + 8 + 8 + 4 + 16; }
    std::string summary() const override;

    std::uint64_t connection_id = 0;
    SessionId session;
    sim::Duration timeout{0};  // requested
    /// A server that has applied less than this refuses the connection, so a client
    /// never travels back in time by reconnecting to a lagging server.
    Zxid last_zxid_seen;
};

/// The answer to a ZkConnectRequest. A zero timeout means "session expired".
struct ZkConnectResponse final : sim::Message {
    ZkConnectResponse() : Message(message_type::connect_response) {}
    const char* name() const override { return "ZkConnectResponse"; }
    std::size_t size_bytes() const override { return header_bytes + 8 + 4 + 16; }
    std::string summary() const override;

    std::uint64_t connection_id = 0;
    SessionId session;
    sim::Duration timeout{0};  // negotiated; zero when the session is unknown
};

/// Every request of an open session, pings included.
struct ZkRequest final : sim::Message {
    ZkRequest() : Message(message_type::request) {}
    const char* name() const override { return "ZkRequest"; }
    std::size_t size_bytes() const override;
    std::string summary() const override;

    std::uint64_t connection_id = 0;
    std::int32_t xid = 0;
    OpCode op = OpCode::ping;
    std::string path;
    std::string data;
    std::int32_t version = any_version;
    bool ephemeral = false;
    bool watch = false;
    // set_watches only: the client's watches and the zxid it last saw, so the server
    // fires at once whatever changed while the client was away.
    Zxid relative_zxid;
    std::vector<std::string> data_watches;
    std::vector<std::string> exist_watches;
    std::vector<std::string> child_watches;
};

struct ZkReply final : sim::Message {
    ZkReply() : Message(message_type::reply) {}
    const char* name() const override { return "ZkReply"; }
    std::size_t size_bytes() const override;
    std::string summary() const override;

    std::uint64_t connection_id = 0;
    std::int32_t xid = 0;
    OpCode op = OpCode::ping;  // echoed for readable traces; the wire only has the xid
    Zxid zxid;                 // the server's last applied zxid when it answered
    ZkCode code = ZkCode::ok;
    std::string path;          // create: the created path
    std::string data;          // getData
    std::optional<Stat> stat;  // getData, exists, setData
    std::vector<std::string> children;
};

struct ZkWatchEvent final : sim::Message {
    ZkWatchEvent() : Message(message_type::watch_event) {}
    const char* name() const override { return "ZkWatchEvent"; }
    std::size_t size_bytes() const override { return header_bytes + 8 + path.size(); }
    std::string summary() const override;

    std::uint64_t connection_id = 0;
    EventType type = EventType::none;
    std::string path;
    Zxid zxid;
};

/// The server closed the connection (it left the quorum, refused the client, or the
/// session was closed); the client treats it like a TCP reset.
struct ZkConnectionClosed final : sim::Message {
    ZkConnectionClosed() : Message(message_type::connection_closed) {}
    const char* name() const override { return "ZkConnectionClosed"; }
    std::size_t size_bytes() const override { return header_bytes; }
    std::string summary() const override { return "connection closed: " + reason; }

    std::uint64_t connection_id = 0;
    std::string reason;
};

}  // namespace kafkalab::kafka::zk
