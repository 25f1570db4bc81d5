#pragma once
// Messages grouped the way a teacher talks about them: produce requests, replication
// (follower fetches), consumer traffic, group membership, controller requests,
// ZooKeeper. Each kind has a colour and a filter switch in the viewer.
#include <array>
#include <cstdint>
#include <string_view>

#include "viz/model/host_role.h"
#include "viz/model/palette.h"

namespace kafkalab::viz {

enum class MessageKind : std::uint8_t {
    produce,      // Produce and its response
    replication,  // a follower's Fetch to its leader, and the answer
    consume,      // a consumer's Fetch, ListOffsets, and the answers
    group,        // FindCoordinator, JoinGroup, SyncGroup, Heartbeat, OffsetCommit, ...
    controller,   // LeaderAndIsr, UpdateMetadata, StopReplica, AlterPartition
    zookeeper,    // anything to or from a ZooKeeper node
    metadata,     // Metadata, topic admin and everything else
};
inline constexpr std::size_t message_kind_count = 7;

const char* to_string(MessageKind kind);
Rgb colour_of(MessageKind kind);

/// Sorts a message by its Kafka API name ("Fetch", "HeartbeatResponse", "ZkRequest")
/// and the roles of its ends (a Fetch between two brokers is replication).
MessageKind classify_message(std::string_view name, HostRole from, HostRole to);

/// Which kinds the viewer shows; all by default.
struct MessageFilter {
    std::array<bool, message_kind_count> shown{true, true, true, true, true, true, true};
    bool shows(MessageKind kind) const { return shown[static_cast<std::size_t>(kind)]; }
    void set(MessageKind kind, bool on) { shown[static_cast<std::size_t>(kind)] = on; }
};

}  // namespace kafkalab::viz
