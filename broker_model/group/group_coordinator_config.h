#pragma once
// The group coordinator's settings that server.properties does not already give the
// broker (BrokerConfig has offsets.topic.*, group.initial.rebalance.delay.ms and the
// session timeout bounds), with Kafka 3.x names and defaults.
#include <cstdint>
#include <limits>

#include "sim/time.h"

namespace kafkalab::kafka {

using namespace std::chrono_literals;

struct GroupCoordinatorConfig {
    /// offsets.commit.timeout.ms: how long an offset commit (and the group metadata
    /// written on a completed rebalance) waits for every ISR member to have it.
    sim::Duration offsets_commit_timeout = 5s;
    /// group.max.size: members beyond it get GROUP_MAX_SIZE_REACHED.
    std::int32_t group_max_size = std::numeric_limits<std::int32_t>::max();
    /// offset.metadata.max.bytes: a commit whose metadata string is longer is refused
    /// with OFFSET_METADATA_TOO_LARGE.
    std::int32_t offset_metadata_max_bytes = 4096;
    /// GroupCoordinator.NewMemberJoinTimeoutMs: a new member waiting in its first
    /// JoinGroup is dropped after this long (it cannot heartbeat yet).
    sim::Duration new_member_join_timeout = 5min;

    /// Simulator model of loading a __consumer_offsets partition (Kafka reads it on a
    /// background thread): a fixed start-up cost plus a cost per record read.
    sim::Duration load_time_base = 10ms;
    sim::Duration load_time_per_record = 2us;
};

/// Whole milliseconds of `d`, as Kafka's *.ms settings and record timestamps count.
inline std::int64_t millis_of(sim::Duration d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

}  // namespace kafkalab::kafka
