#include "broker_model/client/consumption_log.h"

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

ConsumptionLog::ConsumptionLog(const ConsumptionLog& other)
    : keep_values_(other.keep_values_), polls_(other.polls_), commits_(other.commits_), statuses_(other.statuses_) {
    for (const Delivery& d : other.deliveries_) {
        const DeliveredRecord& r = d.record;
        add_delivery(d.consumer, d.group, d.time, d.poll, r.partition, r.offset, r.leader_epoch, r.key, r.value,
                     r.timestamp_ms, r.record_id);
    }
}

Delivery& ConsumptionLog::add_delivery(std::string_view consumer, std::string_view group, sim::Time time,
                                       std::size_t poll, const TopicPartition& partition, Offset offset,
                                       LeaderEpoch leader_epoch, std::optional<std::string_view> key,
                                       std::string_view value, std::int64_t timestamp_ms, RecordId record_id) {
    Delivery& delivery = deliveries_.emplace_back();
    delivery.consumer = bytes_.intern(consumer);
    delivery.group = bytes_.intern(group);
    delivery.time = time;
    delivery.poll = poll;
    DeliveredRecord& record = delivery.record;
    record.partition = partition;
    record.offset = offset;
    record.leader_epoch = leader_epoch;
    if (key) record.key = bytes_.store(*key);
    record.value = bytes_.store(value);
    record.timestamp_ms = timestamp_ms;
    record.record_id = record_id;
    return delivery;
}

std::size_t ConsumptionLog::add_poll(const std::string& consumer, const std::string& group, sim::Time time,
                                     Generation generation, const std::vector<ConsumerRecord>& records) {
    const std::size_t index = polls_.size();
    PollRecord poll{consumer, group, time, generation, {}};
    for (const auto& record : records) {
        // Records of one partition arrive in offset order within a poll, so a range
        // grows at its end; a partition seen again after another one starts a new range.
        if (!poll.ranges.empty() && poll.ranges.back().partition == record.partition) {
            poll.ranges.back().last = record.offset;
        } else {
            poll.ranges.push_back({record.partition, record.offset, record.offset});
        }
        std::optional<std::string_view> key;
        if (record.key) key = *record.key;
        add_delivery(consumer, group, time, index, record.partition, record.offset, record.leader_epoch, key,
                     keep_values_ ? std::string_view(record.value) : std::string_view(), record.timestamp_ms,
                     record.record_id);
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
    for (const auto& d : deliveries_) {
        if (d.consumer == consumer) out.push_back(d);
    }
    return out;
}

std::vector<ConsumerRecord> ConsumptionLog::records_of(const std::string& consumer) const {
    std::vector<ConsumerRecord> out;
    for (const auto& d : deliveries_) {
        if (d.consumer == consumer) out.push_back(d.record.to_record());
    }
    return out;
}

std::vector<Delivery> ConsumptionLog::deliveries_of_group(const std::string& group) const {
    std::vector<Delivery> out;
    for (const auto& d : deliveries_) {
        if (d.group == group) out.push_back(d);
    }
    return out;
}

std::vector<Delivery> ConsumptionLog::deliveries_of_partition(const TopicPartition& partition) const {
    std::vector<Delivery> out;
    for (const auto& d : deliveries_) {
        if (d.record.partition == partition) out.push_back(d);
    }
    return out;
}

std::vector<std::string> ConsumptionLog::values_of(const std::string& group, const TopicPartition& partition) const {
    std::vector<std::string> out;
    for (const auto& d : deliveries_) {
        if (d.group == group && d.record.partition == partition) out.emplace_back(d.record.value);
    }
    return out;
}

std::map<RecordId, int> ConsumptionLog::delivery_counts(const std::string& group) const {
    std::map<RecordId, int> counts;
    for (const auto& d : deliveries_) {
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
