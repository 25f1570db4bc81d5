#pragma once
// Reading a __consumer_offsets partition back into groups and committed offsets, as
// a coordinator does when it becomes leader of that partition (the replay loop of
// Kafka's GroupMetadataManager.doLoadGroupsAndOffsets). Pure: it reads a log and
// returns what the records say; the manager turns that into live groups.
#include <cstdint>
#include <map>
#include <string>

#include "broker_model/group/group_metadata.h"
#include "broker_model/group/offsets_record_codec.h"
#include "broker_model/log/partition_log.h"

namespace kafkalab::kafka {

struct LoadedOffsetsPartition {
    /// The last GroupMetadata record of each group.
    std::map<std::string, GroupMetadataValue> groups;
    /// The last commit of each (group, partition), with where its record sits.
    std::map<std::string, std::map<TopicPartition, OffsetAndMetadata>> offsets;
    std::int64_t records_read = 0;
};

/// Replays every record from the log start to the log end offset (Kafka reads up to
/// the LEO, not the high watermark). Records that are not ours are skipped.
LoadedOffsetsPartition read_offsets_partition(const PartitionLog& log);

}  // namespace kafkalab::kafka
