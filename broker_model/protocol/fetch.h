#pragma once
// Fetch (API key 1): consumers and followers alike read a leader's log with it. A
// follower's fetch offset doubles as its acknowledgement: it tells the leader the
// follower's log end offset, which is how the high watermark advances.
#include <optional>
#include <string>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "broker_model/common/errors.h"
#include "broker_model/common/types.h"
#include "broker_model/log/leader_epoch_cache.h"
#include "broker_model/log/stored_batch.h"
#include "broker_model/protocol/api.h"

namespace kafkalab::kafka {

struct FetchPartition {
    TopicPartition partition;
    Offset fetch_offset{0};
    /// The leader epoch the fetcher believes current (KIP-320); -1 to skip the check.
    LeaderEpoch current_leader_epoch = no_epoch;
    std::int32_t partition_max_bytes = 1'048'576;
    /// Fetch v12+ (KAFKA-10554, from Kafka 2.8): a follower names the epoch of the last
    /// record it has, so that the leader can tell whether the logs diverge there.
    std::optional<LeaderEpoch> last_fetched_epoch = std::nullopt;
};

struct FetchRequest final : Request<ApiKey::fetch> {
    /// The follower's broker id, or -1 for a consumer (Kafka's replica_id).
    BrokerId replica_id = no_broker;
    std::int32_t max_wait_ms = 500;
    std::int32_t min_bytes = 1;
    std::int32_t max_bytes = 52'428'800;
    /// Room for one partition inline: a follower's fetch to a leader it shares one
    /// partition with (most of them, in a large cluster) allocates nothing for it.
    boost::container::small_vector<FetchPartition, 1> partitions;

    bool from_follower() const { return replica_id != no_broker; }
    std::size_t size_bytes() const override { return request_header_bytes + 20 + 36 * partitions.size(); }
    std::string summary() const override;
};

struct FetchPartitionResponse {
    TopicPartition partition;
    Error error = Error::none;
    Offset high_watermark{-1};
    Offset log_start_offset{-1};
    std::vector<StoredBatch> batches;
    /// Set instead of records when the fetcher's last fetched epoch ends, on the leader,
    /// before its fetch offset or in an older epoch (Partition.readRecords): the largest
    /// leader epoch not above it and where that epoch ends. The follower truncates there.
    std::optional<EpochEndOffset> diverging_epoch = std::nullopt;

    std::size_t records() const;
};

struct FetchResponse final : Response<ApiKey::fetch> {
    boost::container::small_vector<FetchPartitionResponse, 1> partitions;  // as the request's

    std::size_t size_bytes() const override;
    std::string summary() const override;
};

}  // namespace kafkalab::kafka
