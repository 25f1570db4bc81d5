#include "broker_model/zookeeper/quorum_messages.h"

#include <fmt/format.h>

namespace kafkalab::kafka::zk {

const char* role_name(ServerRole role) {
    switch (role) {
        case ServerRole::looking: return "LOOKING";
        case ServerRole::following: return "FOLLOWING";
        case ServerRole::leading: return "LEADING";
    }
    return "UNKNOWN";
}

std::string ZkPeerHeartbeat::summary() const {
    std::string text = fmt::format("heartbeat {} epoch {} zxid {}", role_name(role), epoch, format_zxid(last_zxid));
    if (leader_sid != 0) text += fmt::format(" leader {}", leader_sid);
    if (!touched_sessions.empty()) text += fmt::format(" touched {}", touched_sessions.size());
    return text;
}

std::string ZkFollowerInfo::summary() const {
    return fmt::format("follower info epoch {} zxid {}", accepted_epoch, format_zxid(last_zxid));
}

std::string ZkNewLeader::summary() const {
    return fmt::format("new leader {} epoch {} snapshot {} znodes up to {}", sid, epoch, snapshot->node_count(),
                       format_zxid(snapshot->last_zxid()));
}

std::string ZkAckNewLeader::summary() const { return fmt::format("ack new leader epoch {}", epoch); }

std::string ZkForward::summary() const {
    return fmt::format("forward {} {} {}", op_name(write.op), write.path, format_session(write.session));
}

}  // namespace kafkalab::kafka::zk
