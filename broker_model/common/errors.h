#pragma once
// Kafka's error codes, with Kafka's numbers and names (org.apache.kafka.common.protocol.Errors),
// so a response here reads like one from a real broker.
#include <cstdint>

namespace kafkalab::kafka {

enum class Error : std::int16_t {
    none = 0,
    offset_out_of_range = 1,
    corrupt_message = 2,
    unknown_topic_or_partition = 3,
    leader_not_available = 5,
    not_leader_or_follower = 6,
    request_timed_out = 7,
    broker_not_available = 8,
    replica_not_available = 9,
    message_too_large = 10,
    network_exception = 13,
    coordinator_load_in_progress = 14,
    coordinator_not_available = 15,
    not_coordinator = 16,
    stale_controller_epoch = 11,
    offset_metadata_too_large = 12,
    invalid_topic_exception = 17,
    not_enough_replicas = 19,
    not_enough_replicas_after_append = 20,
    invalid_required_acks = 21,
    illegal_generation = 22,
    inconsistent_group_protocol = 23,
    invalid_group_id = 24,
    unknown_member_id = 25,
    invalid_session_timeout = 26,
    rebalance_in_progress = 27,
    invalid_commit_offset_size = 28,
    topic_authorization_failed = 29,
    invalid_timestamp = 32,
    unsupported_version = 35,
    topic_already_exists = 36,
    invalid_partitions = 37,
    invalid_replication_factor = 38,
    invalid_replica_assignment = 39,
    invalid_config = 40,
    not_controller = 41,
    invalid_request = 42,
    out_of_order_sequence_number = 45,
    duplicate_sequence_number = 46,
    invalid_producer_epoch = 47,
    kafka_storage_error = 56,
    unknown_producer_id = 59,
    reassignment_in_progress = 60,
    fenced_leader_epoch = 74,
    stale_broker_epoch = 77,
    unknown_leader_epoch = 75,
    offset_not_available = 78,
    member_id_required = 79,
    preferred_leader_not_available = 80,
    group_max_size_reached = 81,
    fenced_instance_id = 82,
    eligible_leaders_not_available = 83,
    election_not_needed = 84,
    group_id_not_found = 69,
    unstable_offset_commit = 88,
    topic_deletion_disabled = 73,
    invalid_update_version = 95,
    ineligible_replica = 107,
};

/// Kafka's upper-case name: "NOT_LEADER_OR_FOLLOWER".
const char* error_name(Error error);

/// Whether a client should retry after this error (Kafka's RetriableException family).
bool is_retriable(Error error);

}  // namespace kafkalab::kafka
