#pragma once
// The bytes the consumer protocol (protocol_type "consumer") carries inside JoinGroup
// and SyncGroup, which the broker only stores and forwards in Kafka but the simulation
// models as fields: ConsumerProtocolSubscription (the member's topics and owned
// partitions) and ConsumerProtocolAssignment (the partitions the leader gave it).
// Neither is flexible; later versions only append fields, so a reader parses the
// versions it knows and ignores what follows, as Kafka's own consumer does.
//
// User data (a custom assignor's state) is not modelled: it is dropped on decode and
// written as empty bytes, which is what librdkafka and kafkajs send themselves.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "broker_model/common/types.h"
#include "broker_model/protocol/group_requests.h"

namespace kafkalab::kafka::wire {

/// The subscription in `bytes`: topics, owned partitions (v1+) and generation (v2+);
/// `name` stays empty, it travels beside the bytes. nullopt when the bytes do not parse.
std::optional<GroupProtocol> decode_subscription(std::string_view bytes);

/// Subscription bytes for `protocol`: version 1 (topics, user data, owned partitions),
/// or version 2 with the generation when it is known. librdkafka 2.0.2 reads owned
/// partitions from v1 on and ignores what follows; kafkajs reads only the v0 fields.
std::string encode_subscription(const GroupProtocol& protocol);

/// The assigned partitions in `bytes`, flattened in order. Empty bytes are an empty
/// assignment (Kafka gives them to members the leader left out); nullopt when the
/// bytes do not parse.
std::optional<std::vector<TopicPartition>> decode_assignment(std::string_view bytes);

/// Assignment bytes, version 0 (what librdkafka writes), with consecutive partitions of
/// one topic under one entry.
std::string encode_assignment(const std::vector<TopicPartition>& partitions);

}  // namespace kafkalab::kafka::wire
