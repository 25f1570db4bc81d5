#include "broker_model/zookeeper/zookeeper_types.h"

#include <fmt/format.h>

namespace kafkalab::kafka::zk {

const char* code_name(ZkCode code) {
    switch (code) {
        case ZkCode::ok: return "OK";
        case ZkCode::connection_loss: return "CONNECTIONLOSS";
        case ZkCode::bad_arguments: return "BADARGUMENTS";
        case ZkCode::no_node: return "NONODE";
        case ZkCode::bad_version: return "BADVERSION";
        case ZkCode::no_children_for_ephemerals: return "NOCHILDRENFOREPHEMERALS";
        case ZkCode::node_exists: return "NODEEXISTS";
        case ZkCode::not_empty: return "NOTEMPTY";
        case ZkCode::session_expired: return "SESSIONEXPIRED";
    }
    return "UNKNOWN";
}

std::string format_zxid(Zxid zxid) { return fmt::format("0x{:x}", zxid.value); }

std::string format_session(SessionId session) { return fmt::format("0x{:x}", session.value); }

const char* event_type_name(EventType type) {
    switch (type) {
        case EventType::none: return "None";
        case EventType::node_created: return "NodeCreated";
        case EventType::node_deleted: return "NodeDeleted";
        case EventType::node_data_changed: return "NodeDataChanged";
        case EventType::node_children_changed: return "NodeChildrenChanged";
    }
    return "Unknown";
}

const char* keeper_state_name(KeeperState state) {
    switch (state) {
        case KeeperState::disconnected: return "Disconnected";
        case KeeperState::sync_connected: return "SyncConnected";
        case KeeperState::expired: return "Expired";
        case KeeperState::closed: return "Closed";
    }
    return "Unknown";
}

}  // namespace kafkalab::kafka::zk
