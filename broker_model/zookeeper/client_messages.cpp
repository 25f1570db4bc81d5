#include "broker_model/zookeeper/client_messages.h"

#include <fmt/format.h>

namespace kafkalab::kafka::zk {

const char* op_name(OpCode op) {
    switch (op) {
        case OpCode::create: return "create";
        case OpCode::delete_node: return "delete";
        case OpCode::exists: return "exists";
        case OpCode::get_data: return "getData";
        case OpCode::set_data: return "setData";
        case OpCode::get_children: return "getChildren";
        case OpCode::ping: return "ping";
        case OpCode::set_watches: return "setWatches";
        case OpCode::create_session: return "createSession";
        case OpCode::close_session: return "closeSession";
    }
    return "unknown";
}

bool is_write(OpCode op) {
    return op == OpCode::create || op == OpCode::delete_node || op == OpCode::set_data ||
           op == OpCode::create_session || op == OpCode::close_session;
}

std::string ZkConnectRequest::summary() const {
    if (session == no_session) return fmt::format("connect new session timeout {}", sim::format_duration(timeout));
    return fmt::format("connect session {} timeout {}", format_session(session), sim::format_duration(timeout));
}

std::string ZkConnectResponse::summary() const {
    if (timeout.count() == 0) return fmt::format("session {} expired", format_session(session));
    return fmt::format("connected session {} timeout {}", format_session(session), sim::format_duration(timeout));
}

std::size_t ZkRequest::size_bytes() const {
    std::size_t bytes = header_bytes + path.size() + data.size();
    for (const auto* watches : {&data_watches, &exist_watches, &child_watches}) {
        for (const auto& watched : *watches) bytes += 4 + watched.size();
    }
    return bytes;
}

std::string ZkRequest::summary() const {
    switch (op) {
        case OpCode::ping: return "ping";
        case OpCode::close_session: return "closeSession";
        case OpCode::set_watches:
            return fmt::format("setWatches {} data, {} exist, {} child since {}", data_watches.size(),
                               exist_watches.size(), child_watches.size(), format_zxid(relative_zxid));
        case OpCode::create: return fmt::format("create {}{}", path, ephemeral ? " ephemeral" : "");
        case OpCode::delete_node:
        case OpCode::set_data:
            if (version == any_version) return fmt::format("{} {}", op_name(op), path);
            return fmt::format("{} {} version {}", op_name(op), path, version);
        default: return fmt::format("{} {}{}", op_name(op), path, watch ? " watch" : "");
    }
}

std::size_t ZkReply::size_bytes() const {
    std::size_t bytes = header_bytes + path.size() + data.size() + (stat ? 68 : 0);
    for (const auto& child : children) bytes += 4 + child.size();
    return bytes;
}

std::string ZkReply::summary() const {
    if (op == OpCode::ping) return "ping reply";
    if (code != ZkCode::ok) return fmt::format("{} {}", op_name(op), code_name(code));
    switch (op) {
        case OpCode::create: return fmt::format("create OK {}", path);
        case OpCode::get_children: return fmt::format("getChildren OK {} children", children.size());
        case OpCode::get_data:
        case OpCode::set_data:
        case OpCode::exists: return fmt::format("{} OK version {}", op_name(op), stat ? stat->version : -1);
        default: return fmt::format("{} OK", op_name(op));
    }
}

std::string ZkWatchEvent::summary() const { return fmt::format("watch {} {}", event_type_name(type), path); }

}  // namespace kafkalab::kafka::zk
