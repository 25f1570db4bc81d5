#include "broker_model/log/producer_state.h"

#include <algorithm>

namespace kafkalab::kafka {

std::int32_t ProducerStateEntry::last_sequence() const {
    return batch_count_ == 0 ? no_sequence : batches_[batch_count_ - 1].last_sequence;
}

std::optional<BatchMetadata> ProducerStateEntry::find_duplicate(ProducerEpoch epoch, std::int32_t first_sequence,
                                                                std::int32_t last_sequence) const {
    // A batch of another epoch is a different producer session, never a retry.
    if (epoch != producer_epoch_) return std::nullopt;
    for (std::size_t i = 0; i < batch_count_; ++i) {
        const BatchMetadata& batch = batches_[i];
        if (batch.first_sequence == first_sequence && batch.last_sequence == last_sequence) return batch;
    }
    return std::nullopt;
}

void ProducerStateEntry::add_batch(ProducerEpoch epoch, const BatchMetadata& batch) {
    if (epoch != producer_epoch_) {
        producer_epoch_ = epoch;
        batch_count_ = 0;
    }
    if (batch_count_ == batches_to_retain) {
        std::move(batches_.begin() + 1, batches_.end(), batches_.begin());
        --batch_count_;
    }
    batches_[batch_count_++] = batch;
}

ProducerAppendCheck ProducerStateManager::check_leader_append(ProducerId producer_id, ProducerEpoch producer_epoch,
                                                              std::int32_t first_sequence,
                                                              std::int32_t last_sequence) const {
    const ProducerStateEntry* entry = find(producer_id);
    // Simplification: with no retention, a producer this log has never seen must be
    // new, so its first batch starts at sequence 0.
    if (entry == nullptr) {
        if (first_sequence != 0) return {Error::out_of_order_sequence_number, std::nullopt};
        return {};
    }
    // Duplicates first, as UnifiedLog does: a retry answers with the original offsets.
    if (auto duplicate = entry->find_duplicate(producer_epoch, first_sequence, last_sequence)) {
        return {Error::none, duplicate};
    }
    // A zombie from an older producer session is fenced (InvalidProducerEpochException
    // since 2.7, formerly PRODUCER_FENCED).
    if (producer_epoch < entry->producer_epoch()) return {Error::invalid_producer_epoch, std::nullopt};
    // A new session numbers its records from 0 again.
    if (producer_epoch > entry->producer_epoch()) {
        if (first_sequence != 0) return {Error::out_of_order_sequence_number, std::nullopt};
        return {};
    }
    // Same session: the batch must follow the last one exactly.
    const std::int32_t current_last = entry->last_sequence();
    const bool in_sequence = current_last == no_sequence ? first_sequence == 0
                                                         : is_next_sequence(current_last, first_sequence);
    if (!in_sequence) return {Error::out_of_order_sequence_number, std::nullopt};
    return {};
}

void ProducerStateManager::update(const StoredBatch& batch) {
    if (!batch.producer.is_idempotent()) return;
    producers_[batch.producer.producer_id].add_batch(
        batch.producer.producer_epoch,
        BatchMetadata{batch.producer.base_sequence, batch.last_sequence(), batch.base_offset, batch.last_offset()});
}

const ProducerStateEntry* ProducerStateManager::find(ProducerId producer_id) const {
    auto it = producers_.find(producer_id);
    return it == producers_.end() ? nullptr : &it->second;
}

std::size_t ProducerStateManager::approximate_memory_bytes() const {
    // A std::map node holds the pair plus three pointers and a colour.
    constexpr std::size_t node_overhead_bytes = 32;
    return sizeof(ProducerStateManager) +
           producers_.size() * (sizeof(std::pair<const ProducerId, ProducerStateEntry>) + node_overhead_bytes);
}

}  // namespace kafkalab::kafka
