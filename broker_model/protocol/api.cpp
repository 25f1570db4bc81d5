#include "broker_model/protocol/api.h"

namespace kafkalab::kafka {

const char* api_message_name(ApiKey key, bool response) {
    switch (key) {
        case ApiKey::produce: return response ? "ProduceResponse" : "Produce";
        case ApiKey::fetch: return response ? "FetchResponse" : "Fetch";
        case ApiKey::list_offsets: return response ? "ListOffsetsResponse" : "ListOffsets";
        case ApiKey::metadata: return response ? "MetadataResponse" : "Metadata";
        case ApiKey::leader_and_isr: return response ? "LeaderAndIsrResponse" : "LeaderAndIsr";
        case ApiKey::stop_replica: return response ? "StopReplicaResponse" : "StopReplica";
        case ApiKey::update_metadata: return response ? "UpdateMetadataResponse" : "UpdateMetadata";
        case ApiKey::controlled_shutdown: return response ? "ControlledShutdownResponse" : "ControlledShutdown";
        case ApiKey::offset_commit: return response ? "OffsetCommitResponse" : "OffsetCommit";
        case ApiKey::offset_fetch: return response ? "OffsetFetchResponse" : "OffsetFetch";
        case ApiKey::find_coordinator: return response ? "FindCoordinatorResponse" : "FindCoordinator";
        case ApiKey::join_group: return response ? "JoinGroupResponse" : "JoinGroup";
        case ApiKey::heartbeat: return response ? "HeartbeatResponse" : "Heartbeat";
        case ApiKey::leave_group: return response ? "LeaveGroupResponse" : "LeaveGroup";
        case ApiKey::sync_group: return response ? "SyncGroupResponse" : "SyncGroup";
        case ApiKey::describe_groups: return response ? "DescribeGroupsResponse" : "DescribeGroups";
        case ApiKey::list_groups: return response ? "ListGroupsResponse" : "ListGroups";
        case ApiKey::api_versions: return response ? "ApiVersionsResponse" : "ApiVersions";
        case ApiKey::create_topics: return response ? "CreateTopicsResponse" : "CreateTopics";
        case ApiKey::delete_topics: return response ? "DeleteTopicsResponse" : "DeleteTopics";
        case ApiKey::init_producer_id: return response ? "InitProducerIdResponse" : "InitProducerId";
        case ApiKey::offset_for_leader_epoch:
            return response ? "OffsetsForLeaderEpochResponse" : "OffsetsForLeaderEpoch";
        case ApiKey::create_partitions: return response ? "CreatePartitionsResponse" : "CreatePartitions";
        case ApiKey::alter_partition: return response ? "AlterPartitionResponse" : "AlterPartition";
    }
    return response ? "UnknownResponse" : "Unknown";
}

}  // namespace kafkalab::kafka
