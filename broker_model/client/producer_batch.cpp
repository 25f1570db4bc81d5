#include "broker_model/client/producer_batch.h"

#include <cassert>

namespace kafkalab::kafka {

ProducerBatch::ProducerBatch(TopicPartition partition, sim::Time created, std::size_t batch_size_bytes)
    // Kafka's BufferPool hands each new batch a buffer of batch.size bytes up front.
    : partition_(std::move(partition)),
      created_(created),
      batch_size_bytes_(batch_size_bytes),
      builder_(0, batch_size_bytes) {}

bool ProducerBatch::try_append(std::optional<std::string_view> key, std::string_view value, std::int64_t timestamp_ms,
                               RecordId record_id, SendCallback callback) {
    if (is_closed()) return false;
    const std::size_t record_bytes =
        RecordData::record_overhead_bytes + (key ? key->size() : 0) + value.size();
    // MemoryRecordsBuilder.hasRoomFor: the first record always fits.
    if (!record_ids_.empty() && builder_.size_bytes() + record_bytes > batch_size_bytes_) return false;
    builder_.add(key, value, timestamp_ms, record_id);
    if (callback) callbacks_.emplace_back(record_ids_.size(), std::move(callback));
    record_ids_.push_back(record_id);
    return true;
}

void ProducerBatch::close() {
    if (!is_closed()) records_ = builder_.build();
}

std::size_t ProducerBatch::size_bytes() const { return is_closed() ? records_->size_bytes() : builder_.size_bytes(); }

bool ProducerBatch::is_full() const { return is_closed() || builder_.size_bytes() >= batch_size_bytes_; }

void ProducerBatch::mark_reenqueued(sim::Time now) {
    last_retry_ = now;
    retried_ = true;
}

std::int32_t ProducerBatch::last_sequence() const {
    if (!has_sequence()) return no_sequence;
    return increment_sequence(producer_.base_sequence, static_cast<std::int64_t>(record_count()) - 1);
}

void ProducerBatch::set_producer_state(ProducerBatchInfo info, bool reset) {
    producer_ = info;
    sequence_reset_ = sequence_reset_ || reset;
}

bool ProducerBatch::complete(Offset base_offset, Error error) {
    if (done_) return false;
    done_ = true;
    for (auto& [i, callback] : callbacks_) {
        RecordMetadata metadata{record_ids_[i], partition_, Offset{-1}};
        if (error == Error::none && base_offset.value >= 0) metadata.offset = base_offset + static_cast<std::int64_t>(i);
        callback(metadata, error);
    }
    callbacks_.clear();
    return true;
}

}  // namespace kafkalab::kafka
