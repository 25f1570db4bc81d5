#include "broker_model/client/consumption_log.h"

namespace kafkalab::kafka {

void ConsumptionLog::extend_ranges(PollRecord& poll, const TopicPartition& partition, Offset offset) {
    // Records of one partition arrive in offset order within a poll, so a range grows at
    // its end; a partition seen again after another one starts a new range.
    if (!poll.ranges.empty() && poll.ranges.back().partition == partition) {
        poll.ranges.back().last = offset;
    } else {
        poll.ranges.push_back({partition, offset, offset});
    }
}

std::size_t ConsumptionLog::add_poll(const std::string& consumer, const std::string& group, sim::Time time,
                                     Generation generation, const PolledRecords& records) {
    const std::size_t index = polls_.size();
    PollRecord poll{consumer, group, time, generation, {}};
    const DeliveryList::Reading reading{consumer, group, time, index};
    for (const auto& part : records.parts) {
        for (const StoredBatch& batch : part.batches) {
            extend_ranges(poll, part.partition, batch.base_offset);
            poll.ranges.back().last = batch.last_offset();
            deliveries_.add(reading, part.partition, batch.leader_epoch, batch.data, batch.first_index,
                            batch.record_count, batch.base_offset);
        }
    }
    polls_.push_back(std::move(poll));
    return index;
}

std::size_t ConsumptionLog::add_poll(const std::string& consumer, const std::string& group, sim::Time time,
                                     Generation generation, const std::vector<ConsumerRecord>& records) {
    const std::size_t index = polls_.size();
    PollRecord poll{consumer, group, time, generation, {}};
    const DeliveryList::Reading reading{consumer, group, time, index};
    // Consecutive records of one partition and epoch become one run with its own data.
    for (std::size_t begin = 0; begin < records.size();) {
        const ConsumerRecord& first = records[begin];
        std::size_t end = begin + 1;
        while (end < records.size() && records[end].partition == first.partition &&
               records[end].leader_epoch == first.leader_epoch &&
               records[end].offset == first.offset + static_cast<std::int64_t>(end - begin)) {
            ++end;
        }
        RecordDataBuilder data(end - begin);
        for (std::size_t i = begin; i < end; ++i) {
            const ConsumerRecord& record = records[i];
            std::optional<std::string_view> key;
            if (record.key) key = *record.key;
            data.add(key, record.value, record.timestamp_ms, record.record_id);
            extend_ranges(poll, record.partition, record.offset);
        }
        deliveries_.add(reading, first.partition, first.leader_epoch, data.build(), 0,
                        static_cast<std::uint32_t>(end - begin), first.offset);
        begin = end;
    }
    polls_.push_back(std::move(poll));
    return index;
}

ConsumerStatus& ConsumptionLog::status_of(const std::string& consumer) {
    auto [it, created] = statuses_.try_emplace(consumer);
    if (created) it->second.consumer = consumer;
    return it->second;
}

const ConsumerStatus* ConsumptionLog::find_status(const std::string& consumer) const {
    auto it = statuses_.find(consumer);
    return it == statuses_.end() ? nullptr : &it->second;
}

std::vector<Delivery> ConsumptionLog::deliveries_of_consumer(const std::string& consumer) const {
    std::vector<Delivery> out;
    for (const Delivery& d : deliveries_) {
        if (d.consumer == consumer) out.push_back(d);
    }
    return out;
}

std::vector<ConsumerRecord> ConsumptionLog::records_of(const std::string& consumer) const {
    std::vector<ConsumerRecord> out;
    for (const Delivery& d : deliveries_) {
        if (d.consumer == consumer) out.push_back(d.record.to_record());
    }
    return out;
}

std::vector<Delivery> ConsumptionLog::deliveries_of_group(const std::string& group) const {
    std::vector<Delivery> out;
    for (const Delivery& d : deliveries_) {
        if (d.group == group) out.push_back(d);
    }
    return out;
}

std::vector<Delivery> ConsumptionLog::deliveries_of_partition(const TopicPartition& partition) const {
    std::vector<Delivery> out;
    for (const Delivery& d : deliveries_) {
        if (d.record.partition == partition) out.push_back(d);
    }
    return out;
}

std::vector<std::string> ConsumptionLog::values_of(const std::string& group, const TopicPartition& partition) const {
    std::vector<std::string> out;
    for (const Delivery& d : deliveries_) {
        if (d.group == group && d.record.partition == partition) out.emplace_back(d.record.value);
    }
    return out;
}

std::map<RecordId, int> ConsumptionLog::delivery_counts(const std::string& group) const {
    std::map<RecordId, int> counts;
    for (const Delivery& d : deliveries_) {
        if (d.group == group) ++counts[d.record.record_id];
    }
    return counts;
}

std::map<TopicPartition, Offset> ConsumptionLog::last_committed(const std::string& group) const {
    std::map<TopicPartition, Offset> out;
    for (const auto& c : commits_) {
        if (c.group == group && c.error == Error::none) out[c.partition] = c.offset;
    }
    return out;
}

std::vector<PollAnomaly> ConsumptionLog::poll_anomalies() const {
    std::vector<PollAnomaly> out;
    // consumer -> partition -> the last offset its previous poll returned.
    std::map<std::string, std::map<TopicPartition, Offset>> previous;
    for (std::size_t i = 0; i < polls_.size(); ++i) {
        const PollRecord& poll = polls_[i];
        auto& last_by_partition = previous[poll.consumer];
        for (const auto& range : poll.ranges) {
            auto it = last_by_partition.find(range.partition);
            if (it != last_by_partition.end()) {
                if (range.first <= it->second) {
                    out.push_back({PollAnomaly::Kind::nonmonotonic_poll, poll.consumer, range.partition, i, it->second,
                                   range.first});
                } else if (range.first > it->second + 1) {
                    out.push_back({PollAnomaly::Kind::poll_skip, poll.consumer, range.partition, i, it->second,
                                   range.first});
                }
            }
            last_by_partition[range.partition] = range.last;
        }
    }
    return out;
}

}  // namespace kafkalab::kafka
