#pragma once
// A replica's log losing its tail, as the "truncate" trace record tells it:
//
//   orders-0 on broker-1: offsets 412..419 removed (log end 420 → 412), follower truncation after a leader change (KIP-279)
//
// Kafka logs the same moment as "Truncating to offset 412" (UnifiedLog.truncateTo) or,
// after a power loss, as log recovery finding a shorter log. The simulator knows which
// offsets went, so the record names them; the viewer reads it back with parse() to
// strike the removed cells through. Only truncations that remove records are noted.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "broker_model/common/types.h"

namespace kafkalab::kafka {

/// Why the tail went. A trace record says it in words (describe()), which parse() maps back.
enum class TruncationCause : std::uint8_t {
    /// A follower cut its log where the leader's epoch ended (KIP-101/279), after a
    /// leader change; an unclean election makes such cuts remove committed records.
    leader_epoch,
    /// A follower cut its log to its own high watermark (Kafka before 0.11).
    high_watermark,
    /// The host lost power: records the page cache held but the disk did not are gone.
    power_loss,
};
const char* describe(TruncationCause cause);

struct TruncationNote {
    static constexpr std::string_view trace_kind = "truncate";

    TopicPartition partition;
    std::string broker;           // the broker's host name
    Offset removed_from{0};       // the first offset removed: the new log end offset
    Offset old_log_end_offset{0}; // exclusive end of what was removed
    TruncationCause cause = TruncationCause::leader_epoch;

    std::int64_t removed_count() const { return old_log_end_offset - removed_from; }
    /// The trace record's summary (see the top of this file).
    std::string to_summary() const;
    /// Reads a summary written by to_summary(); nothing for any other text.
    static std::optional<TruncationNote> parse(std::string_view summary);
    bool operator==(const TruncationNote&) const = default;
};

}  // namespace kafkalab::kafka
