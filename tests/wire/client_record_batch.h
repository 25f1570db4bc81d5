#pragma once
// A record batch (magic v2) laid out field by field the way a producer writes it from
// Kafka's DefaultRecordBatch and DefaultRecord layouts, independently of the codec's
// encoder, so that the decoder is checked against what clients send. Only the CRC-32C
// comes from the codec (crc32c.h, itself checked against the standard check value).
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "broker_model/wire/crc32c.h"
#include "broker_model/wire/wire_writer.h"

namespace kafkalab::kafka::wire::testing {

struct ClientRecord {
    std::optional<std::string> key;
    std::optional<std::string> value;
    std::int64_t timestamp_delta = 0;
    std::vector<std::pair<std::string, std::optional<std::string>>> headers;
};

struct ClientBatch {
    std::int64_t base_offset = 0;  // a producer sends 0; the leader assigns offsets
    std::int32_t partition_leader_epoch = -1;
    std::int8_t magic = 2;
    /// Bits 0-2: compression (0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd).
    std::int16_t attributes = 0;
    std::int64_t base_timestamp = 1'700'000'000'000;
    std::int64_t producer_id = -1;
    std::int16_t producer_epoch = -1;
    std::int32_t base_sequence = -1;
    std::vector<ClientRecord> records;
    /// The record count field, when it should lie about the records that follow.
    std::optional<std::int32_t> record_count;
};

/// gzip (RFC 1952) of `bytes`, as the Java client's GZIPOutputStream produces it.
inline std::string gzip(const std::string& bytes) {
    z_stream stream{};
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("deflateInit2 failed");
    }
    std::string compressed(deflateBound(&stream, static_cast<uLong>(bytes.size())) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(compressed.data());
    stream.avail_out = static_cast<uInt>(compressed.size());
    const int status = deflate(&stream, Z_FINISH);
    deflateEnd(&stream);
    if (status != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
    compressed.resize(stream.total_out);
    return compressed;
}

/// One record: length varint, then attributes, timestamp delta, offset delta, key,
/// value and headers.
inline void write_client_record(WireWriter& out, const ClientRecord& record, std::int32_t offset_delta) {
    WireWriter body;
    body.int8(0);  // attributes: unused
    body.varlong(record.timestamp_delta);
    body.varint(offset_delta);
    body.varint(record.key ? static_cast<std::int32_t>(record.key->size()) : -1);
    if (record.key) body.raw(*record.key);
    body.varint(record.value ? static_cast<std::int32_t>(record.value->size()) : -1);
    if (record.value) body.raw(*record.value);
    body.varint(static_cast<std::int32_t>(record.headers.size()));
    for (const auto& [name, value] : record.headers) {
        body.varint(static_cast<std::int32_t>(name.size()));
        body.raw(name);
        body.varint(value ? static_cast<std::int32_t>(value->size()) : -1);
        if (value) body.raw(*value);
    }
    out.varint(static_cast<std::int32_t>(body.size()));
    out.raw(body.buffer());
}

/// The whole batch, length and CRC filled in (CRC-32C of everything after the CRC).
inline std::string client_record_batch(const ClientBatch& batch) {
    WireWriter records;
    std::int64_t max_timestamp = batch.base_timestamp;
    for (std::size_t i = 0; i < batch.records.size(); ++i) {
        write_client_record(records, batch.records[i], static_cast<std::int32_t>(i));
        max_timestamp = std::max(max_timestamp, batch.base_timestamp + batch.records[i].timestamp_delta);
    }
    const std::string record_bytes = (batch.attributes & 0x07) == 1 ? gzip(records.buffer()) : records.buffer();

    WireWriter after_crc;
    after_crc.int16(batch.attributes);
    after_crc.int32(static_cast<std::int32_t>(batch.records.size()) - 1);  // last_offset_delta
    after_crc.int64(batch.base_timestamp);
    after_crc.int64(max_timestamp);
    after_crc.int64(batch.producer_id);
    after_crc.int16(batch.producer_epoch);
    after_crc.int32(batch.base_sequence);
    after_crc.int32(batch.record_count.value_or(static_cast<std::int32_t>(batch.records.size())));
    after_crc.raw(record_bytes);

    WireWriter out;
    out.int64(batch.base_offset);
    out.int32(static_cast<std::int32_t>(4 + 1 + 4 + after_crc.size()));  // batch_length: after this field
    out.int32(batch.partition_leader_epoch);
    out.int8(batch.magic);
    out.uint32(crc32c(after_crc.buffer()));
    out.raw(after_crc.buffer());
    return out.take();
}

}  // namespace kafkalab::kafka::wire::testing
