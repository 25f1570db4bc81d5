#pragma once
// One batch as a log holds it: a window of records in a shared RecordData plus the
// batch header fields Kafka keeps (base offset, partition leader epoch, producer id,
// producer epoch, base sequence, max timestamp). A small value type, copied freely:
// copies share the record bytes.
//
// The window [first_index, first_index + record_count) lets a log cut a batch without
// copying: truncation keeps a prefix, and a read trims the first and last batches to
// the requested range. (Kafka only ever keeps or drops whole batches; the window is the
// simulator's simplification, and it is invisible to clients reading offsets.)
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "broker_model/common/types.h"
#include "broker_model/log/producer_sequence.h"
#include "broker_model/log/record_data.h"

namespace kafkalab::kafka {

/// Kafka's RecordBatch.NO_PRODUCER_EPOCH.
constexpr ProducerEpoch no_producer_epoch{-1};

/// The producer fields of a batch header. The default is a batch from a producer
/// without idempotence (enable.idempotence=false).
struct ProducerBatchInfo {
    ProducerId producer_id = no_producer_id;
    ProducerEpoch producer_epoch = no_producer_epoch;
    std::int32_t base_sequence = no_sequence;

    bool is_idempotent() const { return producer_id.value >= 0; }
};

struct StoredBatch {
    /// The records; never null in a batch that a log holds.
    std::shared_ptr<const RecordData> data;
    /// Offset of the window's first record.
    Offset base_offset{0};
    /// The window inside `data`: records [first_index, first_index + record_count).
    std::uint32_t first_index = 0;
    std::uint32_t record_count = 0;
    /// The leader epoch of the leader that first appended the batch (partitionLeaderEpoch).
    LeaderEpoch leader_epoch = no_epoch;
    /// Producer id, epoch and the sequence of the window's first record.
    ProducerBatchInfo producer;
    /// Max timestamp of the records in the window.
    std::int64_t max_timestamp_ms = 0;
    /// Bytes of the window on the wire (RecordData::window_size_bytes).
    std::size_t size_bytes = 0;

    /// A batch covering all of `data`, starting at `base_offset`. Precondition: data
    /// holds at least one record.
    static StoredBatch whole(std::shared_ptr<const RecordData> data, Offset base_offset,
                             LeaderEpoch leader_epoch, ProducerBatchInfo producer = {});

    Offset last_offset() const { return base_offset + (std::int64_t{record_count} - 1); }
    /// The offset right after the batch: where the next batch starts.
    Offset next_offset() const { return base_offset + std::int64_t{record_count}; }
    bool contains(Offset offset) const { return offset >= base_offset && offset < next_offset(); }

    /// Sequence of the window's last record, or no_sequence without idempotence.
    std::int32_t last_sequence() const;

    /// The part of this batch inside [from, until), sharing the same data. The result
    /// has updated base offset, base sequence, size and max timestamp. Precondition:
    /// the intersection is not empty.
    StoredBatch slice(Offset from, Offset until) const;

    /// Records by offset. Precondition: contains(offset).
    std::optional<std::string_view> key_at(Offset offset) const { return data->key(index_of(offset)); }
    std::string_view value_at(Offset offset) const { return data->value(index_of(offset)); }
    std::size_t value_size_at(Offset offset) const { return data->value_size(index_of(offset)); }
    std::int64_t timestamp_ms_at(Offset offset) const { return data->timestamp_ms(index_of(offset)); }
    RecordId record_id_at(Offset offset) const { return data->record_id(index_of(offset)); }

    /// Index into `data` of the record at `offset`. Precondition: contains(offset).
    std::size_t index_of(Offset offset) const {
        return first_index + static_cast<std::size_t>(offset - base_offset);
    }
};

}  // namespace kafkalab::kafka
