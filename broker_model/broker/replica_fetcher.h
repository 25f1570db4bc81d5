#pragma once
// Followers pull (Kafka's ReplicaFetcherThread): one fetcher per leader broker sends
// one Fetch for all the partitions it follows there, appends what comes back, takes
// the leader's high watermark, and fetches again. A partition that has just started
// following cuts any divergent tail of its log, by its Kafka release's mechanism
// (follower_truncation.h): to its high watermark before 0.11; where the leader says its
// latest epoch ended (OffsetsForLeaderEpoch, KIP-101/KIP-279) before the first fetch up
// to 2.7; from 2.8 at the diverging epoch a Fetch response names (KAFKA-10554).
#include <cstdint>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include "broker_model/broker/broker_services.h"
#include "broker_model/common/partition_index.h"
#include "broker_model/log/truncation_note.h"
#include "broker_model/protocol/fetch.h"
#include "broker_model/protocol/offsets_for_leader_epoch.h"

namespace kafkalab::kafka {

class ReplicaFetcherManager {
public:
    explicit ReplicaFetcherManager(BrokerServices& services) : services_(services) {}
    ~ReplicaFetcherManager();

    /// Starts following `tp` from `leader` in `leader_epoch`; truncation comes first.
    void add(const TopicPartition& tp, BrokerId leader, LeaderEpoch leader_epoch);
    void remove(const TopicPartition& tp);
    /// The leader of each followed partition, for the viewer and tests.
    std::map<TopicPartition, BrokerId> followed() const;

private:
    struct FetchState {
        /// The partition's log, looked up once (each round trip looked it up twice).
        /// LogManager entries never move, and StopReplica removes a partition here
        /// before it erases the log.
        PartitionLog* log = nullptr;
        LeaderEpoch leader_epoch = no_epoch;
        bool truncating = true;
        bool delayed = false;  // after an error, until the backoff passes
    };
    struct Fetcher {
        BrokerId leader;
        /// Ordered: a request names its partitions in this order.
        std::map<TopicPartition, FetchState> partitions;
        bool in_flight = false;
        bool backing_off = false;
        /// The leader's node as node_of last found it, valid while the metadata cache
        /// is at `node_version`: node_of walks the live brokers and hashes a host name.
        sim::NodeIndex node = sim::no_node;
        std::uint64_t node_version = 0;
    };

    void kick(BrokerId leader);
    void kick(Fetcher& fetcher);
    sim::NodeIndex leader_node(Fetcher& fetcher);
    void send_epoch_queries(Fetcher& fetcher);
    void send_fetch(Fetcher& fetcher);
    void on_epoch_response(BrokerId leader, const OffsetsForLeaderEpochResponse& response);
    void on_fetch_response(Fetcher& fetcher, const FetchResponse& response);
    /// KIP-279: truncate according to the leader's answer; true when done.
    bool truncate(PartitionLog& log, const EpochEndOffsetResult& answer, LeaderEpochSource source);
    void back_off(BrokerId leader);

    BrokerServices& services_;
    /// Never iterated where order shows; entries are never erased, so references to a
    /// Fetcher hold. A cluster of 1,000 brokers has about 200 fetchers per broker, and
    /// each response looked its fetcher up in an ordered map three times.
    std::unordered_map<BrokerId, Fetcher> fetchers_;
    /// The fetcher following each partition, so remove() need not ask every fetcher.
    /// Keys point into that fetcher's `partitions`.
    PartitionIndex<Fetcher> fetcher_of_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkalab::kafka
