#pragma once
// Followers pull (Kafka's ReplicaFetcherThread): one fetcher per leader broker sends
// one Fetch for all the partitions it follows there, appends what comes back, takes
// the leader's high watermark, and fetches again. A partition that has just started
// following first truncates its log: it asks the leader where its latest leader epoch
// ended (OffsetsForLeaderEpoch, KIP-101/KIP-279) and cuts any divergent tail.
#include <map>
#include <memory>
#include <vector>

#include "broker_model/broker/broker_services.h"
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
        LeaderEpoch leader_epoch = no_epoch;
        bool truncating = true;
        bool delayed = false;  // after an error, until the backoff passes
    };
    struct Fetcher {
        BrokerId leader;
        std::map<TopicPartition, FetchState> partitions;
        bool in_flight = false;
        bool backing_off = false;
    };

    void kick(BrokerId leader);
    void send_epoch_queries(Fetcher& fetcher);
    void send_fetch(Fetcher& fetcher);
    void on_epoch_response(BrokerId leader, const OffsetsForLeaderEpochResponse& response);
    void on_fetch_response(BrokerId leader, const FetchResponse& response);
    /// KIP-279: truncate according to the leader's answer; true when done.
    bool truncate(PartitionLog& log, const EpochEndOffsetResult& answer);
    void back_off(BrokerId leader);

    BrokerServices& services_;
    std::map<BrokerId, Fetcher> fetchers_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkalab::kafka
