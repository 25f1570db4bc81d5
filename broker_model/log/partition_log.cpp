#include "broker_model/log/partition_log.h"

#include <algorithm>
#include <cassert>

namespace kafkalab::kafka {

std::optional<Offset> ReadResult::next_offset() const {
    if (batches.empty()) return std::nullopt;
    return batches.back().next_offset();
}

std::int64_t ReadResult::record_count() const {
    std::int64_t count = 0;
    for (const StoredBatch& batch : batches) count += batch.record_count;
    return count;
}

PartitionLog::PartitionLog(Offset log_start_offset)
    : log_start_offset_(log_start_offset),
      log_end_offset_(log_start_offset),
      high_watermark_(log_start_offset),
      checkpointed_high_watermark_(log_start_offset),
      flushed_offset_(log_start_offset) {}

std::size_t PartitionLog::batch_index_of(Offset offset) const {
    assert(offset >= log_start_offset_ && offset < log_end_offset_);
    // The first batch starting after `offset`, then one back: the batch holding it.
    auto after = std::upper_bound(batches_.begin(), batches_.end(), offset,
                                  [](Offset o, const StoredBatch& batch) { return o < batch.base_offset; });
    return static_cast<std::size_t>(after - batches_.begin()) - 1;
}

const StoredBatch* PartitionLog::find_batch(Offset offset) const {
    if (offset < log_start_offset_ || offset >= log_end_offset_) return nullptr;
    return &batches_[batch_index_of(offset)];
}

void PartitionLog::push_batch(const StoredBatch& batch) {
    assert(batch.base_offset == log_end_offset_ && batch.record_count > 0);
    batches_.push_back(batch);
    log_end_offset_ = batch.next_offset();
    size_bytes_ += batch.size_bytes;
    producer_state_.update(batch);
}

AppendResult PartitionLog::append_as_leader(std::shared_ptr<const RecordData> records, LeaderEpoch leader_epoch,
                                            ProducerBatchInfo producer) {
    AppendResult result;
    // A produce request without records is malformed.
    if (!records || records->record_count() == 0) {
        result.error = Error::invalid_request;
        return result;
    }
    // A leader of an older epoch than this log has already seen has been replaced.
    const std::optional<LeaderEpoch> latest = epoch_cache_.latest_epoch();
    if (latest && leader_epoch < *latest) {
        result.error = Error::fenced_leader_epoch;
        return result;
    }
    const auto count = static_cast<std::int64_t>(records->record_count());
    if (producer.is_idempotent()) {
        const std::int32_t last_sequence =
            producer.base_sequence < 0 ? no_sequence : increment_sequence(producer.base_sequence, count - 1);
        const ProducerAppendCheck check = producer_state_.check_leader_append(
            producer.producer_id, producer.producer_epoch, producer.base_sequence, last_sequence);
        if (check.error != Error::none) {
            result.error = check.error;
            return result;
        }
        // A retry of a batch already written: answer as the first time, write nothing.
        if (check.duplicate) {
            result.first_offset = check.duplicate->first_offset;
            result.last_offset = check.duplicate->last_offset;
            result.duplicate = true;
            return result;
        }
    }
    epoch_cache_.assign(leader_epoch, log_end_offset_);
    push_batch(StoredBatch::whole(std::move(records), log_end_offset_, leader_epoch, producer));
    result.first_offset = batches_.back().base_offset;
    result.last_offset = batches_.back().last_offset();
    return result;
}

AppendResult PartitionLog::append_as_follower(const StoredBatch& batch) {
    AppendResult result;
    if (!batch.data || batch.record_count == 0) {
        result.error = Error::invalid_request;
        return result;
    }
    // The follower's log must continue exactly where it ends; anything else means the
    // fetcher's position and the log disagree (Kafka's UnexpectedAppendOffsetException).
    if (batch.base_offset != log_end_offset_) {
        result.error = Error::offset_out_of_range;
        return result;
    }
    // Every batch carries the epoch of the leader that wrote it (KIP-101).
    if (batch.leader_epoch.value >= 0) epoch_cache_.assign(batch.leader_epoch, batch.base_offset);
    push_batch(batch);
    result.first_offset = batch.base_offset;
    result.last_offset = batch.last_offset();
    return result;
}

ReadResult PartitionLog::read(Offset from, std::size_t max_bytes, Offset upper_bound) const {
    ReadResult result;
    if (from < log_start_offset_ || from > log_end_offset_) {
        result.error = Error::offset_out_of_range;
        return result;
    }
    const Offset until = std::min(upper_bound, log_end_offset_);
    if (from >= until) return result;

    // Past max_bytes only once something was returned: a batch larger than the limit
    // must still be fetchable, or its reader would be stuck on it forever.
    auto fits = [&](std::size_t bytes) { return result.batches.empty() || result.size_bytes + bytes <= max_bytes; };
    for (std::size_t i = batch_index_of(from); i < batches_.size(); ++i) {
        const StoredBatch& batch = batches_[i];
        if (batch.base_offset >= until) break;
        if (batch.base_offset >= from && batch.next_offset() <= until) {
            if (!fits(batch.size_bytes)) break;
            result.batches.push_back(batch);
        } else {
            StoredBatch piece = batch.slice(from, until);
            if (!fits(piece.size_bytes)) break;
            result.batches.push_back(std::move(piece));
        }
        result.size_bytes += result.batches.back().size_bytes;
    }
    return result;
}

bool PartitionLog::truncate_to(Offset end_offset) {
    assert(end_offset.value >= 0);
    if (end_offset >= log_end_offset_) {
        // No record goes, but an epoch this replica started as leader without appending
        // to it does (UnifiedLog.truncateTo always trims the cache at the LEO): kept, it
        // would be the follower's LastFetchedEpoch, and the leader would answer every
        // fetch with the same DivergingEpoch for ever.
        epoch_cache_.truncate_from_end(log_end_offset_);
        return false;
    }
    if (end_offset < log_start_offset_) {
        truncate_fully_and_start_at(end_offset);
        return true;
    }
    // Whole batches at or above the new end go; a batch straddling it keeps its prefix,
    // still pointing into the same shared records.
    while (!batches_.empty() && batches_.back().base_offset >= end_offset) {
        size_bytes_ -= batches_.back().size_bytes;
        batches_.pop_back();
    }
    if (!batches_.empty() && batches_.back().next_offset() > end_offset) {
        StoredBatch& last = batches_.back();
        size_bytes_ -= last.size_bytes;
        last = last.slice(last.base_offset, end_offset);
        size_bytes_ += last.size_bytes;
    }
    log_end_offset_ = end_offset;
    epoch_cache_.truncate_from_end(end_offset);
    rebuild_producer_state();
    clamp_offsets_after_truncation();
    return true;
}

void PartitionLog::truncate_fully_and_start_at(Offset new_offset) {
    batches_.clear();
    size_bytes_ = 0;
    log_start_offset_ = new_offset;
    log_end_offset_ = new_offset;
    high_watermark_ = new_offset;
    flushed_offset_ = new_offset;
    epoch_cache_.clear();
    producer_state_.clear();
}

void PartitionLog::rebuild_producer_state() {
    // Kafka reloads the latest producer snapshot and replays the log after it; with no
    // snapshots, replaying every batch gives the same state.
    producer_state_.clear();
    for (const StoredBatch& batch : batches_) producer_state_.update(batch);
}

void PartitionLog::clamp_offsets_after_truncation() {
    high_watermark_ = std::clamp(high_watermark_, log_start_offset_, log_end_offset_);
    flushed_offset_ = std::clamp(flushed_offset_, log_start_offset_, log_end_offset_);
}

bool PartitionLog::update_high_watermark(Offset offset) {
    const Offset clamped = std::clamp(offset, log_start_offset_, log_end_offset_);
    if (clamped == high_watermark_) return false;
    high_watermark_ = clamped;
    return true;
}

bool PartitionLog::maybe_increment_high_watermark(Offset offset) {
    const Offset clamped = std::min(offset, log_end_offset_);
    if (clamped <= high_watermark_) return false;
    high_watermark_ = clamped;
    return true;
}

void PartitionLog::reload_after_restart() {
    high_watermark_ = std::clamp(checkpointed_high_watermark_, log_start_offset_, log_end_offset_);
}

void PartitionLog::maybe_assign_epoch_start_offset(LeaderEpoch epoch, Offset start_offset) {
    epoch_cache_.assign(epoch, start_offset);
}

void PartitionLog::lose_unflushed() {
    // Kafka's recovery after an unclean shutdown finds the log ending at what reached
    // the disk, and truncates the epoch cache and producer state to match.
    truncate_to(flushed_offset_);
}

std::size_t PartitionLog::approximate_memory_bytes() const {
    std::size_t bytes = sizeof(PartitionLog) + batches_.capacity() * sizeof(StoredBatch);
    // A RecordData split into neighbouring windows (a truncated batch fetched again)
    // is one allocation, counted once.
    const RecordData* previous = nullptr;
    for (const StoredBatch& batch : batches_) {
        if (batch.data.get() != previous) bytes += batch.data->index_memory_bytes();
        previous = batch.data.get();
    }
    return bytes + epoch_cache_.approximate_memory_bytes() + producer_state_.approximate_memory_bytes();
}

}  // namespace kafkalab::kafka
