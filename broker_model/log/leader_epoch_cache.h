#pragma once
// The leader epoch cache of one replica (KIP-101, KIP-279), Kafka's
// LeaderEpochFileCache: for every leader epoch that wrote to this log, the offset of
// its first record. Followers use it to truncate a divergent tail after a leader
// change, instead of truncating to the high watermark (which lost or diverged data
// before KIP-101).
//
//   entries:  (epoch 0, start 0) (epoch 2, start 40) (epoch 5, start 90)     LEO = 120
//   epoch 0 covers [0, 40), epoch 2 covers [40, 90), epoch 5 covers [90, LEO).
//
// Kafka writes this cache to the leader-epoch-checkpoint file and fsyncs it on every
// new epoch; the simulator keeps it in the log object on the node's disk, and a power
// loss truncates it along with the log (as Kafka's recovery does).
#include <cstddef>
#include <optional>
#include <vector>

#include "broker_model/common/types.h"

namespace kafkalab::kafka {

/// Kafka's OffsetsForLeaderEpochResponse.UNDEFINED_EPOCH_OFFSET.
constexpr Offset undefined_epoch_offset{-1};

struct EpochEntry {
    LeaderEpoch epoch;
    Offset start_offset;  // offset of the first record written in this epoch

    bool operator==(const EpochEntry&) const = default;
};

/// The answer to OffsetsForLeaderEpoch: an epoch and where it ends (exclusive).
struct EpochEndOffset {
    LeaderEpoch epoch = no_epoch;
    Offset end_offset = undefined_epoch_offset;

    bool operator==(const EpochEndOffset&) const = default;
};

class LeaderEpochCache {
public:
    /// Records that `epoch` starts at `start_offset` (LeaderEpochFileCache.assign).
    /// Nothing changes when `epoch` is already the latest and starts no later. Otherwise
    /// entries that would break monotonicity (epoch >= `epoch` or start >= `start_offset`)
    /// are removed from the end first, then the entry is added.
    /// Precondition: epoch >= 0 and start_offset >= 0.
    void assign(LeaderEpoch epoch, Offset start_offset);

    /// The end offset of `requested`, exactly as LeaderEpochFileCache.endOffsetFor in
    /// the 3.x line:
    /// - requested is undefined (-1), or the cache is empty: (-1, -1);
    /// - requested is the latest epoch: (requested, log_end_offset);
    /// - requested is above every known epoch: (-1, -1);
    /// - requested is below every known epoch: (requested, start offset of the first
    ///   entry) — the data of older epochs is gone, so the follower replicates from
    ///   there. (Kafka's own doc comment on endOffsetFor still promises (-1, -1) here;
    ///   its code, which we follow, has answered this way since the 2.x line.)
    /// - otherwise the largest known epoch <= requested, ending at the start offset of
    ///   the first epoch above requested (KIP-279: a follower asking for an epoch this
    ///   leader never saw learns the largest smaller epoch and asks again).
    EpochEndOffset end_offset_for(LeaderEpoch requested, Offset log_end_offset) const;

    /// Removes every entry starting at or after `end_offset` (truncateFromEnd): the log
    /// was truncated to `end_offset`.
    void truncate_from_end(Offset end_offset);
    /// Removes entries wholly below `start_offset`; the last of them is kept and moved
    /// to start at `start_offset` (truncateFromStart): the log start offset advanced.
    void truncate_from_start(Offset start_offset);
    void clear() { entries_.clear(); }

    bool empty() const { return entries_.empty(); }
    std::optional<LeaderEpoch> latest_epoch() const;
    std::optional<EpochEntry> latest_entry() const;
    std::optional<EpochEntry> earliest_entry() const;
    /// Oldest first; strictly increasing in both epoch and start offset.
    const std::vector<EpochEntry>& entries() const { return entries_; }

    std::size_t approximate_memory_bytes() const;

private:
    /// Sorted by epoch, and then also by start offset (the invariant assign() keeps). A
    /// handful of entries per partition, so a vector beats a tree.
    std::vector<EpochEntry> entries_;
};

}  // namespace kafkalab::kafka
