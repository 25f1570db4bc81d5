#pragma once
// What the record batch tests share: the timestamp their records start at, Kafka's
// offsets of the batch header fields, and batches the codec encodes from three records.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "broker_model/log/record_data.h"
#include "broker_model/log/stored_batch.h"
#include "broker_model/wire/record_batch.h"
#include "broker_model/wire/wire_writer.h"

namespace kafkalab::kafka::wire::testing {

/// The first record's timestamp in the batches these tests write.
constexpr std::int64_t t0 = 1'700'000'000'000;

/// Kafka's offsets of the batch header fields (DefaultRecordBatch).
constexpr std::size_t length_offset = 8;
constexpr std::size_t leader_epoch_offset = 12;
constexpr std::size_t magic_offset = 16;
constexpr std::size_t crc_offset = 17;
constexpr std::size_t attributes_offset = 21;
constexpr std::size_t records_offset = 61;

/// Three records: a keyed one, one with a null key, and an empty key and value whose
/// timestamp is before the first record's (timestamp deltas may be negative).
inline std::shared_ptr<const RecordData> three_records() {
    return RecordDataBuilder()
        .add("user-1", "hello", t0, 101)
        .add(std::nullopt, "world", t0 + 5, 102)
        .add("", "", t0 - 2, 103)
        .build();
}

inline std::string encoded(const StoredBatch& batch) {
    WireWriter out;
    encode_record_batch(out, batch);
    return out.take();
}

}  // namespace kafkalab::kafka::wire::testing
