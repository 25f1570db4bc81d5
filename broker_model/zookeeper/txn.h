#pragma once
// Writes as the leader orders them. A client write becomes a ClientWrite at the server
// it reached; the leader checks it against the tree as it will be once every earlier
// proposal commits (ZooKeeper's PrepRequestProcessor) and turns it into a Txn with the
// next zxid. A failed check is a Txn too, of type error, so the answer keeps its place
// in the session's order.
#include <cstdint>
#include <string>

#include "broker_model/zookeeper/client_messages.h"
#include "broker_model/zookeeper/zookeeper_types.h"
#include "sim/time.h"

namespace kafkalab::kafka::zk {

/// A write request on its way to the leader, with who waits for the answer.
struct ClientWrite {
    OpCode op = OpCode::create;  // create, delete_node, set_data, create_session, close_session
    std::string path;
    std::string data;
    std::int32_t version = any_version;
    bool ephemeral = false;
    SessionId session;           // no_session for create_session
    sim::Duration timeout{0};    // create_session: the negotiated timeout
    int origin_sid = 0;          // the server holding the client's connection
    std::uint64_t origin_tag = 0;  // that server's handle for the waiting request
};

enum class TxnType : std::uint8_t { create_session, close_session, create, delete_node, set_data, error };

const char* txn_type_name(TxnType type);

struct Txn {
    Zxid zxid;
    TxnType type = TxnType::error;
    SessionId session;            // who asked; for create_session, the new session
    std::int64_t time_ms = 0;     // the leader's clock, for ctime/mtime
    std::string path;
    std::string data;
    bool ephemeral = false;
    sim::Duration timeout{0};     // create_session
    ZkCode error = ZkCode::ok;    // type error: the answer
    int origin_sid = 0;
    std::uint64_t origin_tag = 0;

    /// "0x100000003 create /brokers/ids/1 ephemeral", for traces.
    std::string summary() const;
    std::size_t size_bytes() const { return 48 + path.size() + data.size(); }
};

}  // namespace kafkalab::kafka::zk
