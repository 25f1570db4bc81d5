#pragma once
// A replica's log losing its tail: one of the model's events (broker_model/events/),
// recorded in the trace as
//
//   orders-0 on broker-1: offsets 412..419 removed (log end 420 → 412), follower truncation after a leader change (KIP-279)
//   orders-0 on broker-1: offset 419 removed (log end 420 → 419), follower truncation at the Fetch response's diverging epoch (KAFKA-10554)
//
// Kafka logs the same moment as "Truncating to offset 412" (UnifiedLog.truncateTo) or,
// after a power loss, as log recovery finding a shorter log. The simulator knows which
// offsets went, so the event names them; the viewer strikes the removed cells through
// from the event itself. Only truncations that remove records are noted.
#include <cstdint>
#include <string>

#include "broker_model/common/types.h"

namespace kafkalab::kafka {

/// Why the tail went.
enum class TruncationCause : std::uint8_t {
    /// A follower cut its log where the leader's epoch ended (KIP-101/279), after a
    /// leader change; an unclean election makes such cuts remove committed records.
    leader_epoch,
    /// A follower cut its log to its own high watermark (Kafka before 0.11).
    high_watermark,
    /// The host lost power: records the page cache held but the disk did not are gone.
    power_loss,
};

/// For a leader_epoch cut: the answer that told the follower where its log parts
/// from the leader's (follower_truncation.h says which Kafka release uses which).
enum class LeaderEpochSource : std::uint8_t {
    /// An OffsetsForLeaderEpoch response, asked before fetching (Kafka 0.11 to 2.7).
    offsets_for_leader_epoch,
    /// The DivergingEpoch of a Fetch response (KAFKA-10554, Kafka 2.8 and later).
    fetch_diverging_epoch,
};

struct TruncationNote {
    TopicPartition partition;
    std::string broker;           // the broker's host name
    Offset removed_from{0};       // the first offset removed: the new log end offset
    Offset old_log_end_offset{0}; // exclusive end of what was removed
    TruncationCause cause = TruncationCause::leader_epoch;
    /// Which answer gave the cut point; meaningful only for cause leader_epoch.
    LeaderEpochSource source = LeaderEpochSource::offsets_for_leader_epoch;

    std::int64_t removed_count() const { return old_log_end_offset - removed_from; }
    bool operator==(const TruncationNote&) const = default;
};

}  // namespace kafkalab::kafka
