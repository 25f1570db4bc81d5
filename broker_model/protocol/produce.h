#pragma once
// Produce (API key 0): a producer's batches for one or more partitions, all bound for
// the partitions' leader. acks=0 gets no response at all.
#include <memory>
#include <string>
#include <vector>

#include "broker_model/common/errors.h"
#include "broker_model/common/types.h"
#include "broker_model/log/stored_batch.h"
#include "broker_model/protocol/api.h"

namespace kafkalab::kafka {

struct ProducePartitionData {
    TopicPartition partition;
    std::shared_ptr<const RecordData> records;
    ProducerBatchInfo producer;
};

struct ProduceRequest final : Request<ApiKey::produce> {
    Acks acks = Acks::all;
    std::int32_t timeout_ms = 30'000;  // how long acks=all may wait for the ISR
    std::vector<ProducePartitionData> partitions;

    std::size_t size_bytes() const override;
    std::string summary() const override;
};

struct ProducePartitionResponse {
    TopicPartition partition;
    Error error = Error::none;
    Offset base_offset{-1};
    Offset log_start_offset{-1};
};

struct ProduceResponse final : Response<ApiKey::produce> {
    std::vector<ProducePartitionResponse> partitions;

    std::size_t size_bytes() const override { return response_header_bytes + 40 * partitions.size(); }
    std::string summary() const override;
};

}  // namespace kafkalab::kafka
