#include "broker_model/client/range_assignor.h"

#include <algorithm>

namespace kafkalab::kafka {

GroupAssignment RangeAssignor::assign(const PartitionCounts& partitions_per_topic,
                                      const std::vector<GroupMember>& members) const {
    GroupAssignment assignment = empty_assignment(members);
    const std::vector<std::size_t> order = member_info_order(members);
    for (const auto& [topic, partition_count] : subscribed_partition_counts(partitions_per_topic, members)) {
        std::vector<const GroupMember*> consumers;
        for (std::size_t index : order) {
            const auto& topics = members[index].topics;
            if (std::find(topics.begin(), topics.end(), topic) != topics.end()) consumers.push_back(&members[index]);
        }
        const auto consumer_count = static_cast<std::int32_t>(consumers.size());
        const std::int32_t per_consumer = partition_count / consumer_count;
        const std::int32_t with_extra = partition_count % consumer_count;
        for (std::int32_t i = 0; i < consumer_count; ++i) {
            const std::int32_t start = i * per_consumer + std::min(i, with_extra);
            const std::int32_t length = per_consumer + (i < with_extra ? 1 : 0);
            auto& target = assignment[consumers[static_cast<std::size_t>(i)]->member_id];
            for (std::int32_t p = start; p < start + length; ++p) target.push_back(TopicPartition{topic, p});
        }
    }
    sort_assignment(assignment);
    return assignment;
}

}  // namespace kafkalab::kafka
