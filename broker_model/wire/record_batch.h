#pragma once
// Kafka's record batch, magic v2 (DefaultRecordBatch and DefaultRecord), as Produce
// requests carry it in and Fetch responses carry it out:
//
//   base_offset int64, batch_length int32, partition_leader_epoch int32, magic int8,
//   crc uint32 (CRC-32C of everything after it), attributes int16, last_offset_delta
//   int32, base_timestamp int64, max_timestamp int64, producer_id int64,
//   producer_epoch int16, base_sequence int32, record count int32, records
//
// and each record: length varint, attributes int8, timestamp_delta varlong,
// offset_delta varint, key (varint length, -1 null), value (likewise), headers.
//
// Compression: none or gzip (attributes bits 0-2 = 0 or 1). Record headers are read
// and dropped: the simulation's records have none. A null value (a tombstone) is
// read as an empty one, which is what the simulation's records can hold.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "broker_model/log/stored_batch.h"
#include "broker_model/wire/wire_writer.h"

namespace kafkalab::kafka::wire {

struct DecodedRecord {
    std::optional<std::string_view> key;
    std::string_view value;
    std::int64_t timestamp_ms = 0;
};

struct DecodedBatch {
    std::int64_t base_offset = 0;
    std::int32_t partition_leader_epoch = -1;
    std::int16_t attributes = 0;
    ProducerBatchInfo producer;
    std::vector<DecodedRecord> records;  // views into the frame, or into `inflated`
    /// The records' bytes of a compressed batch, once inflated. Held by pointer so the
    /// views above stay valid when the batch moves.
    std::unique_ptr<std::string> inflated;
};

/// Every batch in a RECORDS field. Throws MalformedFrame for a wrong magic, a CRC
/// that does not match, an unsupported compression type, or bytes that do not parse.
std::vector<DecodedBatch> decode_record_batches(std::string_view bytes);

/// Appends `batch` as one uncompressed v2 batch. A synthetic value (a benchmark's,
/// size without bytes) goes out as that many zero bytes.
void encode_record_batch(WireWriter& out, const StoredBatch& batch);

}  // namespace kafkalab::kafka::wire
