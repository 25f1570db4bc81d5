#pragma once
// The partitions a broker holds and everything the data plane does with them (Kafka's
// ReplicaManager): Produce and Fetch on leaders, with their purgatories (acks=all
// produces waiting for the high watermark, fetches waiting for data), the controller's
// LeaderAndIsr and StopReplica, ISR shrink and expand via AlterPartition, and the
// periodic high-watermark checkpoint and flush.
#include <map>
#include <memory>
#include <vector>

#include "broker_model/broker/broker_services.h"
#include "broker_model/broker/fetch_purgatory.h"
#include "broker_model/broker/partition.h"
#include "broker_model/broker/replica_fetcher.h"
#include "broker_model/common/partition_index.h"
#include "broker_model/protocol/controller_requests.h"
#include "broker_model/protocol/fetch.h"
#include "broker_model/protocol/list_offsets.h"
#include "broker_model/protocol/offsets_for_leader_epoch.h"
#include "broker_model/protocol/produce.h"

namespace kafkalab::kafka {

class ReplicaManager {
public:
    explicit ReplicaManager(BrokerServices& services);
    ~ReplicaManager();
    // The index points into partitions_: a copy would point into the original.
    ReplicaManager(const ReplicaManager&) = delete;
    ReplicaManager& operator=(const ReplicaManager&) = delete;

    /// Starts the periodic tasks (ISR expiration every replica.lag.time.max.ms / 2,
    /// high-watermark checkpoints, time-based flushes).
    void start();

    void handle_produce(sim::NodeIndex from, const ProduceRequest& request);
    /// Appends `records` to a partition this broker leads on behalf of a component of
    /// the broker itself (the group coordinator writing to __consumer_offsets), with
    /// the same acks, min.insync.replicas and timeout rules as a client's produce.
    /// `done` runs once, with the partition's result.
    void append_local(const TopicPartition& tp, std::shared_ptr<const RecordData> records, Acks acks,
                      sim::Duration timeout, std::function<void(const ProducePartitionResponse&)> done);
    /// Takes the request's own pointer: a fetch that has to wait keeps it, uncopied.
    void handle_fetch(sim::NodeIndex from, std::shared_ptr<const FetchRequest> request);
    void handle_list_offsets(sim::NodeIndex from, const ListOffsetsRequest& request);
    void handle_offsets_for_leader_epoch(sim::NodeIndex from, const OffsetsForLeaderEpochRequest& request);
    /// Returns the response to send to the controller.
    std::shared_ptr<LeaderAndIsrResponse> handle_leader_and_isr(const LeaderAndIsrRequest& request);
    std::shared_ptr<StopReplicaResponse> handle_stop_replica(const StopReplicaRequest& request);

    const std::map<TopicPartition, Partition>& partitions() const { return partitions_; }
    const Partition* partition(const TopicPartition& tp) const;
    ReplicaFetcherManager& fetchers() { return fetchers_; }
    ControllerEpoch controller_epoch() const { return controller_epoch_; }
    /// Partitions this broker leads.
    std::vector<TopicPartition> led_partitions() const;

private:
    struct PendingProduce;

    Partition* find_leader(const TopicPartition& tp, Error& error);
    Error check_epoch(const Partition& partition, LeaderEpoch current) const;
    /// Something changed in `tp` (an append, the high watermark): complete what waits.
    void on_partition_changed(const TopicPartition& tp);
    void on_high_watermark_moved(const TopicPartition& tp);
    void try_complete_produces(const TopicPartition& tp);
    bool try_complete_produce(PendingProduce& pending);
    void finish_produce(const std::shared_ptr<PendingProduce>& pending);
    /// Appends every partition of `request` and records each partition's result.
    void start_produce_parts(PendingProduce& pending, const ProduceRequest& request);
    /// Answers now, or parks an acks=all produce until the high watermark passes it.
    void wait_or_finish(const std::shared_ptr<PendingProduce>& pending, const ProduceRequest& request);
    void try_complete_fetches(const TopicPartition& tp);
    /// Reads what `request` asks for; returns the bytes found.
    std::size_t read_for_fetch(const FetchRequest& request, FetchResponse& response);
    /// True when every partition `request` names is led here, in the epoch it names,
    /// and read_for_fetch would find nothing past its fetch offset: the fetch waits.
    bool nothing_to_read(const FetchRequest& request);
    void park_fetch(sim::NodeIndex from, std::shared_ptr<const FetchRequest> request);
    void answer_fetch(FetchPurgatory::Ticket ticket);

    void expire_isr();
    void maybe_expand_isr(Partition& partition);
    void propose_isr(Partition& partition, std::vector<BrokerId> isr);
    void maybe_flush(PartitionLog& log);
    void make_follower(Partition& partition, const PartitionState& state);
    void fail_produces_for(const TopicPartition& tp);
    Partition* lookup(const TopicPartition& tp);
    const Partition* lookup(const TopicPartition& tp) const;

    BrokerServices& services_;
    ReplicaFetcherManager fetchers_;
    /// Ordered, so iteration (and anything it drives) is deterministic.
    std::map<TopicPartition, Partition> partitions_;
    /// The same partitions by hash, for lookups (Kafka's ReplicaManager keeps them in a
    /// hash map, allPartitions): every fetch looks up each partition it names. Map nodes
    /// never move, so the pointers hold.
    PartitionIndex<Partition> index_;
    ControllerEpoch controller_epoch_{0};
    std::vector<std::shared_ptr<PendingProduce>> pending_produces_;
    FetchPurgatory fetch_purgatory_;
    /// What a fetch that is not answered at once is read into: an idle follower's fetch
    /// waits almost every time, and this saves it a response it would throw away.
    FetchResponse fetch_probe_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkalab::kafka
