#include "broker_model/client/assignor.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "broker_model/client/cooperative_sticky_assignor.h"
#include "broker_model/client/range_assignor.h"
#include "broker_model/client/round_robin_assignor.h"

namespace kafkalab::kafka {

std::optional<RebalanceProtocol> common_rebalance_protocol(const std::vector<const Assignor*>& assignors) {
    if (assignors.empty()) return std::nullopt;
    std::vector<RebalanceProtocol> common = assignors.front()->supported_protocols();
    for (const Assignor* assignor : assignors) {
        const auto supported = assignor->supported_protocols();
        std::erase_if(common, [&](RebalanceProtocol p) {
            return std::find(supported.begin(), supported.end(), p) == supported.end();
        });
    }
    if (common.empty()) return std::nullopt;
    return *std::max_element(common.begin(), common.end());
}

std::unique_ptr<Assignor> make_assignor(std::string_view name) {
    if (name == "range" || name == "org.apache.kafka.clients.consumer.RangeAssignor") {
        return std::make_unique<RangeAssignor>();
    }
    if (name == "roundrobin" || name == "org.apache.kafka.clients.consumer.RoundRobinAssignor") {
        return std::make_unique<RoundRobinAssignor>();
    }
    if (name == "cooperative-sticky" || name == "org.apache.kafka.clients.consumer.CooperativeStickyAssignor") {
        return std::make_unique<CooperativeStickyAssignor>();
    }
    throw std::invalid_argument("unknown partition assignor \"" + std::string(name) +
                                "\"; expected range, roundrobin, cooperative-sticky, or the Kafka class name "
                                "of one of them (org.apache.kafka.clients.consumer.RangeAssignor, ...)");
}

PartitionCounts subscribed_partition_counts(const PartitionCounts& partitions_per_topic,
                                            const std::vector<GroupMember>& members) {
    PartitionCounts subscribed;
    for (const auto& member : members) {
        for (const auto& topic : member.topics) {
            const auto found = partitions_per_topic.find(topic);
            if (found != partitions_per_topic.end() && found->second > 0) subscribed.insert(*found);
        }
    }
    return subscribed;
}

std::vector<std::size_t> member_info_order(const std::vector<GroupMember>& members) {
    std::vector<std::size_t> order(members.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto& x = members[a];
        const auto& y = members[b];
        // MemberInfo.compareTo: a member with an instance id sorts before one without.
        if (x.group_instance_id && y.group_instance_id) return *x.group_instance_id < *y.group_instance_id;
        if (x.group_instance_id || y.group_instance_id) return x.group_instance_id.has_value();
        return x.member_id < y.member_id;
    });
    return order;
}

GroupAssignment empty_assignment(const std::vector<GroupMember>& members) {
    GroupAssignment assignment;
    for (const auto& member : members) assignment[member.member_id];
    return assignment;
}

void sort_assignment(GroupAssignment& assignment) {
    for (auto& [member_id, partitions] : assignment) std::sort(partitions.begin(), partitions.end());
}

}  // namespace kafkalab::kafka
