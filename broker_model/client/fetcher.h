#pragma once
// The consumer's reading machinery (Kafka's Fetcher and OffsetFetcher): it resets
// positions with ListOffsets, sends Fetch requests to each partition's leader, buffers
// what comes back, and hands records to poll() at most max.poll.records at a time.
//
// Rules it keeps, as the Java client does:
//   - one fetch in flight per broker; a partition with buffered records is not fetched
//     again until poll() drained them (so memory stays bounded by one response);
//   - each fetch names the leader epoch the consumer believes current (KIP-320), so a
//     deposed leader answers FENCED_LEADER_EPOCH instead of serving stale data;
//   - NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH, UNKNOWN_LEADER_EPOCH,
//     UNKNOWN_TOPIC_OR_PARTITION and broken connections refresh the metadata;
//   - OFFSET_OUT_OF_RANGE resets the position with auto.offset.reset (none: stop);
//   - records reach the application only from the position on, in offset order; data
//     fetched for a position that has since moved (a seek, a revocation) is dropped.
// Brokers only ever return records below the high watermark to consumers.
#include <deque>
#include <functional>
#include <memory>
#include <set>
#include <vector>

#include "broker_model/client/client_metadata.h"
#include "broker_model/client/consumer_config.h"
#include "broker_model/client/polled_records.h"
#include "broker_model/client/subscription_state.h"
#include "broker_model/protocol/fetch.h"
#include "broker_model/protocol/list_offsets.h"
#include "broker_model/protocol/network_client.h"
#include "sim/node.h"

namespace kafkalab::kafka {

class Fetcher {
public:
    Fetcher(sim::NodeContext& context, NetworkClient& network, ClientMetadata& metadata,
            SubscriptionState& subscriptions, const ConsumerConfig& config);
    ~Fetcher();
    Fetcher(const Fetcher&) = delete;
    Fetcher& operator=(const Fetcher&) = delete;

    /// Called whenever records arrive or positions change, so a waiting poll can wake.
    void set_listener(std::function<void()> listener) { listener_ = std::move(listener); }

    /// ListOffsets for every partition awaiting a reset that is not being reset already.
    void reset_positions();
    /// A Fetch to each leader that has fetchable partitions and no fetch in flight.
    void send_fetches();

    /// Whether poll() would return something now.
    bool has_records() const;
    /// Up to `max_records` records, advancing positions (Fetcher.collectFetch).
    PolledRecords collect(std::int32_t max_records);
    /// Forgets buffered records that are not next any more: their partition was
    /// revoked, or its position moved (a reset, a new assignment from committed offsets).
    void drop_stale();

    std::size_t fetches_in_flight() const { return fetch_in_flight_.size(); }

private:
    /// The batches of one partition from one fetch response, not yet all returned
    /// (CompletedFetch): records are read out of them only when poll() takes them.
    struct CompletedFetch {
        TopicPartition partition;
        std::vector<StoredBatch> batches;
        std::size_t batch = 0;  // the batch holding next_offset
        Offset next_offset{0};  // the next record to return
    };

    void send_fetch(sim::NodeIndex node, const std::vector<TopicPartition>& partitions);
    void on_fetch_response(sim::NodeIndex node, Error error, const sim::MessagePtr& response,
                           const std::map<TopicPartition, Offset>& fetched_at);
    void on_partition_data(const FetchPartitionResponse& data, Offset fetched_at);
    void send_list_offsets(sim::NodeIndex node, const std::vector<TopicPartition>& partitions);
    void on_list_offsets_response(Error error, const sim::MessagePtr& response,
                                  const std::vector<TopicPartition>& asked);
    bool is_buffered(const TopicPartition& tp) const;
    /// Whether a buffered response's next record is the partition's position.
    bool is_next(const CompletedFetch& completed) const;
    /// Asks for fresh metadata once per metadata version, so that repeated errors do
    /// not keep postponing the refresh.
    void want_metadata();
    /// Whether `tp` waits for metadata newer than the answer that failed it.
    bool awaiting_metadata(const TopicPartition& tp) const;
    void notify();

    sim::NodeContext& context_;
    NetworkClient& network_;
    ClientMetadata& metadata_;
    SubscriptionState& subscriptions_;
    const ConsumerConfig& config_;
    /// Brokers with a fetch in flight; at most one each.
    std::set<sim::NodeIndex> fetch_in_flight_;
    /// Partitions whose leader answered with an error, and the metadata version they
    /// got it with: they are not fetched again until newer metadata has arrived
    /// (Fetcher.requestMetadataUpdate).
    std::map<TopicPartition, std::uint64_t> awaiting_metadata_;
    /// The metadata version at which an update was last requested.
    std::optional<std::uint64_t> metadata_requested_at_;
    /// Partitions with a ListOffsets in flight.
    std::set<TopicPartition> reset_in_flight_;
    /// A failed reset waits retry.backoff.ms before the next attempt.
    sim::Time next_reset_attempt_{};
    /// Fetched records in arrival order; at most one entry per partition.
    std::deque<CompletedFetch> completed_;
    std::function<void()> listener_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkalab::kafka
