#include "broker_model/client/record_accumulator.h"

#include <algorithm>

#include "broker_model/common/same_bytes.h"

namespace kafkalab::kafka {

std::deque<ProducerBatchPtr>& RecordAccumulator::deque_for(const TopicPartition& tp) {
    // Small enough to inline into append; the map walk stays out of line.
    if (last_deque_ != nullptr && last_partition_.partition == tp.partition && same_bytes(last_partition_.topic, tp.topic)) {
        return *last_deque_;
    }
    return find_deque(tp);
}

std::deque<ProducerBatchPtr>& RecordAccumulator::find_deque(const TopicPartition& tp) {
    last_deque_ = &batches_[tp];
    last_partition_ = tp;
    return *last_deque_;
}

void RecordAccumulator::erase(const TopicPartition& tp) {
    last_deque_ = nullptr;
    batches_.erase(tp);
}

RecordAppendResult RecordAccumulator::append(const TopicPartition& tp, std::optional<std::string_view> key,
                                       std::string_view value, std::int64_t timestamp_ms, RecordId record_id,
                                       SendCallback callback, sim::Time now, bool abort_on_new_batch) {
    RecordAppendResult result;
    auto& deque = deque_for(tp);
    if (deque.empty()) {
        // Empty deques are erased, so this one is new: remember its partition.
        auto topic = queued_partitions_.find(tp.topic);
        if (topic == queued_partitions_.end()) topic = queued_partitions_.emplace(tp.topic, std::set<std::int32_t>{}).first;
        topic->second.insert(tp.partition);
    }
    const std::size_t size_before = deque.empty() ? 0 : deque.back()->size_bytes();
    if (!deque.empty() && deque.back()->try_append(key, value, timestamp_ms, record_id, callback)) {
        result.appended = true;
        result.batch_full = deque.size() > 1 || deque.back()->is_full();
        result.appended_bytes = static_cast<std::int32_t>(deque.back()->size_bytes() - size_before);
        result.newest_batch_full = deque.back()->is_full();
        return result;
    }
    if (abort_on_new_batch) {
        if (deque.empty()) erase(tp);
        result.abort_for_new_batch = true;
        return result;
    }
    auto batch = std::make_shared<ProducerBatch>(tp, now, config_.batch_size_bytes);
    batch->try_append(key, value, timestamp_ms, record_id, std::move(callback));
    deque.push_back(std::move(batch));
    result.appended = true;
    result.new_batch_created = true;
    result.batch_full = deque.size() > 1 || deque.back()->is_full();
    result.appended_bytes = static_cast<std::int32_t>(deque.back()->size_bytes());
    result.newest_batch_full = deque.back()->is_full();
    return result;
}

std::vector<QueueLength> RecordAccumulator::queue_lengths(const std::string& topic) const {
    std::vector<QueueLength> out;
    auto partitions = queued_partitions_.find(topic);
    if (partitions == queued_partitions_.end()) return out;
    for (std::int32_t partition : partitions->second) {
        auto queue = batches_.find(TopicPartition{topic, partition});
        out.push_back({partition, queue == batches_.end() ? 0 : queue->second.size()});
    }
    return out;
}

bool RecordAccumulator::in_backoff(const ProducerBatch& batch, sim::Time now) const {
    return batch.in_retry() && now - batch.last_retry() < config_.retry_backoff;
}

bool RecordAccumulator::is_sendable(const ProducerBatch& first, std::size_t deque_size, sim::Time now,
                                    sim::Time& next_check) const {
    // A retry waits out retry.backoff.ms from its failure; a new batch lingers from
    // its creation (RecordAccumulator.ready: timeToWaitMs, waitedTimeMs).
    const bool backing_off = in_backoff(first, now);
    const sim::Time since = first.in_retry() ? first.last_retry() : first.created();
    const sim::Duration wait = backing_off ? config_.retry_backoff : config_.linger;
    const bool full = deque_size > 1 || first.is_full();
    const bool waited = now - since >= wait;
    if ((full || waited) && !backing_off) return true;
    next_check = std::min(next_check, since + wait);
    return false;
}

ReadyCheck RecordAccumulator::ready(const LeaderLookup& leader, const std::set<TopicPartition>& muted,
                                    sim::Time now) const {
    ReadyCheck check;
    for (const auto& [tp, deque] : batches_) {
        auto node = leader(tp);
        if (!node) {
            check.unknown_leader_topics.insert(tp.topic);
            continue;
        }
        if (check.ready_nodes.contains(*node) || muted.contains(tp)) continue;
        if (is_sendable(*deque.front(), deque.size(), now, check.next_check)) check.ready_nodes.insert(*node);
    }
    return check;
}

std::vector<ProducerBatchPtr> RecordAccumulator::drain(sim::NodeIndex node, const LeaderLookup& leader,
                                                       const std::set<TopicPartition>& muted, const StopDrain& stop,
                                                       sim::Time now) {
    std::vector<TopicPartition> led;
    for (const auto& [tp, deque] : batches_) {
        if (leader(tp) == node) led.push_back(tp);
    }
    std::vector<ProducerBatchPtr> drained;
    if (led.empty()) return drained;
    std::size_t& index = drain_index_[node];
    index %= led.size();
    std::size_t request_bytes = 0;
    for (std::size_t visited = 0; visited < led.size(); ++visited) {
        const TopicPartition tp = led[index];
        index = (index + 1) % led.size();
        if (muted.contains(tp)) continue;
        auto& deque = batches_[tp];
        const ProducerBatchPtr& first = deque.front();
        if (in_backoff(*first, now)) continue;
        // One request stays under max.request.size, unless its first batch alone is bigger.
        if (request_bytes + first->size_bytes() > config_.max_request_size_bytes && !drained.empty()) break;
        // Kafka stops the whole drain here, not just this partition.
        if (stop && stop(*first)) break;
        ProducerBatchPtr batch = first;
        deque.pop_front();
        if (deque.empty()) erase(tp);
        batch->close();
        request_bytes += batch->size_bytes();
        drained.push_back(std::move(batch));
    }
    return drained;
}

void RecordAccumulator::reenqueue(const ProducerBatchPtr& batch, sim::Time now) {
    batch->mark_reenqueued(now);
    auto& deque = batches_[batch->partition()];
    if (!batch->has_sequence()) {
        deque.push_front(batch);
        return;
    }
    // Ahead of every batch without a sequence, and among the others by sequence, so
    // that retries go out in the order the broker expects.
    auto it = std::find_if(deque.begin(), deque.end(), [&](const ProducerBatchPtr& queued) {
        return !queued->has_sequence() || queued->base_sequence() > batch->base_sequence();
    });
    deque.insert(it, batch);
}

std::vector<ProducerBatchPtr> RecordAccumulator::expire(sim::Time now) {
    std::vector<ProducerBatchPtr> expired;
    for (auto it = batches_.begin(); it != batches_.end();) {
        auto& deque = it->second;
        for (auto b = deque.begin(); b != deque.end();) {
            if ((*b)->delivery_deadline(config_.delivery_timeout) <= now) {
                expired.push_back(*b);
                b = deque.erase(b);
            } else {
                ++b;
            }
        }
        if (deque.empty()) last_deque_ = nullptr;
        it = deque.empty() ? batches_.erase(it) : std::next(it);
    }
    return expired;
}

std::vector<ProducerBatchPtr> RecordAccumulator::take_all() {
    std::vector<ProducerBatchPtr> all;
    for (auto& [tp, deque] : batches_) all.insert(all.end(), deque.begin(), deque.end());
    last_deque_ = nullptr;
    batches_.clear();
    return all;
}

sim::Time RecordAccumulator::earliest_deadline() const {
    sim::Time earliest = sim::time_never;
    for (const auto& [tp, deque] : batches_) {
        for (const auto& b : deque) earliest = std::min(earliest, b->delivery_deadline(config_.delivery_timeout));
    }
    return earliest;
}

std::size_t RecordAccumulator::batch_count() const {
    std::size_t n = 0;
    for (const auto& [tp, deque] : batches_) n += deque.size();
    return n;
}

std::size_t RecordAccumulator::record_count() const {
    std::size_t n = 0;
    for (const auto& [tp, deque] : batches_) {
        for (const auto& b : deque) n += b->record_count();
    }
    return n;
}

}  // namespace kafkalab::kafka
