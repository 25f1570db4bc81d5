#pragma once
// Kafka's producer as a node of the simulation: KafkaProducer (send, partitioning,
// serializing), its RecordAccumulator and its Sender, in one actor.
//
//   send() ──> waits for the topic's metadata (max.block.ms)
//          ──> partitioner picks the partition (KIP-480 sticky: on_new_batch)
//          ──> RecordAccumulator: batch per partition (batch.size, linger.ms)
//   sender ──> ready brokers (leader known, under max.in.flight) ──> drain ──> one
//              ProduceRequest per broker ──> response per batch:
//                 none                      -> acknowledged (ledger, callback)
//                 retriable, time left      -> re-enqueued, sent again after retry.backoff.ms
//                 otherwise                 -> failed
//              acks=0: acknowledged (offset -1) the moment it is sent.
//
// The sender is a timer, never a thread: it runs in a zero-delay event after a send
// (so every send of one event can share a batch, which is what "linger.ms=0" means
// here), when a response or metadata arrives, and when the earliest linger, backoff
// or delivery deadline falls due.
//
// Everything a crash must destroy lives in this object: queued batches, callbacks,
// the producer id. The SendLedger, which must survive, is the caller's; records that
// were queued or in flight at a crash stay pending there.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "broker_model/client/client_metadata.h"
#include "broker_model/client/built_in_partitioner.h"
#include "broker_model/client/partitioner.h"
#include "broker_model/client/producer_config.h"
#include "broker_model/client/producer_idempotence.h"
#include "broker_model/client/producer_workload.h"
#include "broker_model/client/record_accumulator.h"
#include "broker_model/client/send_ledger.h"
#include "broker_model/protocol/network_client.h"
#include "sim/node.h"

namespace kafkalab::sim {
class Simulation;
}

namespace kafkalab::kafka {

/// Counters for tests, the viewer and lessons ("how many requests did linger save?").
struct ProducerStats {
    std::uint64_t records_sent = 0;      // send() calls
    std::uint64_t produce_requests = 0;  // ProduceRequests put on the wire
    std::uint64_t batches_sent = 0;      // batch attempts, retries included
    std::uint64_t retries = 0;           // batches re-enqueued after an error
    std::uint64_t expired_batches = 0;   // failed by delivery.timeout.ms
};

class Producer final : public sim::Node {
public:
    /// `ledger` must outlive every incarnation of this node. `workload`, if given,
    /// makes the producer send on its own (see producer_workload.h).
    Producer(sim::NodeContext& context, ProducerConfig config, SendLedger& ledger,
             std::optional<ProducerWorkload> workload = std::nullopt);
    ~Producer() override;

    void on_start() override;
    void on_message(sim::NodeIndex from, const sim::MessagePtr& message) override;
    void on_disconnect(sim::NodeIndex peer) override;

    /// KafkaProducer.send: queues a record and returns its record id at once. The
    /// callback runs once, when the record is acknowledged or has failed; it may not
    /// crash this node. An explicit partition is used as given.
    RecordId send(const std::string& topic, std::optional<std::int32_t> partition, std::optional<std::string> key,
                  std::string value, SendCallback callback = {});
    /// The same for bytes the caller keeps: copied only where the producer keeps them
    /// (the batch, the ledger, a record waiting for metadata), so a steady workload
    /// allocates no string per record.
    RecordId send_view(const std::string& topic, std::optional<std::int32_t> partition,
                       std::optional<std::string_view> key, std::string_view value, SendCallback callback = {});

    // Observation.
    const ProducerConfig& config() const { return config_; }
    const ClientMetadata& metadata() const { return metadata_; }
    const NetworkClient& network() const { return network_; }
    const ProducerStats& stats() const { return stats_; }
    bool idempotent() const { return idempotent_; }
    const ProducerIdempotence& idempotence() const { return idempotence_; }
    /// Records queued in the producer: waiting for metadata or in the accumulator.
    std::size_t queued_records() const { return waiting_.size() + accumulator_.record_count(); }
    std::size_t in_flight_requests() const { return in_flight_.size(); }

private:
    /// A record that waits for its topic's metadata before it can get a partition.
    struct WaitingRecord {
        RecordId record_id = 0;
        std::string topic;
        std::optional<std::int32_t> partition;
        std::optional<std::string> key;  // serialized
        std::string value;               // serialized
        std::int64_t timestamp_ms = 0;
        sim::Time deadline{};            // max.block.ms
        SendCallback callback;
    };
    struct InFlightRequest {
        sim::NodeIndex node = sim::no_node;
        std::vector<ProducerBatchPtr> batches;
    };

