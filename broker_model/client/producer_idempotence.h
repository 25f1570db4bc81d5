#pragma once
// The idempotent producer's bookkeeping (KIP-98; the non-transactional part of Kafka
// 3.x's TransactionManager): the producer id and epoch from InitProducerId, and per
// partition the next sequence number, the last acknowledged sequence and the batches
// in flight, ordered by sequence.
//
// Why each rule exists:
//   - A batch gets its sequence when first drained and keeps it across retries, so a
//     retry of a batch the broker already wrote is recognised as a duplicate.
//   - OUT_OF_ORDER_SEQUENCE_NUMBER for a batch that is not the next one expected
//     (an earlier batch failed and is being retried) is retried: the batch waits for
//     its predecessor. Only a retry of the first in-flight batch may go, which with
//     several requests in flight effectively drops to one (shouldStopDrainBatches...).
//   - OUT_OF_ORDER_SEQUENCE_NUMBER for the very next batch means a real gap (the
//     broker lost records, e.g. an unclean election): the producer bumps its epoch
//     locally (KIP-360) and renumbers the partition's in-flight batches from 0.
//   - A batch that expired after being sent leaves its partition "unresolved": no new
//     batch is numbered until the in-flight ones finish; if they do not close the gap,
//     the epoch is bumped.
#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "broker_model/client/producer_batch.h"
#include "broker_model/common/errors.h"
#include "broker_model/common/types.h"

namespace kafkalab::kafka {

class ProducerIdempotence {
public:
    bool has_producer_id() const { return producer_id_ != no_producer_id; }
    ProducerId producer_id() const { return producer_id_; }
    ProducerEpoch producer_epoch() const { return producer_epoch_; }
    /// From an InitProducerIdResponse. Forgets every partition's sequences.
    void set_producer_id(ProducerId id, ProducerEpoch epoch);

    /// Applies a requested epoch bump (bumpIdempotentEpochAndResetIdIfNeeded).
    void bump_epoch_if_needed();
    /// Clears unresolved partitions whose in-flight batches are all done
    /// (maybeResolveSequences), bumping the epoch where a gap remains.
    void resolve_sequences();

    /// RecordAccumulator's shouldStopDrainBatchesForPartition, idempotent part.
    bool should_stop_drain(const ProducerBatch& first) const;
    /// Numbers a batch at its first drain and tracks it as in flight.
    void assign_sequence(const ProducerBatchPtr& batch);

    /// TransactionManager.canRetry for an idempotent, non-transactional producer.
    bool can_retry(Error error, const ProducerBatch& batch);
    /// handleCompletedBatch: the batch was written (or found a duplicate).
    void on_batch_completed(const ProducerBatch& batch);
    /// handleFailedBatch: the batch failed for good, refused by the broker or expired
    /// on the client (delivery.timeout.ms).
    void on_batch_failed(const ProducerBatch& batch, bool refused_by_broker);
    /// A batch sent at least once expired on the client (markSequenceUnresolved).
    void mark_unresolved(const ProducerBatch& batch);

    bool epoch_bump_pending() const { return epoch_bump_required_; }
    std::int32_t next_sequence(const TopicPartition& tp) const;

private:
    struct PartitionEntry {
        /// The epoch this partition's sequences belong to; behind producer_epoch_
        /// after a bump until its old in-flight batches finish.
        ProducerEpoch epoch = no_producer_epoch;
        std::int32_t next_sequence = 0;
        std::int32_t last_acked_sequence = no_sequence;
        /// In-flight batches (drained, not done), by base sequence.
        std::vector<ProducerBatchPtr> in_flight;
    };

    PartitionEntry& entry(const TopicPartition& tp);
    const PartitionEntry* find(const TopicPartition& tp) const;
    void remove_in_flight(const ProducerBatch& batch);
    bool is_next_sequence(const TopicPartition& tp, std::int32_t sequence) const;
    void request_epoch_bump(const TopicPartition& tp);
    /// startSequencesAtBeginning: renumbers `tp`'s in-flight batches from 0.
    void restart_sequences(const TopicPartition& tp);

    ProducerId producer_id_ = no_producer_id;
    ProducerEpoch producer_epoch_ = no_producer_epoch;
    std::map<TopicPartition, PartitionEntry> partitions_;
    /// Partition -> the sequence that would close its gap (see mark_unresolved).
    std::map<TopicPartition, std::int32_t> unresolved_;
    std::set<TopicPartition> partitions_to_rewrite_;
    bool epoch_bump_required_ = false;
};

}  // namespace kafkalab::kafka
