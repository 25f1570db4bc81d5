#include "broker_model/common/errors.h"

namespace kafkalab::kafka {

const char* error_name(Error error) {
    switch (error) {
        case Error::none: return "NONE";
        case Error::offset_out_of_range: return "OFFSET_OUT_OF_RANGE";
        case Error::corrupt_message: return "CORRUPT_MESSAGE";
        case Error::unknown_topic_or_partition: return "UNKNOWN_TOPIC_OR_PARTITION";
        case Error::leader_not_available: return "LEADER_NOT_AVAILABLE";
        case Error::not_leader_or_follower: return "NOT_LEADER_OR_FOLLOWER";
        case Error::request_timed_out: return "REQUEST_TIMED_OUT";
        case Error::broker_not_available: return "BROKER_NOT_AVAILABLE";
        case Error::replica_not_available: return "REPLICA_NOT_AVAILABLE";
        case Error::message_too_large: return "MESSAGE_TOO_LARGE";
        case Error::network_exception: return "NETWORK_EXCEPTION";
        case Error::coordinator_load_in_progress: return "COORDINATOR_LOAD_IN_PROGRESS";
        case Error::coordinator_not_available: return "COORDINATOR_NOT_AVAILABLE";
        case Error::not_coordinator: return "NOT_COORDINATOR";
        case Error::stale_controller_epoch: return "STALE_CONTROLLER_EPOCH";
        case Error::offset_metadata_too_large: return "OFFSET_METADATA_TOO_LARGE";
        case Error::invalid_topic_exception: return "INVALID_TOPIC_EXCEPTION";
        case Error::not_enough_replicas: return "NOT_ENOUGH_REPLICAS";
        case Error::not_enough_replicas_after_append: return "NOT_ENOUGH_REPLICAS_AFTER_APPEND";
        case Error::invalid_required_acks: return "INVALID_REQUIRED_ACKS";
        case Error::illegal_generation: return "ILLEGAL_GENERATION";
        case Error::inconsistent_group_protocol: return "INCONSISTENT_GROUP_PROTOCOL";
        case Error::invalid_group_id: return "INVALID_GROUP_ID";
        case Error::unknown_member_id: return "UNKNOWN_MEMBER_ID";
        case Error::invalid_session_timeout: return "INVALID_SESSION_TIMEOUT";
        case Error::rebalance_in_progress: return "REBALANCE_IN_PROGRESS";
        case Error::invalid_commit_offset_size: return "INVALID_COMMIT_OFFSET_SIZE";
        case Error::topic_authorization_failed: return "TOPIC_AUTHORIZATION_FAILED";
        case Error::invalid_timestamp: return "INVALID_TIMESTAMP";
        case Error::unsupported_version: return "UNSUPPORTED_VERSION";
        case Error::topic_already_exists: return "TOPIC_ALREADY_EXISTS";
        case Error::invalid_partitions: return "INVALID_PARTITIONS";
        case Error::invalid_replication_factor: return "INVALID_REPLICATION_FACTOR";
        case Error::invalid_replica_assignment: return "INVALID_REPLICA_ASSIGNMENT";
        case Error::invalid_config: return "INVALID_CONFIG";
        case Error::not_controller: return "NOT_CONTROLLER";
        case Error::invalid_request: return "INVALID_REQUEST";
        case Error::out_of_order_sequence_number: return "OUT_OF_ORDER_SEQUENCE_NUMBER";
        case Error::duplicate_sequence_number: return "DUPLICATE_SEQUENCE_NUMBER";
        case Error::invalid_producer_epoch: return "INVALID_PRODUCER_EPOCH";
        case Error::kafka_storage_error: return "KAFKA_STORAGE_ERROR";
        case Error::unknown_producer_id: return "UNKNOWN_PRODUCER_ID";
        case Error::reassignment_in_progress: return "REASSIGNMENT_IN_PROGRESS";
        case Error::fenced_leader_epoch: return "FENCED_LEADER_EPOCH";
        case Error::stale_broker_epoch: return "STALE_BROKER_EPOCH";
        case Error::unknown_leader_epoch: return "UNKNOWN_LEADER_EPOCH";
        case Error::offset_not_available: return "OFFSET_NOT_AVAILABLE";
        case Error::member_id_required: return "MEMBER_ID_REQUIRED";
        case Error::preferred_leader_not_available: return "PREFERRED_LEADER_NOT_AVAILABLE";
        case Error::group_max_size_reached: return "GROUP_MAX_SIZE_REACHED";
        case Error::fenced_instance_id: return "FENCED_INSTANCE_ID";
        case Error::eligible_leaders_not_available: return "ELIGIBLE_LEADERS_NOT_AVAILABLE";
        case Error::election_not_needed: return "ELECTION_NOT_NEEDED";
        case Error::group_id_not_found: return "GROUP_ID_NOT_FOUND";
        case Error::unstable_offset_commit: return "UNSTABLE_OFFSET_COMMIT";
        case Error::topic_deletion_disabled: return "TOPIC_DELETION_DISABLED";
        case Error::invalid_update_version: return "INVALID_UPDATE_VERSION";
        case Error::ineligible_replica: return "INELIGIBLE_REPLICA";
    }
    return "UNKNOWN_SERVER_ERROR";
}

bool is_retriable(Error error) {
    switch (error) {
        case Error::corrupt_message:
        case Error::unknown_topic_or_partition:
        case Error::leader_not_available:
        case Error::not_leader_or_follower:
        case Error::request_timed_out:
        case Error::network_exception:
        case Error::coordinator_load_in_progress:
        case Error::coordinator_not_available:
        case Error::not_coordinator:
        case Error::not_enough_replicas:
        case Error::not_enough_replicas_after_append:
        case Error::not_controller:
        case Error::kafka_storage_error:
        case Error::fenced_leader_epoch:
        case Error::unknown_leader_epoch:
        case Error::offset_not_available:
        case Error::unstable_offset_commit:
            return true;
        default:
            return false;
    }
}

}  // namespace kafkalab::kafka
