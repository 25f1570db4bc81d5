#pragma once
// Kafka's vocabulary as distinct types, so an offset can never be passed as an epoch.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "sim/strong.h"

namespace kafkalab::kafka {

using BrokerId = Strong<std::int32_t, struct BrokerIdTag>;       // broker.id; -1 = none
using Offset = Strong<std::int64_t, struct OffsetTag>;           // position in a partition's log
using LeaderEpoch = Strong<std::int32_t, struct LeaderEpochTag>;  // bumped on every leader change
using ControllerEpoch = Strong<std::int32_t, struct ControllerEpochTag>;
using Generation = Strong<std::int32_t, struct GenerationTag>;   // consumer group generation
using ProducerId = Strong<std::int64_t, struct ProducerIdTag>;   // -1 = not idempotent
using ProducerEpoch = Strong<std::int16_t, struct ProducerEpochTag>;

constexpr BrokerId no_broker{-1};
constexpr LeaderEpoch no_epoch{-1};
constexpr ProducerId no_producer_id{-1};

/// A topic partition, "payments-0" in Kafka's own notation.
struct TopicPartition {
    std::string topic;
    std::int32_t partition = 0;

    auto operator<=>(const TopicPartition&) const = default;
    std::string to_string() const { return topic + "-" + std::to_string(partition); }
};

/// acks: 0 (no answer), 1 (the leader's append), all (-1: the whole ISR).
enum class Acks : std::int8_t { none = 0, leader = 1, all = -1 };

}  // namespace kafkalab::kafka
