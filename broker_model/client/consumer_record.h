#pragma once
// One record as poll() hands it to the application (Kafka's ConsumerRecord), plus the
// simulator's record id, which lets a checker follow a record from its send to every
// consumer that read it.
#include <cstdint>
#include <optional>
#include <string>

#include "broker_model/common/types.h"
#include "broker_model/log/record_data.h"

namespace kafkalab::kafka {

struct ConsumerRecord {
    TopicPartition partition;
    Offset offset{-1};
    /// The leader epoch of the batch the record came in (partitionLeaderEpoch).
    LeaderEpoch leader_epoch = no_epoch;
    /// Nothing for a null key.
    std::optional<std::string> key;
    /// The value's bytes; empty for a synthetic value.
    std::string value;
    /// CreateTime, as the producer stamped it.
    std::int64_t timestamp_ms = -1;
    RecordId record_id = 0;
};

}  // namespace kafkalab::kafka
