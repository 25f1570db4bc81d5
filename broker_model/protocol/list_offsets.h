#pragma once
// ListOffsets (API key 2): where a partition's log starts or ends, which a consumer
// needs for auto.offset.reset (earliest = -2, latest = -1).
#include <string>
#include <vector>

#include "broker_model/common/errors.h"
#include "broker_model/common/types.h"
#include "broker_model/protocol/api.h"

namespace kafkalab::kafka {

constexpr std::int64_t earliest_timestamp = -2;  // ListOffsetsRequest.EARLIEST_TIMESTAMP
constexpr std::int64_t latest_timestamp = -1;    // ListOffsetsRequest.LATEST_TIMESTAMP

struct ListOffsetsPartition {
    TopicPartition partition;
    std::int64_t timestamp = latest_timestamp;
};

struct ListOffsetsRequest final : Request<ApiKey::list_offsets> {
    BrokerId replica_id = no_broker;
    std::vector<ListOffsetsPartition> partitions;

    std::size_t size_bytes() const override { return request_header_bytes + 30 * partitions.size(); }
    std::string summary() const override;
};

struct ListOffsetsPartitionResponse {
    TopicPartition partition;
    Error error = Error::none;
    Offset offset{-1};
    LeaderEpoch leader_epoch = no_epoch;
};

struct ListOffsetsResponse final : Response<ApiKey::list_offsets> {
    std::vector<ListOffsetsPartitionResponse> partitions;

    std::size_t size_bytes() const override { return response_header_bytes + 30 * partitions.size(); }
    std::string summary() const override;
};

}  // namespace kafkalab::kafka
