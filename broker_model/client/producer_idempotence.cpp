#include "broker_model/client/producer_idempotence.h"

#include <algorithm>
#include <limits>

namespace kafkalab::kafka {

void ProducerIdempotence::set_producer_id(ProducerId id, ProducerEpoch epoch) {
    producer_id_ = id;
    producer_epoch_ = epoch;
    partitions_.clear();
    unresolved_.clear();
    partitions_to_rewrite_.clear();
    epoch_bump_required_ = false;
}

ProducerIdempotence::PartitionEntry& ProducerIdempotence::entry(const TopicPartition& tp) {
    auto [it, added] = partitions_.try_emplace(tp);
    if (added) it->second.epoch = producer_epoch_;
    return it->second;
}

const ProducerIdempotence::PartitionEntry* ProducerIdempotence::find(const TopicPartition& tp) const {
    auto it = partitions_.find(tp);
    return it == partitions_.end() ? nullptr : &it->second;
}

std::int32_t ProducerIdempotence::next_sequence(const TopicPartition& tp) const {
    const PartitionEntry* e = find(tp);
    return e ? e->next_sequence : 0;
}

bool ProducerIdempotence::is_next_sequence(const TopicPartition& tp, std::int32_t sequence) const {
    const PartitionEntry* e = find(tp);
    const std::int32_t last = e ? e->last_acked_sequence : no_sequence;
    return std::int64_t{sequence} - last == 1;
}

void ProducerIdempotence::request_epoch_bump(const TopicPartition& tp) {
    epoch_bump_required_ = true;
    partitions_to_rewrite_.insert(tp);
}

void ProducerIdempotence::restart_sequences(const TopicPartition& tp) {
    PartitionEntry& e = entry(tp);
    std::int32_t sequence = 0;
    for (auto& batch : e.in_flight) {
        batch->set_producer_state({producer_id_, producer_epoch_, sequence}, true);
        sequence = increment_sequence(sequence, static_cast<std::int64_t>(batch->record_count()));
    }
    e.epoch = producer_epoch_;
    e.next_sequence = sequence;
    e.last_acked_sequence = no_sequence;
}

void ProducerIdempotence::bump_epoch_if_needed() {
    if (!epoch_bump_required_ || !has_producer_id()) return;
    // Kafka asks for a new producer id when the epoch is exhausted; a simulated run
    // never bumps 32767 times, so the id stays.
    if (producer_epoch_.value < std::numeric_limits<std::int16_t>::max()) ++producer_epoch_;
    for (const auto& tp : partitions_to_rewrite_) {
        restart_sequences(tp);
        unresolved_.erase(tp);
    }
    partitions_to_rewrite_.clear();
    epoch_bump_required_ = false;
}

void ProducerIdempotence::resolve_sequences() {
    for (auto it = unresolved_.begin(); it != unresolved_.end();) {
        const PartitionEntry* e = find(it->first);
        if (e && !e->in_flight.empty()) {
            ++it;
            continue;
        }
        // Every in-flight batch is done. If the acknowledged ones reach the next
        // sequence, the expired batch was written after all; otherwise a gap remains.
        if (!is_next_sequence(it->first, next_sequence(it->first))) request_epoch_bump(it->first);
        it = unresolved_.erase(it);
    }
}

bool ProducerIdempotence::should_stop_drain(const ProducerBatch& first) const {
    // No producer id yet: nothing may be numbered.
    if (!has_producer_id()) return true;
    const PartitionEntry* e = find(first.partition());
    if (!first.has_sequence() && e) {
        // A new epoch's batch 0 must not overtake the old epoch's batches in flight.
        if (!e->in_flight.empty() && e->epoch != producer_epoch_) return true;
        // While an expired batch's fate is unknown, no new sequence is handed out.
        if (unresolved_.contains(first.partition())) return true;
    }
    // A retry goes only when it is the oldest batch in flight: its successors wait.
    if (first.has_sequence() && e && !e->in_flight.empty() &&
        e->in_flight.front()->base_sequence() != first.base_sequence()) {
        return true;
    }
    return false;
}

void ProducerIdempotence::assign_sequence(const ProducerBatchPtr& batch) {
    if (batch->has_sequence()) return;
    PartitionEntry& e = entry(batch->partition());
    // maybeUpdateProducerIdAndEpoch: after a bump, an idle partition starts over at 0.
    if (e.epoch != producer_epoch_ && e.in_flight.empty()) {
        e.epoch = producer_epoch_;
        e.next_sequence = 0;
        e.last_acked_sequence = no_sequence;
    }
    batch->set_producer_state({producer_id_, e.epoch, e.next_sequence}, false);
    e.next_sequence = increment_sequence(e.next_sequence, static_cast<std::int64_t>(batch->record_count()));
    // Sequences only grow within an epoch, so appending keeps the list in order.
    e.in_flight.push_back(batch);
}

void ProducerIdempotence::remove_in_flight(const ProducerBatch& batch) {
    auto it = partitions_.find(batch.partition());
    if (it == partitions_.end()) return;
    std::erase_if(it->second.in_flight, [&](const ProducerBatchPtr& b) { return b.get() == &batch; });
}

bool ProducerIdempotence::can_retry(Error error, const ProducerBatch& batch) {
    const TopicPartition& tp = batch.partition();
    if (error == Error::out_of_order_sequence_number) {
        // Not the next batch: a predecessor failed and is being retried; wait for it.
        if (!unresolved_.contains(tp) && (batch.sequence_has_been_reset() || !is_next_sequence(tp, batch.base_sequence()))) {
            return true;
        }
        // The next batch, refused: a real gap. Bump the epoch, unless an expired
        // batch's outcome is still awaited and this is not the one that closes it.
        auto unresolved = unresolved_.find(tp);
        if (unresolved == unresolved_.end() || unresolved->second == batch.base_sequence()) request_epoch_bump(tp);
        return true;
    }
    if (error == Error::unknown_producer_id) {
        // The broker lost this producer's state: start the partition over in a new epoch.
        request_epoch_bump(tp);
        return true;
    }
    return is_retriable(error);
}

void ProducerIdempotence::on_batch_completed(const ProducerBatch& batch) {
    PartitionEntry& e = entry(batch.partition());
    // Only a batch of the partition's current epoch moves the acknowledged sequence.
    if (batch.producer().producer_epoch == e.epoch && batch.last_sequence() > e.last_acked_sequence) {
        e.last_acked_sequence = batch.last_sequence();
    }
    remove_in_flight(batch);
}

void ProducerIdempotence::on_batch_failed(const ProducerBatch& batch, bool refused_by_broker) {
    remove_in_flight(batch);
    // A batch the broker refused for good leaves a hole in the sequence; later batches
    // would all be out of order. Kafka's idempotent producer bumps the epoch. An
    // expired batch is different: the broker may have it (see mark_unresolved).
    if (batch.has_sequence() && refused_by_broker) request_epoch_bump(batch.partition());
}

void ProducerIdempotence::mark_unresolved(const ProducerBatch& batch) {
    const std::int32_t next = increment_sequence(batch.last_sequence(), 1);
    auto [it, added] = unresolved_.try_emplace(batch.partition(), next);
    if (!added) it->second = std::max(it->second, next);
}

}  // namespace kafkalab::kafka
