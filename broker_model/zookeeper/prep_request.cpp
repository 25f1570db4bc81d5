#include "broker_model/zookeeper/prep_request.h"

namespace kafkalab::kafka::zk {

namespace {

/// The code a write gets, or ok. Each check returns early, in ZooKeeper's order.
ZkCode check_write(const DataTree& tree, const ClientWrite& write) {
    if (write.op == OpCode::create_session) return ZkCode::ok;
    // A request of a session the leader no longer knows (expired or closed).
    if (!tree.has_session(write.session)) return ZkCode::session_expired;
    if (write.op == OpCode::close_session) return ZkCode::ok;
    if (!valid_path(write.path) || write.path == "/") return ZkCode::bad_arguments;
    const Znode* node = tree.find(write.path);
    if (write.op == OpCode::create) {
        const Znode* parent = tree.find(parent_path(write.path));
        if (!parent) return ZkCode::no_node;
        if (node) return ZkCode::node_exists;
        // An ephemeral node dies with its session, so it may not own children.
        if (parent->stat.ephemeral_owner != no_session) return ZkCode::no_children_for_ephemerals;
        return ZkCode::ok;
    }
    if (!node) return ZkCode::no_node;
    if (write.version != any_version && write.version != node->stat.version) return ZkCode::bad_version;
    if (write.op == OpCode::delete_node && !node->children.empty()) return ZkCode::not_empty;
    return ZkCode::ok;
}

TxnType txn_type(OpCode op) {
    switch (op) {
        case OpCode::create_session: return TxnType::create_session;
        case OpCode::close_session: return TxnType::close_session;
        case OpCode::create: return TxnType::create;
        case OpCode::delete_node: return TxnType::delete_node;
        case OpCode::set_data: return TxnType::set_data;
        default: return TxnType::error;
    }
}

}  // namespace

SessionId make_session_id(int leader_sid, Zxid zxid) {
    return SessionId((static_cast<std::int64_t>(leader_sid) << 56) | (zxid.value & 0x00ffffffffffffffLL));
}

Txn prepare_txn(const DataTree& prospective, const ClientWrite& write, Zxid zxid, std::int64_t time_ms,
                int leader_sid) {
    Txn txn;
    txn.zxid = zxid;
    txn.time_ms = time_ms;
    txn.session = write.op == OpCode::create_session ? make_session_id(leader_sid, zxid) : write.session;
    txn.origin_sid = write.origin_sid;
    txn.origin_tag = write.origin_tag;
    txn.path = write.path;
    txn.error = check_write(prospective, write);
    if (txn.error != ZkCode::ok) return txn;  // type stays error
    txn.type = txn_type(write.op);
    txn.data = write.data;
    txn.ephemeral = write.ephemeral;
    txn.timeout = write.timeout;
    return txn;
}

}  // namespace kafkalab::kafka::zk
