#pragma once
// One partition's batch in a producer (Kafka's ProducerBatch): records appended until
// it is full or drained, then closed into an immutable RecordData that every attempt
// sends unchanged, so a retry carries the very same records (and, with idempotence,
// the same sequence numbers; only an epoch bump renumbers it).
//
//   open (appending) ──drain──> in flight ──response──> done (acknowledged or failed)
//                                   │  ^
//                         retriable │  │ drain again after retry.backoff.ms
//                                   v  │
//                               re-enqueued
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "broker_model/common/errors.h"
#include "broker_model/common/types.h"
#include "broker_model/log/record_data.h"
#include "broker_model/log/stored_batch.h"
#include "sim/time.h"

namespace kafkalab::kafka {

/// What send()'s callback learns (Kafka's RecordMetadata): where the record landed.
/// offset is -1 with acks=0, and when the error is not none.
struct RecordMetadata {
    RecordId record_id = 0;
    TopicPartition partition;
    Offset offset{-1};
};

/// Kafka's Callback.onCompletion: error is none on success.
using SendCallback = std::function<void(const RecordMetadata& metadata, Error error)>;

class ProducerBatch {
public:
    ProducerBatch(TopicPartition partition, sim::Time created, std::size_t batch_size_bytes);

    /// Appends a record if it fits in batch.size; the first record always fits (a
    /// record larger than batch.size gets a batch of its own, as in Kafka).
    bool try_append(std::optional<std::string_view> key, std::string_view value, std::int64_t timestamp_ms,
                    RecordId record_id, SendCallback callback);
    /// Stops appending and builds the records. Idempotent.
    void close();

    const TopicPartition& partition() const { return partition_; }
    std::size_t record_count() const { return record_ids_.size(); }
    std::size_t size_bytes() const;
    /// Full: closed, or grown to batch.size (the next record would open a new batch).
    bool is_full() const;
    bool is_closed() const { return records_ != nullptr; }
    /// Precondition: is_closed().
    const std::shared_ptr<const RecordData>& records() const { return records_; }
    const std::vector<RecordId>& record_ids() const { return record_ids_; }

    sim::Time created() const { return created_; }
    /// The deadline of delivery.timeout.ms, counted from the batch's creation as in
    /// ProducerBatch.hasReachedDeliveryTimeout.
    sim::Time delivery_deadline(sim::Duration delivery_timeout) const { return created_ + delivery_timeout; }
    /// How many times the batch went out in a request.
    std::int32_t attempts() const { return attempts_; }
    /// When it was last re-enqueued after a failed attempt; backoff counts from here.
    sim::Time last_retry() const { return last_retry_; }
    bool in_retry() const { return retried_; }
    void record_attempt() { ++attempts_; }
    void mark_reenqueued(sim::Time now);

    // Idempotence (KIP-98): set at the first drain and kept across retries.
    const ProducerBatchInfo& producer() const { return producer_; }
    bool has_sequence() const { return producer_.base_sequence != no_sequence; }
    std::int32_t base_sequence() const { return producer_.base_sequence; }
    /// Sequence of the batch's last record.
    std::int32_t last_sequence() const;
    /// Sets producer id, epoch and base sequence. `reset` marks a renumbering after an
    /// epoch bump (ProducerBatch.sequenceHasBeenReset).
    void set_producer_state(ProducerBatchInfo info, bool reset);
    bool sequence_has_been_reset() const { return sequence_reset_; }

    /// Completes every record once: the callbacks run; false if already done.
    bool complete(Offset base_offset, Error error);
    bool is_done() const { return done_; }

private:
    TopicPartition partition_;
    sim::Time created_;
    std::size_t batch_size_bytes_;
    RecordDataBuilder builder_;
    std::shared_ptr<const RecordData> records_;  // set by close()
    std::vector<RecordId> record_ids_;
    /// (index into record_ids_, callback) for the records sent with a callback only:
    /// scripted workloads send without one, and an empty std::function per record
    /// would cost 32 bytes each.
    std::vector<std::pair<std::size_t, SendCallback>> callbacks_;
    std::int32_t attempts_ = 0;
    sim::Time last_retry_{};
    bool retried_ = false;
    ProducerBatchInfo producer_;
    bool sequence_reset_ = false;
    bool done_ = false;
};

using ProducerBatchPtr = std::shared_ptr<ProducerBatch>;

}  // namespace kafkalab::kafka
