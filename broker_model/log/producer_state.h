#pragma once
// Idempotent producer state of one partition (KIP-98), Kafka's ProducerStateManager:
// per producer id, its current producer epoch and the sequence ranges and offsets of
// its last 5 batches. The leader uses it to drop a retried batch it already wrote
// (answering with the original offsets) and to refuse gaps and zombie producers.
//
// Rules on a leader append (ProducerAppendInfo, UnifiedLog.analyzeAndValidateProducerState):
//   same epoch, same first and last sequence as a retained batch -> duplicate
//   epoch older than the current one                            -> INVALID_PRODUCER_EPOCH
//   epoch newer than the current one, first sequence != 0       -> OUT_OF_ORDER_SEQUENCE_NUMBER
//   same epoch, first sequence != last sequence + 1 (wrapping)  -> OUT_OF_ORDER_SEQUENCE_NUMBER
//   unknown producer, first sequence != 0                       -> OUT_OF_ORDER_SEQUENCE_NUMBER
// Followers do not validate (the leader did); they only record.
//
// Simplifications: an unknown producer must start at sequence 0 (Kafka since 2.5,
// KIP-360, accepts any sequence from a producer it has no state for, e.g. after
// retention removed its batches; the simulator has no retention, so 0 is the only
// honest start). No transactions, no producer id expiration
// (producer.id.expiration.ms), no snapshots: the state is rebuilt by replaying the
// log's batches after truncation, which gives the same result.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>

#include "broker_model/common/errors.h"
#include "broker_model/common/types.h"
#include "broker_model/log/stored_batch.h"

namespace kafkalab::kafka {

/// Where one producer batch landed (Kafka's BatchMetadata).
struct BatchMetadata {
    std::int32_t first_sequence = no_sequence;
    std::int32_t last_sequence = no_sequence;
    Offset first_offset{-1};
    Offset last_offset{-1};

    bool operator==(const BatchMetadata&) const = default;
};

/// One producer id's state (Kafka's ProducerStateEntry).
class ProducerStateEntry {
public:
    /// ProducerStateEntry.NUM_BATCHES_TO_RETAIN, matching the producer's limit of 5
    /// in-flight requests per connection with idempotence.
    static constexpr std::size_t batches_to_retain = 5;

    ProducerEpoch producer_epoch() const { return producer_epoch_; }
    std::size_t batch_count() const { return batch_count_; }
    /// Retained batches, oldest first. Precondition: index < batch_count().
    const BatchMetadata& batch(std::size_t index) const { return batches_[index]; }
    /// Last sequence of the newest batch; no_sequence when none is retained.
    std::int32_t last_sequence() const;

    /// The retained batch with exactly this epoch and sequence range, if any
    /// (ProducerStateEntry.findDuplicateBatch).
    std::optional<BatchMetadata> find_duplicate(ProducerEpoch epoch, std::int32_t first_sequence,
                                                std::int32_t last_sequence) const;

    /// Records a written batch. A different epoch forgets the old epoch's batches
    /// (maybeUpdateProducerEpoch); beyond 5 batches the oldest is forgotten.
    void add_batch(ProducerEpoch epoch, const BatchMetadata& batch);

private:
    ProducerEpoch producer_epoch_ = no_producer_epoch;
    std::array<BatchMetadata, batches_to_retain> batches_{};  // [0, batch_count_) in use, oldest first
    std::uint8_t batch_count_ = 0;
};

/// The verdict on a leader append.
struct ProducerAppendCheck {
    Error error = Error::none;
    /// Set when the batch was already written: answer with its original offsets.
    std::optional<BatchMetadata> duplicate;
};

class ProducerStateManager {
public:
    /// Validates a batch a client sends to the leader, before it is written. O(log producers).
    ProducerAppendCheck check_leader_append(ProducerId producer_id, ProducerEpoch producer_epoch,
                                            std::int32_t first_sequence, std::int32_t last_sequence) const;

    /// Records a batch written to the log (leader or follower). Batches without a
    /// producer id are ignored.
    void update(const StoredBatch& batch);

    /// Forgets everything (before a rebuild from the log, or a full truncation).
    void clear() { producers_.clear(); }

    const ProducerStateEntry* find(ProducerId producer_id) const;
    std::size_t producer_count() const { return producers_.size(); }
    /// Ordered by producer id, for the viewer and tests.
    const std::map<ProducerId, ProducerStateEntry>& producers() const { return producers_; }

    std::size_t approximate_memory_bytes() const;

private:
    std::map<ProducerId, ProducerStateEntry> producers_;
};

}  // namespace kafkalab::kafka
