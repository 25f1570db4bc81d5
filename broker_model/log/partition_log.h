#pragma once
// One replica's log of one partition: Kafka's UnifiedLog with its segments, leader
// epoch cache and producer state, as one in-memory data structure. No networking: the
// broker decides who appends, who reads and when the high watermark moves.
//
//   log start        high watermark            log end offset (LEO)
//       |                  |                          |
//       v                  v                          v
//       [ committed: consumers may read ][ replicated to some ]
//       [ flushed (durable on power loss)    ][ unflushed (page cache only) ]
//                                          ^
//                                   flushed offset (Kafka's recovery point)
//
// Invariant: log_start_offset <= high_watermark <= log_end_offset, and
//            log_start_offset <= flushed_offset <= log_end_offset.
// Batches are contiguous: each starts at the previous one's next offset, the first at
// the log start offset, the last ends at the LEO.
//
// Costs: appends and high-watermark updates are O(1) amortised (O(log producers) with
// idempotence); reads find their first batch in O(log batches). Truncation is
// O(dropped batches), plus a replay of all batches to rebuild the producer state.
//
// Simplifications, on top of those of RecordData and StoredBatch:
// - One segment per log: no segment files, indexes or rolling; no retention or
//   compaction, so the log start offset only moves by truncate_fully_and_start_at.
// - Truncation may cut inside a batch and keeps the prefix (Kafka drops the whole
//   batch); a read trims batches to the requested range (Kafka returns whole batches
//   and the consumer skips records below its position).
// - read() always returns at least one batch even past max_bytes (Kafka does so for
//   the first partition of a fetch, KIP-74).
// - Timestamps are CreateTime as the producer set them (message.timestamp.type).
// - A leader append with an epoch older than the cache's latest is refused with
//   FENCED_LEADER_EPOCH (in Kafka the partition layer fences it earlier).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "broker_model/common/errors.h"
#include "broker_model/common/types.h"
#include "broker_model/log/leader_epoch_cache.h"
#include "broker_model/log/producer_state.h"
#include "broker_model/log/record_data.h"
#include "broker_model/log/stored_batch.h"

namespace kafkalab::kafka {

/// What an append did (Kafka's LogAppendInfo, reduced).
struct AppendResult {
    /// none, or why nothing was appended: INVALID_REQUEST (no records),
    /// FENCED_LEADER_EPOCH (stale leader), INVALID_PRODUCER_EPOCH and
    /// OUT_OF_ORDER_SEQUENCE_NUMBER (idempotence), OFFSET_OUT_OF_RANGE (a follower
    /// batch that does not start at the LEO; Kafka's UnexpectedAppendOffsetException).
    Error error = Error::none;
    /// Offsets of the batch's first and last records; -1 on error. For a duplicate,
    /// the offsets where the batch was first written.
    Offset first_offset{-1};
    Offset last_offset{-1};
    /// The batch was a retry of one already in the log; nothing was appended.
    bool duplicate = false;

    bool ok() const { return error == Error::none; }
};

/// What a read returned.
struct ReadResult {
    /// none, or OFFSET_OUT_OF_RANGE when `from` is below the log start or above the LEO.
    Error error = Error::none;
    /// Contiguous batches, trimmed to [from, upper_bound); empty when nothing is there.
    std::vector<StoredBatch> batches;
    /// Sum of the batches' size_bytes.
    std::size_t size_bytes = 0;

    bool ok() const { return error == Error::none; }
    /// Where the next read should start: after the last batch returned.
    std::optional<Offset> next_offset() const;
    std::int64_t record_count() const;
};

class PartitionLog {
public:
    /// An empty log whose first offset will be `log_start_offset`.
    explicit PartitionLog(Offset log_start_offset = Offset{0});

    // --- Offsets ----------------------------------------------------------------
    Offset log_start_offset() const { return log_start_offset_; }
    Offset log_end_offset() const { return log_end_offset_; }
    Offset high_watermark() const { return high_watermark_; }
    bool empty() const { return batches_.empty(); }
    std::int64_t record_count() const { return log_end_offset_ - log_start_offset_; }
    /// Bytes of all batches on the wire (the log's size on disk).
    std::size_t size_bytes() const { return size_bytes_; }
    /// The batches, oldest first, for the viewer and tests.
    std::span<const StoredBatch> batches() const { return batches_; }
    /// The batch holding `offset`, or null. O(log batches).
    const StoredBatch* find_batch(Offset offset) const;

    // --- Appends ----------------------------------------------------------------
    /// Appends `records` as the leader of `leader_epoch`: offsets are assigned from the
    /// LEO, a new epoch is recorded in the epoch cache, and an idempotent producer's
    /// batch is checked first (see producer_state.h).
    AppendResult append_as_leader(std::shared_ptr<const RecordData> records, LeaderEpoch leader_epoch,
                                  ProducerBatchInfo producer = {});
    /// Appends a batch fetched from the leader, with the leader's offsets and epoch.
    /// It must start exactly at the LEO; the epoch cache learns the batch's epoch.
    AppendResult append_as_follower(const StoredBatch& batch);

    // --- Reads ------------------------------------------------------------------
    /// Batches covering [from, min(upper_bound, LEO)), up to `max_bytes` but at least
    /// one batch. Consumers pass the high watermark as upper_bound, followers the LEO.
    /// `from` must lie in [log start, LEO], else OFFSET_OUT_OF_RANGE.
    ReadResult read(Offset from, std::size_t max_bytes, Offset upper_bound) const;
    /// True exactly when read(from, any max_bytes, upper_bound) would return no error
    /// and no batch: a caught-up reader, which an idle fetch nearly always is.
    bool has_nothing_to_read(Offset from, Offset upper_bound) const {
        return from >= log_start_offset_ && from <= log_end_offset_ && from >= std::min(upper_bound, log_end_offset_);
    }