    // The send path (producer.cpp).
    void route_waiting();
    /// A record on its way into a batch: views of the sender's bytes, for the call only.
    struct OutgoingRecord {
        RecordId record_id = 0;
        const std::string& topic;
        std::optional<std::int32_t> partition;
        std::optional<std::string_view> key;
        std::string_view value;
        std::int64_t timestamp_ms = 0;
    };
    /// send() once the key and value are the bytes that travel.
    RecordId send_serialized(const std::string& topic, std::optional<std::int32_t> partition,
                             std::optional<std::string_view> key, std::string_view value, SendCallback& callback);
    /// Appends to the chosen partition's batch; takes `callback` from the caller.
    void append(const OutgoingRecord& record, SendCallback& callback, const TopicMetadataView& view);
    void expire_waiting(sim::Time now);
    void fail_record(RecordId id, const std::string& topic, Error error, const SendCallback& callback);
    void request_metadata_update();

    // The sender (producer_sender.cpp).
    void wake(sim::Duration delay);
    void run_sender();
    void maybe_init_producer_id();
    sim::Time send_producer_data(sim::Time now);
    /// RecordAccumulator.partitionReady's queue sizes, handed to the built-in partitioner.
    void update_partition_load_stats();
    void send_produce(sim::NodeIndex node, std::vector<ProducerBatchPtr> batches);
    sim::Time expire_batches(sim::Time now);

    // Responses (producer_responses.cpp).
    void on_produce_response(std::uint64_t request_id, Error error, const sim::MessagePtr& response);
    void abandon_requests_to(sim::NodeIndex node);
    void complete_batch(const ProducerBatchPtr& batch, Error error, Offset base_offset);
    bool can_retry(const ProducerBatch& batch, Error error, sim::Time now);
    void acknowledge(const ProducerBatchPtr& batch, Offset base_offset);
    void fail(const ProducerBatchPtr& batch, Error error, bool refused_by_broker);

    ProducerConfig config_;
    SendLedger& ledger_;
    bool idempotent_;
    NetworkClient network_;
    ClientMetadata metadata_;
    std::unique_ptr<Partitioner> partitioner_;
    /// partitioner_ when it is the built-in partitioner (KIP-794), else null.
    BuiltInPartitioner* built_in_partitioner_ = nullptr;
    /// Per broker, when the sender last found data ready for it and last drained to it
    /// (RecordAccumulator.NodeLatencyStats): partitioner.availability.timeout.ms.
    struct NodeLatency {
        sim::Time ready{};
        sim::Time drained{};
    };
    std::map<sim::NodeIndex, NodeLatency> node_latency_;
    RecordAccumulator accumulator_;
    ProducerIdempotence idempotence_;
    LeaderLookup leader_of_;
    ProducerStats stats_;
    /// Records without topic metadata yet, in send order.
    std::vector<WaitingRecord> waiting_;
    /// Produce requests awaiting a response, by this producer's request number.
    std::map<std::uint64_t, InFlightRequest> in_flight_;
    std::map<sim::NodeIndex, std::int32_t> in_flight_per_node_;
    std::uint64_t next_request_id_ = 1;
    /// Partitions with a batch in flight while max.in.flight.requests.per.connection
    /// is 1 (Sender.guaranteeMessageOrder): they send nothing else meanwhile.
    std::set<TopicPartition> muted_;
    bool init_producer_id_in_flight_ = false;
    /// The metadata update count when this producer last asked for an update: asking
    /// again before an answer would only push the pending refresh further out.
    std::optional<std::uint64_t> metadata_update_asked_at_;
    sim::TimerId sender_timer_;
    sim::Time sender_due_ = sim::time_never;
    std::unique_ptr<WorkloadDriver> workload_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

/// Adds a producer node named `name` (also its host name) whose every incarnation
/// writes to `ledger`.
sim::NodeIndex add_producer(sim::Simulation& simulation, std::string name, ProducerConfig config, SendLedger& ledger,
                            std::optional<ProducerWorkload> workload = std::nullopt);

}  // namespace kafkalab::kafka
