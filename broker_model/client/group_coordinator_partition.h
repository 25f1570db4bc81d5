#pragma once
// Which __consumer_offsets partition holds a group's metadata and offsets. The leader of
// that partition is the group's coordinator (FindCoordinator answers with it).
#include <cstdint>
#include <string_view>

namespace kafkalab::kafka {

/// offsets.topic.num.partitions default.
constexpr std::int32_t default_offsets_topic_partitions = 50;

/// GroupMetadataManager.partitionFor: Utils.abs(groupId.hashCode) % offsets_topic_partitions,
/// with Java's String.hashCode over UTF-16 code units and Kafka's abs (0 for
/// Integer.MIN_VALUE). Requires offsets_topic_partitions > 0.
std::int32_t coordinator_partition(std::string_view group_id,
                                   std::int32_t offsets_topic_partitions = default_offsets_topic_partitions);

}  // namespace kafkalab::kafka
