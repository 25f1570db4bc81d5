#pragma once
// What kafka-consumer-groups needs to know about a group: plain data the caller copies
// from the simulated group coordinator (what Admin.describeConsumerGroups,
// listConsumerGroupOffsets and listOffsets would answer).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "broker_model/common/types.h"

namespace kafkalab::scenarios {

/// Kafka's ConsumerGroupState, printed by its name ("PreparingRebalance", ...).
enum class ConsumerGroupState { preparing_rebalance, completing_rebalance, stable, dead, empty };

/// Kafka's name for the state.
std::string_view consumer_group_state_name(ConsumerGroupState state);

/// The state Kafka's ConsumerGroupState.parse finds for a name (case-sensitive in 3.6),
/// or nothing for an unknown name.
std::optional<ConsumerGroupState> parse_consumer_group_state(std::string_view name);

struct GroupMemberDescription {
    std::string consumer_id;        // "console-consumer-1a2b..." as the coordinator assigned it.
    std::string group_instance_id;  // Static membership (KIP-345); empty when dynamic.
    std::string client_id;
    std::string host;               // As Kafka prints it, e.g. "/127.0.0.1".
    std::vector<kafka::TopicPartition> assignment;  // In the order the assignor listed them.
};

struct GroupCoordinatorAddress {
    kafka::BrokerId id{-1};
    std::string host;
    std::int32_t port = 9092;
};

struct ConsumerGroupDescription {
    std::string group_id;
    /// A group the coordinator does not know is described as dead with no members, as
    /// Kafka's coordinator answers; kafka-consumer-groups then says it does not exist.
    ConsumerGroupState state = ConsumerGroupState::dead;
    std::string assignment_strategy;  // The protocol chosen ("range"); empty when none.
    GroupCoordinatorAddress coordinator;
    std::vector<GroupMemberDescription> members;  // In the coordinator's order.
    /// Committed offsets. A partition with no commit is absent.
    std::map<kafka::TopicPartition, std::int64_t> committed_offsets;
    /// Log end offsets of the partitions above and of every assigned partition. A
    /// partition whose end is unknown (no leader) is absent and prints "-".
    std::map<kafka::TopicPartition, std::int64_t> log_end_offsets;
};

/// One row of kafka-consumer-groups --list.
struct ConsumerGroupListing {
    std::string group_id;
    ConsumerGroupState state = ConsumerGroupState::empty;
};

}  // namespace kafkalab::scenarios
