#include "viz/model/message_kind.h"

namespace kafkalab::viz {

const char* to_string(HostRole role) {
    switch (role) {
        case HostRole::broker: return "broker";
        case HostRole::zookeeper: return "zookeeper";
        case HostRole::producer: return "producer";
        case HostRole::consumer: return "consumer";
        case HostRole::tools: return "tools";
    }
    return "?";
}

const char* to_string(MessageKind kind) {
    switch (kind) {
        case MessageKind::produce: return "produce";
        case MessageKind::replication: return "replication";
        case MessageKind::consume: return "consume";
        case MessageKind::group: return "group";
        case MessageKind::controller: return "controller";
        case MessageKind::zookeeper: return "zookeeper";
        case MessageKind::metadata: return "metadata";
    }
    return "?";
}

Rgb colour_of(MessageKind kind) {
    switch (kind) {
        case MessageKind::produce: return okabe_ito::orange;
        case MessageKind::replication: return okabe_ito::sky_blue;
        case MessageKind::consume: return okabe_ito::bluish_green;
        case MessageKind::group: return okabe_ito::reddish_purple;
        case MessageKind::controller: return okabe_ito::yellow;
        case MessageKind::zookeeper: return Rgb{160, 200, 160};
        case MessageKind::metadata: return Rgb{170, 170, 170};
    }
    return {};
}

namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

}  // namespace

MessageKind classify_message(std::string_view name, HostRole from, HostRole to) {
    if (from == HostRole::zookeeper || to == HostRole::zookeeper || starts_with(name, "Zk")) {
        return MessageKind::zookeeper;
    }
    if (starts_with(name, "Produce")) return MessageKind::produce;
    if (starts_with(name, "Fetch") || starts_with(name, "OffsetsForLeaderEpoch")) {
        bool between_brokers = from == HostRole::broker && to == HostRole::broker;
        return between_brokers ? MessageKind::replication : MessageKind::consume;
    }
    if (starts_with(name, "ListOffsets")) return MessageKind::consume;
    for (std::string_view group_api : {"FindCoordinator", "JoinGroup", "SyncGroup", "Heartbeat", "LeaveGroup",
                                       "OffsetCommit", "OffsetFetch", "DescribeGroups", "ListGroups"}) {
        if (starts_with(name, group_api)) return MessageKind::group;
    }
    for (std::string_view controller_api : {"LeaderAndIsr", "UpdateMetadata", "StopReplica", "AlterPartition",
                                            "ControlledShutdown"}) {
        if (starts_with(name, controller_api)) return MessageKind::controller;
    }
    return MessageKind::metadata;
}

}  // namespace kafkalab::viz
