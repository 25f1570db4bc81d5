#pragma once
// Kafka's APIs as typed messages on the simulated network. Each request and response
// mirrors the fields of Kafka's own (same names, same error codes), so a student who
// reads a trace here can read Kafka's protocol guide, and the same structs can later be
// encoded to the real wire protocol. Sizes approximate the real encoding so that the
// network's bandwidth applies.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/message.h"

namespace kafkalab::kafka {

/// Kafka's API keys (org.apache.kafka.common.protocol.ApiKeys).
enum class ApiKey : std::int16_t {
    produce = 0,
    fetch = 1,
    list_offsets = 2,
    metadata = 3,
    leader_and_isr = 4,
    stop_replica = 5,
    update_metadata = 6,
    controlled_shutdown = 7,
    offset_commit = 8,
    offset_fetch = 9,
    find_coordinator = 10,
    join_group = 11,
    heartbeat = 12,
    leave_group = 13,
    sync_group = 14,
    describe_groups = 15,
    list_groups = 16,
    api_versions = 18,
    create_topics = 19,
    delete_topics = 20,
    init_producer_id = 22,
    offset_for_leader_epoch = 23,
    create_partitions = 37,
    alter_partition = 56,
};

/// Message type ids: requests are 1 + key, responses 200 + key (ZooKeeper uses 100-199).
constexpr std::uint16_t request_type(ApiKey key) { return static_cast<std::uint16_t>(1 + static_cast<int>(key)); }
constexpr std::uint16_t response_type(ApiKey key) { return static_cast<std::uint16_t>(200 + static_cast<int>(key)); }
constexpr bool is_kafka_message(std::uint16_t type) { return (type >= 1 && type < 100) || (type >= 200 && type < 300); }

/// "Produce", "FetchResponse", ...: static strings, as sim::Message::name() requires.
const char* api_message_name(ApiKey key, bool response);

/// Bytes of a request header (size, api key, version, correlation id, client id).
constexpr std::size_t request_header_bytes = 24;
constexpr std::size_t response_header_bytes = 8;

/// The common part of every request and response: the correlation id that pairs a
/// response with its request on one connection, as in Kafka's RequestHeader.
struct KafkaMessageBase : sim::Message {
    using sim::Message::Message;
    std::int32_t correlation_id = 0;
};

template <ApiKey Key, bool IsResponse>
struct KafkaMessage : KafkaMessageBase {
    static constexpr ApiKey api_key = Key;
    static constexpr std::uint16_t type_id = IsResponse ? response_type(Key) : request_type(Key);

    KafkaMessage() : KafkaMessageBase(type_id) {}
    const char* name() const override { return api_message_name(Key, IsResponse); }
};

template <ApiKey Key>
using Request = KafkaMessage<Key, false>;
template <ApiKey Key>
using Response = KafkaMessage<Key, true>;

/// Casts a received message to the type its id says it is.
template <class T>
const T& message_as(const sim::Message& message) {
    return static_cast<const T&>(message);
}

}  // namespace kafkalab::kafka
