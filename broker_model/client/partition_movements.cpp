#include "broker_model/client/partition_movements.h"

#include <algorithm>
#include <cassert>

#include "broker_model/client/java_hash.h"

namespace kafkalab::kafka::sticky {

const TopicPartition& PartitionMovements::JavaHashSet::first() const {
    assert(!elements.empty());
    const std::size_t capacity = java_hash_map_capacity(max_size);
    const auto bucket = [capacity](const TopicPartition& tp) {
        return java_hash_map_bucket(java_topic_partition_hash(tp.topic, tp.partition), capacity);
    };
    // min_element keeps the earliest of equal buckets: insertion order within a bucket.
    return *std::min_element(elements.begin(), elements.end(),
                             [&](const TopicPartition& a, const TopicPartition& b) { return bucket(a) < bucket(b); });
}

TopicPartition PartitionMovements::actual_partition_to_move(const TopicPartition& partition,
                                                            const std::string& old_member,
                                                            const std::string& new_member) const {
    const auto topic_movements = movements_by_topic_.find(partition.topic);
    if (topic_movements == movements_by_topic_.end()) return partition;
    std::string source = old_member;
    // A partition that already moved counts as coming from its first owner.
    if (const auto moved = movements_.find(partition); moved != movements_.end()) {
        assert(moved->second.second == old_member);
        source = moved->second.first;
    }
    const auto reverse = topic_movements->second.find(MemberPair{new_member, source});
    if (reverse == topic_movements->second.end()) return partition;
    return reverse->second.first();
}

void PartitionMovements::move_partition(const TopicPartition& partition, const std::string& old_member,
                                        const std::string& new_member) {
    if (!movements_.contains(partition)) {
        add_movement(partition, MemberPair{old_member, new_member});
        return;
    }
    const MemberPair existing = remove_movement(partition);
    assert(existing.second == old_member);
    // Moving back to the first owner cancels the movement altogether.
    if (existing.first != new_member) add_movement(partition, MemberPair{existing.first, new_member});
}

PartitionMovements::MemberPair PartitionMovements::remove_movement(const TopicPartition& partition) {
    const auto moved = movements_.find(partition);
    assert(moved != movements_.end());
    const MemberPair pair = moved->second;
    movements_.erase(moved);

    auto& topic_movements = movements_by_topic_.at(partition.topic);
    auto& set = topic_movements.at(pair);
    std::erase(set.elements, partition);
    if (set.elements.empty()) topic_movements.erase(pair);
    if (topic_movements.empty()) movements_by_topic_.erase(partition.topic);
    return pair;
}

void PartitionMovements::add_movement(const TopicPartition& partition, const MemberPair& pair) {
    movements_[partition] = pair;
    auto& set = movements_by_topic_[partition.topic][pair];
    set.elements.push_back(partition);
    set.max_size = std::max(set.max_size, set.elements.size());
}

}  // namespace kafkalab::kafka::sticky
