#include "broker_model/client/delivery_list.h"

#include <algorithm>
#include <cassert>

namespace kafkalab::kafka {

ConsumerRecord DeliveredRecord::to_record() const {
    ConsumerRecord out;
    out.partition = partition;
    out.offset = offset;
    out.leader_epoch = leader_epoch;
    if (key) out.key.emplace(*key);
    out.value = value;
    out.timestamp_ms = timestamp_ms;
    out.record_id = record_id;
    return out;
}

void DeliveryList::add(const Reading& reading, const TopicPartition& partition, LeaderEpoch leader_epoch,
                       std::shared_ptr<const RecordData> data, std::uint32_t first_index, std::uint32_t count,
                       Offset base_offset) {
    assert(data && count > 0 && first_index + count <= data->record_count());
    runs_.push_back({std::move(data), size_, base_offset, reading.time, first_index, count,
                     static_cast<std::uint32_t>(reading.poll), name_index(reading.consumer), name_index(reading.group),
                     partition_index(partition), leader_epoch});
    size_ += count;
}

Delivery DeliveryList::operator[](std::size_t index) const {
    assert(index < size_);
    // The last run that starts at or before `index`.
    auto it = std::upper_bound(runs_.begin(), runs_.end(), index,
                               [](std::size_t i, const Run& run) { return i < run.first_delivery; });
    const auto run = static_cast<std::size_t>(it - runs_.begin()) - 1;
    return at(run, static_cast<std::uint32_t>(index - runs_[run].first_delivery));
}

Delivery DeliveryList::at(std::size_t run_index, std::uint32_t offset_in_run) const {
    const Run& run = runs_[run_index];
    const std::size_t index = run.first_index + offset_in_run;
    Delivery out;
    out.consumer = names_[run.consumer];
    out.group = names_[run.group];
    out.time = run.time;
    out.poll = run.poll;
    DeliveredRecord& record = out.record;
    record.partition = partitions_[run.partition];
    record.offset = run.base_offset + std::int64_t{offset_in_run};
    record.leader_epoch = run.leader_epoch;
    record.key = run.data->key(index);
    if (keep_values_) record.value = run.data->value(index);
    record.timestamp_ms = run.data->timestamp_ms(index);
    record.record_id = run.data->record_id(index);
    return out;
}

DeliveryList::Iterator& DeliveryList::Iterator::operator++() {
    if (++offset_in_run_ == list_->runs_[run_].count) {
        ++run_;
        offset_in_run_ = 0;
    }
    return *this;
}

std::uint32_t DeliveryList::name_index(std::string_view name) {
    // A handful of consumers and groups: a scan beats a map, newest names first.
    for (std::size_t i = names_.size(); i-- > 0;) {
        if (names_[i] == name) return static_cast<std::uint32_t>(i);
    }
    names_.emplace_back(name);
    return static_cast<std::uint32_t>(names_.size() - 1);
}

std::uint32_t DeliveryList::partition_index(const TopicPartition& partition) {
    auto [it, added] = partition_indexes_.try_emplace(partition, static_cast<std::uint32_t>(partitions_.size()));
    if (added) partitions_.push_back(partition);
    return it->second;
}

}  // namespace kafkalab::kafka
