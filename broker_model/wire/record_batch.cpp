#include "broker_model/wire/record_batch.h"

#include <fmt/format.h>
#include <zlib.h>

#include "broker_model/wire/crc32c.h"
#include "broker_model/wire/wire_reader.h"

namespace kafkalab::kafka::wire {

namespace {

constexpr std::int8_t magic_v2 = 2;
constexpr std::int16_t compression_mask = 0x07;
constexpr std::int16_t gzip_compression = 1;
/// Bytes from the start of a batch to the CRC's end: base offset, length, epoch, magic, crc.
constexpr std::size_t crc_end = 8 + 4 + 4 + 1 + 4;
/// A gzip stream inflating past this is refused rather than allowed to eat memory.
constexpr std::size_t max_inflated_bytes = 64u << 20;

const char* compression_name(int type) {
    switch (type) {
        case 2: return "snappy";
        case 3: return "lz4";
        case 4: return "zstd";
        default: return "unknown";
    }
}

std::string gunzip(std::string_view compressed) {
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) throw MalformedFrame("gzip: cannot start inflating");
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    stream.avail_in = static_cast<uInt>(compressed.size());
    std::string inflated;
    char chunk[16384];
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk);
        stream.avail_out = sizeof chunk;
        status = inflate(&stream, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END) {
            inflateEnd(&stream);
            throw MalformedFrame(fmt::format("gzip: corrupt compressed records (zlib status {})", status));
        }
        inflated.append(chunk, sizeof chunk - stream.avail_out);
        if (inflated.size() > max_inflated_bytes || (status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0)) {
            inflateEnd(&stream);
            throw MalformedFrame(status == Z_OK && stream.avail_in == 0 ? "gzip: compressed records end early"
                                                                         : "gzip: records inflate past 64 MiB");
        }
    }
    inflateEnd(&stream);
    return inflated;
}

DecodedRecord decode_record(WireReader& in, std::int64_t base_timestamp) {
    const std::int32_t length = in.varint();
    if (length < 0) throw MalformedFrame(fmt::format("record length {}", length));
    WireReader record(in.raw(static_cast<std::size_t>(length)));
    DecodedRecord decoded;
    record.int8();  // attributes: unused in v2
    // Unsigned: a hostile delta wraps instead of overflowing (the producer codec then
    // refuses the batch's timestamps).
    decoded.timestamp_ms = static_cast<std::int64_t>(static_cast<std::uint64_t>(base_timestamp) +
                                                     static_cast<std::uint64_t>(record.varlong()));
    record.varint();  // offset delta: the leader assigns offsets
    const std::int32_t key_length = record.varint();
    if (key_length < -1) throw MalformedFrame(fmt::format("record key length {}", key_length));
    if (key_length >= 0) decoded.key = record.raw(static_cast<std::size_t>(key_length));
    const std::int32_t value_length = record.varint();
    if (value_length < -1) throw MalformedFrame(fmt::format("record value length {}", value_length));
    if (value_length >= 0) decoded.value = record.raw(static_cast<std::size_t>(value_length));
    const std::int32_t headers = record.varint();
    if (headers < 0) throw MalformedFrame(fmt::format("record header count {}", headers));
    for (std::int32_t i = 0; i < headers; ++i) {
        const std::int32_t name_length = record.varint();
        if (name_length < 0) throw MalformedFrame("record header with a null name");
        record.raw(static_cast<std::size_t>(name_length));
        const std::int32_t header_value_length = record.varint();
        if (header_value_length >= 0) record.raw(static_cast<std::size_t>(header_value_length));
    }
    record.expect_end("record");
    return decoded;
}

