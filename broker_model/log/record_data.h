#pragma once
// The records of one produce batch, immutable once built and shared (never copied)
// between the producer's request, the leader's log, fetch responses and every
// follower's log. A log keeps a window into it (see StoredBatch), so truncation in the
// middle of a batch keeps a prefix without copying a byte.
//
// Layout: one contiguous buffer holds every record's key bytes then value bytes, in
// record order; a fixed 24-byte index entry per record says where they end, so the
// memory a log spends per record besides the payload stays near 24 bytes.
//
// Simplifications (for a learner the difference does not show):
// - No headers, no compression, no CRC, no transactional or control batches.
// - The wire size uses Kafka's v2 batch header (61 bytes) and a fixed 10 bytes of
//   per-record framing instead of exact varints, so that the size of any window of
//   records is O(1) and sizes add up when a batch is split.
// - A "synthetic" value has a size but no bytes (for benchmarks that move gigabytes):
//   value() is empty, value_size() is the size, and size_bytes() counts it.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace kafkalab::kafka {

/// The simulator's identity of one produced record (not part of Kafka's format); the
/// checker follows it from the producer's send to every consumer that reads it.
using RecordId = std::uint64_t;

class RecordData {
public:
    /// Kafka's RecordBatch v2 header: DefaultRecordBatch.RECORD_BATCH_OVERHEAD.
    static constexpr std::size_t batch_overhead_bytes = 61;
    /// Framing of one record on the wire (length, attributes, timestamp and offset
    /// deltas, key and value lengths, header count): a fixed estimate of the varints.
    static constexpr std::size_t record_overhead_bytes = 10;

    std::size_t record_count() const { return index_.size(); }

    /// The key, or nothing for a null key (Kafka distinguishes null from empty).
    std::optional<std::string_view> key(std::size_t index) const;
    /// The value's bytes; empty for a synthetic value (see value_size()).
    std::string_view value(std::size_t index) const;
    /// The value's size in bytes, materialised or synthetic.
    std::size_t value_size(std::size_t index) const;
    /// Whether the value has a size but no stored bytes.
    bool is_synthetic(std::size_t index) const;
    /// CreateTime in milliseconds, as the producer stamped it.
    std::int64_t timestamp_ms(std::size_t index) const;
    RecordId record_id(std::size_t index) const;

    /// Bytes of the whole batch on the wire, synthetic values included.
    std::size_t size_bytes() const { return window_size_bytes(0, record_count()); }
    /// Bytes on the wire of records [first_index, first_index + count) sent as one
    /// batch. O(1). Precondition: the window lies inside the batch and count > 0.
    std::size_t window_size_bytes(std::size_t first_index, std::size_t count) const;
    /// The batch's max timestamp (Kafka's RecordBatch.maxTimestamp). O(1).
    std::int64_t max_timestamp_ms() const { return max_timestamp_ms_; }
    /// Max timestamp of a window. O(count); only used when a batch is split.
    std::int64_t window_max_timestamp_ms(std::size_t first_index, std::size_t count) const;

    /// Key and value bytes actually stored (synthetic values excluded).
    std::size_t payload_bytes() const { return payload_.size(); }
    /// Memory held besides the payload bytes: the object and its record index.
    std::size_t index_memory_bytes() const;

private:
    friend class RecordDataBuilder;

    /// One record's place in the batch. Ends are cumulative from the batch's start, so
    /// a record's sizes are differences with its predecessor's ends.
    struct IndexEntry {
        RecordId record_id;
        std::int32_t timestamp_delta_ms;  // from base_timestamp_ms_, as Kafka's timestampDelta
        std::uint32_t payload_end;        // end of this record's stored bytes in payload_
        std::uint32_t logical_end;        // end of key + value bytes, synthetic ones counted
        std::int32_t key_size;            // -1 for a null key
    };
    static_assert(sizeof(IndexEntry) == 24, "the per-record index must stay at 24 bytes");

    RecordData() = default;

    std::uint32_t payload_begin(std::size_t index) const;
    std::uint32_t logical_begin(std::size_t index) const;

    std::vector<char> payload_;        // keys and values of all records, in record order
    std::vector<IndexEntry> index_;    // one entry per record, never empty once built
    std::int64_t base_timestamp_ms_ = 0;  // the first record's timestamp
    std::int64_t max_timestamp_ms_ = 0;
};

/// Collects records, then hands out the immutable, shared RecordData.
///
///     auto data = RecordDataBuilder().add("user-1", "{...}", now_ms, id).build();
class RecordDataBuilder {
public:
    /// Reserving avoids reallocation while adding; it is only a hint. With only a
    /// payload hint, the record count is estimated from the first record's size.
    explicit RecordDataBuilder(std::size_t expected_records = 0, std::size_t expected_payload_bytes = 0);

    RecordDataBuilder& add(std::optional<std::string_view> key, std::string_view value,
                           std::int64_t timestamp_ms, RecordId record_id);
    /// A record whose value counts `value_size_bytes` bytes that are never stored.
    RecordDataBuilder& add_synthetic(std::optional<std::string_view> key, std::size_t value_size_bytes,
                                     std::int64_t timestamp_ms, RecordId record_id);

    std::size_t record_count() const;
    /// Bytes the batch would have on the wire now (the producer's batch.size check).
    std::size_t size_bytes() const;

    /// The finished batch. Precondition: at least one record was added. The builder is
    /// left empty and may be reused.
    std::shared_ptr<const RecordData> build();

private:
    void add_record(std::optional<std::string_view> key, std::string_view stored_value,
                    std::size_t value_size_bytes, std::int64_t timestamp_ms, RecordId record_id);

    std::unique_ptr<RecordData> data_;  // the batch being built; fresh after build()
    std::size_t expected_records_;
    std::size_t expected_payload_bytes_;
};

}  // namespace kafkalab::kafka
