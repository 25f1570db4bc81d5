#pragma once
// The producer's queues of batches, one deque per partition (Kafka's RecordAccumulator).
// send() appends to the newest batch of a partition; the sender asks which brokers
// have a batch ready and drains, for one broker, at most one batch per partition into
// one ProduceRequest.
//
// A partition's first batch is ready when
//   - it is full (batch.size reached, or a newer batch waits behind it), or
//   - it waited linger.ms since creation (retry.backoff.ms since its last failure if
//     it is a retry: a retry in backoff is never ready),
// and its partition has a known leader. Batches of partitions without a leader stay
// queued; the sender asks for metadata and delivery.timeout.ms bounds the wait.
//
// Invariants: every queued batch belongs to the deque of its partition; only the last
// batch of a deque is open for appends; with idempotence, batches that have sequence
// numbers precede those that do not, in sequence order (a retry is re-inserted by
// sequence, RecordAccumulator.insertInSequenceOrder).
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "broker_model/client/producer_batch.h"
#include "sim/scheduler.h"

namespace kafkalab::kafka {

struct AccumulatorConfig {
    std::size_t batch_size_bytes = 16384;          // batch.size
    sim::Duration linger{0};                        // linger.ms
    sim::Duration retry_backoff{std::chrono::milliseconds(100)};  // retry.backoff.ms
    sim::Duration delivery_timeout{std::chrono::seconds(120)};    // delivery.timeout.ms
    std::size_t max_request_size_bytes = 1'048'576;  // max.request.size
};

/// What RecordAccumulator.append reports (Kafka's RecordAppendResult).
struct RecordAppendResult {
    bool appended = false;
    /// The record would need a new batch and the caller asked to be told first
    /// (abortOnNewBatch): the sticky partitioner then moves on (KIP-480).
    bool abort_for_new_batch = false;
    bool new_batch_created = false;
    /// The batch it went into is full, or a new batch was started: wake the sender.
    bool batch_full = false;
    /// Bytes the record added to its batch, the batch's header too when it opened one
    /// (RecordAppendResult.appendedBytes).
    std::int32_t appended_bytes = 0;
    /// The partition's newest batch is full (allBatchesFull): the built-in partitioner
    /// may switch without leaving a half-filled batch behind.
    bool newest_batch_full = false;
};

/// How many batches one partition's queue holds.
struct QueueLength {
    std::int32_t partition = 0;
    std::size_t batches = 0;
};

/// The leader node of a partition, or nothing while it has none.
using LeaderLookup = std::function<std::optional<sim::NodeIndex>(const TopicPartition&)>;

struct ReadyCheck {
    /// Brokers with at least one sendable batch.
    std::set<sim::NodeIndex> ready_nodes;
    /// Topics with queued batches whose leader is unknown: metadata must be refreshed.
    std::set<std::string> unknown_leader_topics;
    /// When a batch that is not ready now may become ready (linger or backoff ends).
    sim::Time next_check = sim::time_never;
};

class RecordAccumulator {
public:
    explicit RecordAccumulator(AccumulatorConfig config) : config_(config) {}
    // A copy's remembered deque would be the original's.
    RecordAccumulator(const RecordAccumulator&) = delete;
    RecordAccumulator& operator=(const RecordAccumulator&) = delete;

    RecordAppendResult append(const TopicPartition& tp, std::optional<std::string_view> key, std::string_view value,
                        std::int64_t timestamp_ms, RecordId record_id, SendCallback callback, sim::Time now,
                        bool abort_on_new_batch);

    /// Partitions in `muted` are skipped (max.in.flight.requests.per.connection=1
    /// keeps one batch per partition in flight).
    ReadyCheck ready(const LeaderLookup& leader, const std::set<TopicPartition>& muted, sim::Time now) const;

    /// Decides whether a partition's first batch may go now (idempotence ordering);
    /// true stops draining that partition for this request.
    using StopDrain = std::function<bool(const ProducerBatch& first)>;
    /// Takes, for `node`, the first batch of each partition it leads, starting where
    /// the last drain for this node stopped so no partition starves, until the request
    /// would exceed max.request.size. Drained batches are closed.
    std::vector<ProducerBatchPtr> drain(sim::NodeIndex node, const LeaderLookup& leader,
                                        const std::set<TopicPartition>& muted, const StopDrain& stop, sim::Time now);

    /// Puts a failed batch back for another attempt (RecordAccumulator.reenqueue).
    void reenqueue(const ProducerBatchPtr& batch, sim::Time now);

    /// Removes and returns the queued batches whose delivery.timeout.ms has passed.
    std::vector<ProducerBatchPtr> expire(sim::Time now);
    /// Removes and returns every queued batch (the producer is closing or failing all).
    std::vector<ProducerBatchPtr> take_all();

    /// Earliest delivery deadline of a queued batch, or time_never.
    sim::Time earliest_deadline() const;
    std::size_t batch_count() const;
    /// Every partition of `topic` that has had a queue (Kafka never drops a deque from
    /// its batches map), ascending, with its current length.
    std::vector<QueueLength> queue_lengths(const std::string& topic) const;
    std::size_t record_count() const;
    bool empty() const { return batch_count() == 0; }

private:
    bool is_sendable(const ProducerBatch& first, std::size_t deque_size, sim::Time now, sim::Time& next_check) const;
    bool in_backoff(const ProducerBatch& batch, sim::Time now) const;
    std::deque<ProducerBatchPtr>& deque_for(const TopicPartition& tp);
    [[gnu::noinline]] std::deque<ProducerBatchPtr>& find_deque(const TopicPartition& tp);
    void erase(const TopicPartition& tp);

    AccumulatorConfig config_;
    /// Per partition, oldest batch first. Ordered, so that iteration never depends on
    /// hashing; empty deques are erased.
    std::map<TopicPartition, std::deque<ProducerBatchPtr>> batches_;
    /// The deque the last append went to: the records of a burst go to one partition
    /// (KIP-480's sticky partition), so most appends skip the walk down the map.
    /// Forgotten whenever an entry of batches_ is erased.
    TopicPartition last_partition_;
    std::deque<ProducerBatchPtr>* last_deque_ = nullptr;
    /// Per topic, the partitions an append has ever asked for; only grows.
    std::map<std::string, std::set<std::int32_t>, std::less<>> queued_partitions_;
    /// Per broker, where the next drain starts among the partitions it leads.
    std::map<sim::NodeIndex, std::size_t> drain_index_;
};

}  // namespace kafkalab::kafka