    // --- Truncation -------------------------------------------------------------
    /// Drops every record at or above `end_offset` (UnifiedLog.truncateTo), trims the
    /// epoch cache, rebuilds producer state, and clamps the high watermark and the
    /// flushed offset. At or above the LEO it drops no record, only epochs that start at
    /// the LEO; below the log start it empties the log and starts it at `end_offset`.
    /// Returns whether records were dropped.
    bool truncate_to(Offset end_offset);
    /// Drops everything; the log restarts empty at `new_offset`, which becomes its log
    /// start, LEO and high watermark (UnifiedLog.truncateFullyAndStartAt). Clears the
    /// epoch cache and producer state.
    void truncate_fully_and_start_at(Offset new_offset);

    // --- High watermark ---------------------------------------------------------
    /// Sets the high watermark, clamped to [log start, LEO] (UnifiedLog.updateHighWatermark:
    /// it may move down, e.g. when a leader becomes a follower). Returns whether it moved.
    bool update_high_watermark(Offset offset);
    /// Moves the high watermark up only (UnifiedLog.maybeIncrementHighWatermark, the
    /// leader's rule). Clamped to the LEO. Returns whether it moved.
    bool maybe_increment_high_watermark(Offset offset);
    /// Writes the current high watermark to the replication-offset-checkpoint (the
    /// broker does it every replica.high.watermark.checkpoint.interval.ms). Kafka
    /// fsyncs that file, so the value survives a power loss too.
    void checkpoint_high_watermark() { checkpointed_high_watermark_ = high_watermark_; }
    Offset checkpointed_high_watermark() const { return checkpointed_high_watermark_; }
    /// A broker restart: the in-memory high watermark is gone; it is read back from the
    /// checkpoint and clamped to [log start, LEO], as Kafka does when it loads a log.
    void reload_after_restart();

    // --- Leader epochs (KIP-101, KIP-279) ---------------------------------------
    const LeaderEpochCache& leader_epoch_cache() const { return epoch_cache_; }
    std::optional<LeaderEpoch> latest_epoch() const { return epoch_cache_.latest_epoch(); }
    /// LeaderEpochFileCache.endOffsetFor against this log's LEO (see leader_epoch_cache.h).
    EpochEndOffset end_offset_for_epoch(LeaderEpoch requested) const {
        return epoch_cache_.end_offset_for(requested, log_end_offset_);
    }
    /// Records that `epoch` starts at `start_offset` before any record of it exists:
    /// a new leader calls it with its LEO (Partition.makeLeader), so followers asking
    /// for the previous epoch's end get the right answer at once.
    void maybe_assign_epoch_start_offset(LeaderEpoch epoch, Offset start_offset);

    // --- Idempotent producers -----------------------------------------------------
    const ProducerStateManager& producer_state() const { return producer_state_; }

    // --- Durability ---------------------------------------------------------------
    /// Makes everything up to the LEO durable (fsync). Kafka's defaults never force it
    /// (log.flush.interval.messages / .ms); the broker decides when to call it.
    void flush() { flushed_offset_ = log_end_offset_; }
    /// Records below this offset survive a power loss (Kafka's recovery point).
    Offset flushed_offset() const { return flushed_offset_; }
    std::int64_t unflushed_records() const { return log_end_offset_ - flushed_offset_; }
    /// Power loss: the page cache is gone, the log is truncated to the flushed offset.
    /// (A process crash calls nothing: the page cache keeps every write.)
    void lose_unflushed();

    // --- Memory -------------------------------------------------------------------
    /// Memory held by this log besides the key and value bytes: batch headers, record
    /// indexes (once per shared RecordData run), epoch cache and producer state.
    /// O(batches); for benchmarks and the viewer, not the hot path.
    std::size_t approximate_memory_bytes() const;

private:
    /// Index in batches_ of the batch holding `offset`. Precondition: offset in [log start, LEO).
    std::size_t batch_index_of(Offset offset) const;
    void push_batch(const StoredBatch& batch);
    void rebuild_producer_state();
    void clamp_offsets_after_truncation();

    /// Contiguous batches, oldest first; the first starts at log_start_offset_.
    std::vector<StoredBatch> batches_;
    /// First offset in the log. Moves only by truncate_fully_and_start_at.
    Offset log_start_offset_;
    /// Offset the next record will get. Grows with appends, shrinks only by truncation.
    Offset log_end_offset_;
    /// Exclusive bound of what consumers may read. Set by the broker.
    /// Invariant: log_start_offset_ <= high_watermark_ <= log_end_offset_.
    Offset high_watermark_;
    /// The replication-offset-checkpoint's value for this partition; may exceed the
    /// LEO after a power loss, which is why reload_after_restart() clamps it.
    Offset checkpointed_high_watermark_;
    /// Records below it are durable. Invariant: log_start_offset_ <= flushed_offset_ <= log_end_offset_.
    Offset flushed_offset_;
    /// Sum of batches_[i].size_bytes.
    std::size_t size_bytes_ = 0;
    LeaderEpochCache epoch_cache_;
    ProducerStateManager producer_state_;
};

}  // namespace kafkalab::kafka
