#include "broker_model/log/stored_batch.h"

#include <algorithm>
#include <cassert>

namespace kafkalab::kafka {

StoredBatch StoredBatch::whole(std::shared_ptr<const RecordData> data, Offset base_offset,
                               LeaderEpoch leader_epoch, ProducerBatchInfo producer) {
    assert(data && data->record_count() > 0);
    StoredBatch batch;
    batch.base_offset = base_offset;
    batch.first_index = 0;
    batch.record_count = static_cast<std::uint32_t>(data->record_count());
    batch.leader_epoch = leader_epoch;
    batch.producer = producer;
    batch.max_timestamp_ms = data->max_timestamp_ms();
    batch.size_bytes = data->size_bytes();
    batch.data = std::move(data);
    return batch;
}

std::int32_t StoredBatch::last_sequence() const {
    if (producer.base_sequence < 0) return no_sequence;
    return increment_sequence(producer.base_sequence, std::int64_t{record_count} - 1);
}

StoredBatch StoredBatch::slice(Offset from, Offset until) const {
    const Offset begin = std::max(from, base_offset);
    const Offset end = std::min(until, next_offset());
    assert(begin < end);
    if (begin == base_offset && end == next_offset()) return *this;

    // The window moves forward by as many records as it drops at the front, and the
    // sequence with it, so a follower rebuilding producer state from the slice sees
    // the same sequence numbers the leader assigned to those records.
    const auto dropped_front = static_cast<std::uint32_t>(begin - base_offset);
    StoredBatch piece = *this;
    piece.base_offset = begin;
    piece.first_index = first_index + dropped_front;
    piece.record_count = static_cast<std::uint32_t>(end - begin);
    if (producer.base_sequence >= 0) {
        piece.producer.base_sequence = increment_sequence(producer.base_sequence, dropped_front);
    }
    piece.max_timestamp_ms = data->window_max_timestamp_ms(piece.first_index, piece.record_count);
    piece.size_bytes = data->window_size_bytes(piece.first_index, piece.record_count);
    return piece;
}

}  // namespace kafkalab::kafka
