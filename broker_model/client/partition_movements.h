#pragma once
// AbstractStickyAssignor.PartitionMovements: the record of partitions moved during one
// run of the general sticky algorithm, used to keep it sticky. When a partition of topic
// T must move from member A to member B, and an earlier step of the same run moved some
// partition of T from B to A, moving that earlier partition back undoes a move instead
// of making a new one.
//
// Kafka keeps the partitions of each (topic, from, to) in a java.util.HashSet and takes
// whichever its iterator yields first; we reproduce that choice exactly (bucket order
// of TopicPartition.hashCode, then insertion order, with the table size the set grew to).
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "broker_model/common/types.h"

namespace kafkalab::kafka::sticky {

class PartitionMovements {
public:
    /// The partition to move from `old_member` to `new_member` when `partition` has to go:
    /// one that earlier moved the other way, if any, else `partition` itself.
    TopicPartition actual_partition_to_move(const TopicPartition& partition, const std::string& old_member,
                                            const std::string& new_member) const;
    /// Records that `partition` moved from `old_member` to `new_member`; a partition that
    /// returns to its first owner is no longer recorded as moved.
    void move_partition(const TopicPartition& partition, const std::string& old_member, const std::string& new_member);

private:
    /// (source member, destination member) of a move.
    using MemberPair = std::pair<std::string, std::string>;

    /// The elements of one java.util.HashSet<TopicPartition>, in insertion order, and the
    /// largest size it reached (its table never shrinks). Never empty while stored.
    struct JavaHashSet {
        std::vector<TopicPartition> elements;
        std::size_t max_size = 0;
        /// What iterator().next() returns.
        const TopicPartition& first() const;
    };

    MemberPair remove_movement(const TopicPartition& partition);
    void add_movement(const TopicPartition& partition, const MemberPair& pair);

    /// topic -> (from, to) -> partitions of the topic moved that way. Empty entries are erased.
    std::map<std::string, std::map<MemberPair, JavaHashSet>> movements_by_topic_;
    /// partition -> (first owner in this run, current owner), for moved partitions only.
    std::map<TopicPartition, MemberPair> movements_;
};

}  // namespace kafkalab::kafka::sticky
