#include "broker_model/client/round_robin_assignor.h"

#include <algorithm>

namespace kafkalab::kafka {

GroupAssignment RoundRobinAssignor::assign(const PartitionCounts& partitions_per_topic,
                                           const std::vector<GroupMember>& members) const {
    GroupAssignment assignment = empty_assignment(members);
    const std::vector<std::size_t> order = member_info_order(members);
    const auto subscribes = [&](std::size_t member, const std::string& topic) {
        const auto& topics = members[member].topics;
        return std::find(topics.begin(), topics.end(), topic) != topics.end();
    };
    // The circular iterator's position: the next member to consider. It carries over from
    // one topic to the next, which is what spreads the partitions of several topics.
    std::size_t next = 0;
    // PartitionCounts is ordered by topic, so this walks partitions sorted by topic, then number.
    for (const auto& [topic, partition_count] : subscribed_partition_counts(partitions_per_topic, members)) {
        for (std::int32_t p = 0; p < partition_count; ++p) {
            // Some member subscribes to this topic, so the skipping ends within one lap.
            while (!subscribes(order[next], topic)) next = (next + 1) % order.size();
            assignment[members[order[next]].member_id].push_back(TopicPartition{topic, p});
            next = (next + 1) % order.size();
        }
    }
    sort_assignment(assignment);
    return assignment;
}

}  // namespace kafkalab::kafka