DecodedBatch decode_batch(std::string_view batch_bytes) {
    WireReader in(batch_bytes);
    DecodedBatch batch;
    batch.base_offset = in.int64();
    in.int32();  // batch length: the caller cut the batch by it
    batch.partition_leader_epoch = in.int32();
    const std::int8_t magic = in.int8();
    if (magic != magic_v2) throw MalformedFrame(fmt::format("record batch magic {}, only v2 is spoken", magic));
    const std::uint32_t crc = in.uint32();
    const std::uint32_t computed = crc32c(batch_bytes.substr(crc_end));
    if (crc != computed) {
        throw MalformedFrame(fmt::format("record batch CRC {:08x} does not match its bytes ({:08x})", crc, computed));
    }
    batch.attributes = in.int16();
    in.int32();  // last offset delta
    const std::int64_t base_timestamp = in.int64();
    in.int64();  // max timestamp
    batch.producer.producer_id = ProducerId{in.int64()};
    batch.producer.producer_epoch = ProducerEpoch{in.int16()};
    batch.producer.base_sequence = in.int32();
    const std::int32_t count = in.int32();
    const int compression = batch.attributes & compression_mask;
    std::string_view records = in.raw(in.remaining());
    if (compression == gzip_compression) {
        batch.inflated = std::make_unique<std::string>(gunzip(records));
        records = *batch.inflated;
    } else if (compression != 0) {
        throw MalformedFrame(fmt::format("record batch compressed with {}: only none and gzip are spoken",
                                         compression_name(compression)));
    }
    // A record takes at least 7 bytes: a count beyond that is a lie, and trusting it
    // would reserve gigabytes.
    if (count < 0 || static_cast<std::size_t>(count) > records.size() / 7) {
        throw MalformedFrame(fmt::format("record batch of {} records in {} bytes", count, records.size()));
    }
    WireReader records_in(records);
    batch.records.reserve(static_cast<std::size_t>(count));
    for (std::int32_t i = 0; i < count; ++i) batch.records.push_back(decode_record(records_in, base_timestamp));
    records_in.expect_end("record batch");
    return batch;
}

std::size_t zigzag_varint_size(std::int64_t value) {
    auto zigzag = (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63);
    std::size_t size = 1;
    while (zigzag >= 0x80) {
        zigzag >>= 7;
        ++size;
    }
    return size;
}

}  // namespace

std::vector<DecodedBatch> decode_record_batches(std::string_view bytes) {
    std::vector<DecodedBatch> batches;
    WireReader in(bytes);
    while (in.remaining() > 0) {
        const std::size_t start = in.position();
        in.int64();
        const std::int32_t length = in.int32();
        // The length counts from after itself; a batch shorter than its fixed header is a lie.
        if (length < 49) throw MalformedFrame(fmt::format("record batch length {}", length));
        in.raw(static_cast<std::size_t>(length));
        batches.push_back(decode_batch(bytes.substr(start, in.position() - start)));
    }
    return batches;
}

void encode_record_batch(WireWriter& out, const StoredBatch& batch) {
    const RecordData& data = *batch.data;
    const std::size_t start = out.size();
    const std::int64_t base_timestamp = data.timestamp_ms(batch.first_index);
    out.int64(batch.base_offset.value);
    out.int32(0);  // batch length, filled in below
    out.int32(batch.leader_epoch.value);
    out.int8(magic_v2);
    out.uint32(0);  // CRC, filled in below
    const std::size_t crc_start = out.size();
    out.int16(0);  // no compression, CreateTime, not transactional, not control
    out.int32(static_cast<std::int32_t>(batch.record_count) - 1);
    out.int64(base_timestamp);
    out.int64(batch.max_timestamp_ms);
    out.int64(batch.producer.producer_id.value);
    out.int16(batch.producer.producer_epoch.value);
    out.int32(batch.producer.base_sequence);
    out.int32(static_cast<std::int32_t>(batch.record_count));
    for (std::uint32_t i = 0; i < batch.record_count; ++i) {
        const std::size_t index = batch.first_index + i;
        const std::optional<std::string_view> key = data.key(index);
        const std::string_view value = data.value(index);
        const auto value_size = static_cast<std::int64_t>(data.value_size(index));
        const std::int64_t timestamp_delta = data.timestamp_ms(index) - base_timestamp;
        const std::int64_t key_length = key ? static_cast<std::int64_t>(key->size()) : -1;
        const std::size_t body = 1 + zigzag_varint_size(timestamp_delta) + zigzag_varint_size(i) +
                                 zigzag_varint_size(key_length) + (key ? key->size() : 0) +
                                 zigzag_varint_size(value_size) + static_cast<std::size_t>(value_size) + 1;
        out.varint(static_cast<std::int32_t>(body));
        out.int8(0);
        out.varlong(timestamp_delta);
        out.varint(static_cast<std::int32_t>(i));
        out.varint(static_cast<std::int32_t>(key_length));
        if (key) out.raw(*key);
        out.varint(static_cast<std::int32_t>(value_size));
        if (data.is_synthetic(index)) {
            out.raw(std::string(static_cast<std::size_t>(value_size), '\0'));
        } else {
            out.raw(value);
        }
        out.varint(0);  // no headers
    }
    out.put_int32_at(start + 8, static_cast<std::int32_t>(out.size() - start - 12));
    const std::uint32_t crc = crc32c(std::string_view(out.buffer()).substr(crc_start));
    out.put_int32_at(crc_start - 4, static_cast<std::int32_t>(crc));
}

}  // namespace kafkalab::kafka::wire
