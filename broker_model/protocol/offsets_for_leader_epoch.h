#pragma once
// OffsetsForLeaderEpoch (API key 23, KIP-101/KIP-279): a follower that has just become
// a follower asks the leader where its latest epoch ended, and truncates its log there
// instead of to its high watermark, so it neither loses committed records nor keeps a
// divergent tail.
#include <string>
#include <vector>

#include "broker_model/common/errors.h"
#include "broker_model/common/types.h"
#include "broker_model/protocol/api.h"

namespace kafkalab::kafka {

struct EpochQuery {
    TopicPartition partition;
    LeaderEpoch current_leader_epoch = no_epoch;  // fences a stale leader
    LeaderEpoch leader_epoch = no_epoch;          // the epoch whose end offset is wanted
};

struct OffsetsForLeaderEpochRequest final : Request<ApiKey::offset_for_leader_epoch> {
    BrokerId replica_id = no_broker;
    std::vector<EpochQuery> partitions;

    std::size_t size_bytes() const override { return request_header_bytes + 30 * partitions.size(); }
    std::string summary() const override;
};

struct EpochEndOffsetResult {
    TopicPartition partition;
    Error error = Error::none;
    LeaderEpoch leader_epoch = no_epoch;
    Offset end_offset{-1};
};

struct OffsetsForLeaderEpochResponse final : Response<ApiKey::offset_for_leader_epoch> {
    std::vector<EpochEndOffsetResult> partitions;

    std::size_t size_bytes() const override { return response_header_bytes + 30 * partitions.size(); }
    std::string summary() const override;
};

}  // namespace kafkalab::kafka
