#include "broker_model/log/record_data.h"

#include <algorithm>
#include <cassert>
#include <limits>

namespace kafkalab::kafka {

std::uint32_t RecordData::payload_begin(std::size_t index) const {
    return index == 0 ? 0 : index_[index - 1].payload_end;
}

std::uint32_t RecordData::logical_begin(std::size_t index) const {
    return index == 0 ? 0 : index_[index - 1].logical_end;
}

std::optional<std::string_view> RecordData::key(std::size_t index) const {
    const IndexEntry& entry = index_[index];
    if (entry.key_size < 0) return std::nullopt;
    return std::string_view(payload_.data() + payload_begin(index), static_cast<std::size_t>(entry.key_size));
}

std::string_view RecordData::value(std::size_t index) const {
    const IndexEntry& entry = index_[index];
    // Whatever follows the key among the stored bytes is the value; a synthetic value
    // stored nothing, so the view is empty.
    const std::uint32_t key_bytes = static_cast<std::uint32_t>(std::max(entry.key_size, 0));
    const std::uint32_t begin = payload_begin(index) + key_bytes;
    return std::string_view(payload_.data() + begin, entry.payload_end - begin);
}

std::size_t RecordData::value_size(std::size_t index) const {
    const IndexEntry& entry = index_[index];
    const std::uint32_t key_bytes = static_cast<std::uint32_t>(std::max(entry.key_size, 0));
    return entry.logical_end - logical_begin(index) - key_bytes;
}

bool RecordData::is_synthetic(std::size_t index) const {
    return value(index).size() != value_size(index);
}

std::int64_t RecordData::timestamp_ms(std::size_t index) const {
    return base_timestamp_ms_ + index_[index].timestamp_delta_ms;
}

RecordId RecordData::record_id(std::size_t index) const { return index_[index].record_id; }

std::size_t RecordData::window_size_bytes(std::size_t first_index, std::size_t count) const {
    assert(count > 0 && first_index + count <= index_.size());
    const std::size_t key_and_value_bytes = index_[first_index + count - 1].logical_end - logical_begin(first_index);
    return batch_overhead_bytes + count * record_overhead_bytes + key_and_value_bytes;
}

std::int64_t RecordData::window_max_timestamp_ms(std::size_t first_index, std::size_t count) const {
    assert(count > 0 && first_index + count <= index_.size());
    if (first_index == 0 && count == index_.size()) return max_timestamp_ms_;
    std::int32_t max_delta_ms = std::numeric_limits<std::int32_t>::min();
    for (std::size_t i = first_index; i < first_index + count; ++i) {
        max_delta_ms = std::max(max_delta_ms, index_[i].timestamp_delta_ms);
    }
    return base_timestamp_ms_ + max_delta_ms;
}

std::size_t RecordData::index_memory_bytes() const {
    return sizeof(RecordData) + index_.capacity() * sizeof(IndexEntry);
}

RecordDataBuilder::RecordDataBuilder(std::size_t expected_records, std::size_t expected_payload_bytes)
    : expected_records_(expected_records), expected_payload_bytes_(expected_payload_bytes) {}

RecordDataBuilder& RecordDataBuilder::add(std::optional<std::string_view> key, std::string_view value,
                                          std::int64_t timestamp_ms, RecordId record_id) {
    add_record(key, value, value.size(), timestamp_ms, record_id);
    return *this;
}

RecordDataBuilder& RecordDataBuilder::add_synthetic(std::optional<std::string_view> key,
                                                    std::size_t value_size_bytes, std::int64_t timestamp_ms,
                                                    RecordId record_id) {
    add_record(key, std::string_view(), value_size_bytes, timestamp_ms, record_id);
    return *this;
}

void RecordDataBuilder::add_record(std::optional<std::string_view> key, std::string_view stored_value,
                                   std::size_t value_size_bytes, std::int64_t timestamp_ms,
                                   RecordId record_id) {
    if (!data_) {
        // Created lazily so that a builder reused after build() starts fresh.
        data_.reset(new RecordData());
        // Without a record count, guess it from the payload hint and this record, as
        // a producer's batch of batch.size bytes holds records of similar sizes.
        const std::size_t record_bytes = RecordData::record_overhead_bytes + (key ? key->size() : 0) + stored_value.size();
        const std::size_t expected_records =
            expected_records_ > 0 ? expected_records_ : expected_payload_bytes_ / record_bytes + 1;
        data_->index_.reserve(expected_records);
        data_->payload_.reserve(expected_payload_bytes_);
        data_->base_timestamp_ms_ = timestamp_ms;
        data_->max_timestamp_ms_ = timestamp_ms;
    }
    RecordData& data = *data_;
    const std::size_t key_bytes = key ? key->size() : 0;
    if (key) data.payload_.insert(data.payload_.end(), key->begin(), key->end());
    data.payload_.insert(data.payload_.end(), stored_value.begin(), stored_value.end());

    // The index keeps 32-bit ends and deltas to stay at 24 bytes a record; a batch
    // beyond 4 GiB, or spanning more than 24 days of timestamps, is a caller's bug.
    const std::size_t previous_logical_end = data.index_.empty() ? 0 : data.index_.back().logical_end;
    const std::size_t logical_end = previous_logical_end + key_bytes + value_size_bytes;
    const std::int64_t delta_ms = timestamp_ms - data.base_timestamp_ms_;
    assert(logical_end <= std::numeric_limits<std::uint32_t>::max());
    assert(delta_ms >= std::numeric_limits<std::int32_t>::min() && delta_ms <= std::numeric_limits<std::int32_t>::max());

    data.index_.push_back(RecordData::IndexEntry{
        .record_id = record_id,
        .timestamp_delta_ms = static_cast<std::int32_t>(delta_ms),
        .payload_end = static_cast<std::uint32_t>(data.payload_.size()),
        .logical_end = static_cast<std::uint32_t>(logical_end),
        .key_size = key ? static_cast<std::int32_t>(key_bytes) : -1,
    });
    data.max_timestamp_ms_ = std::max(data.max_timestamp_ms_, timestamp_ms);
}

std::size_t RecordDataBuilder::record_count() const { return data_ ? data_->record_count() : 0; }

std::size_t RecordDataBuilder::size_bytes() const {
    return data_ ? data_->size_bytes() : RecordData::batch_overhead_bytes;
}

std::shared_ptr<const RecordData> RecordDataBuilder::build() {
    assert(data_ && data_->record_count() > 0);
    // Spare capacity would be held for the life of the batch in every replica's log,
    // but shrinking copies: only a batch that used less than half its room shrinks.
    const auto shrink_if_mostly_spare = [](auto& buffer) {
        if (buffer.size() < buffer.capacity() / 2) buffer.shrink_to_fit();
    };
    shrink_if_mostly_spare(data_->index_);
    shrink_if_mostly_spare(data_->payload_);
    return std::shared_ptr<const RecordData>(data_.release());
}

}  // namespace kafkalab::kafka
