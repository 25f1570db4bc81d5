#pragma once
// Helpers for the assignor tests: building members, and the checks Kafka's own assignor
// tests apply (AbstractStickyAssignorTest.verifyValidityAndBalance and the cooperative
// follow-up rebalances of CooperativeStickyAssignorTest).
#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "broker_model/client/assignor.h"

// Failures print "topic-0" rather than "{?}".
template <>
struct Catch::StringMaker<kafkalab::kafka::TopicPartition> {
    static std::string convert(const kafkalab::kafka::TopicPartition& partition) { return partition.to_string(); }
};

namespace kafkalab::kafka::testing {

inline TopicPartition tp(const std::string& topic, std::int32_t partition) { return TopicPartition{topic, partition}; }

inline GroupMember member(const std::string& id, std::vector<std::string> topics,
                          std::vector<TopicPartition> owned = {}, std::optional<std::int32_t> generation = std::nullopt) {
    GroupMember m;
    m.member_id = id;
    m.topics = std::move(topics);
    m.owned_partitions = std::move(owned);
    if (generation) m.generation = Generation{*generation};
    return m;
}

inline GroupMember static_member(const std::string& id, const std::string& instance_id, std::vector<std::string> topics) {
    GroupMember m = member(id, std::move(topics));
    m.group_instance_id = instance_id;
    return m;
}

inline std::string describe(const GroupAssignment& assignment) {
    std::ostringstream out;
    for (const auto& [id, partitions] : assignment) {
        out << id << ":";
        for (const auto& p : partitions) out << " " << p.to_string();
        out << "\n";
    }
    return out.str();
}

/// verifyValidityAndBalance: every partition goes to a subscriber, to one member only, and
/// two members whose counts differ by more than one share no topic (else a partition
/// could have moved). Returns the problems found, empty when there are none.
inline std::string assignment_problems(const std::vector<GroupMember>& members, const GroupAssignment& assignment) {
    std::ostringstream problems;
    if (assignment.size() != members.size()) problems << "not every member has an entry\n";
    for (const auto& m : members) {
        const auto& mine = assignment.at(m.member_id);
        for (const auto& p : mine) {
            if (std::find(m.topics.begin(), m.topics.end(), p.topic) == m.topics.end()) {
                problems << p.to_string() << " given to " << m.member_id << ", which does not subscribe to it\n";
            }
        }
        for (const auto& other : members) {
            if (other.member_id <= m.member_id) continue;
            const auto& theirs = assignment.at(other.member_id);
            std::set<std::string> my_topics;
            for (const auto& p : mine) {
                if (std::find(theirs.begin(), theirs.end(), p) != theirs.end()) {
                    problems << p.to_string() << " given to both " << m.member_id << " and " << other.member_id << "\n";
                }
                my_topics.insert(p.topic);
            }
            if (std::abs(static_cast<long>(mine.size()) - static_cast<long>(theirs.size())) <= 1) continue;
            for (const auto& p : theirs) {
                if (my_topics.contains(p.topic)) {
                    problems << m.member_id << " and " << other.member_id << " differ by more than one yet share topic "
                             << p.topic << "\n";
                }
            }
        }
    }
    return problems.str();
}

/// Partition counts of all members differ by at most one.
inline bool fully_balanced(const GroupAssignment& assignment) {
    std::size_t low = SIZE_MAX, high = 0;
    for (const auto& [id, partitions] : assignment) {
        low = std::min(low, partitions.size());
        high = std::max(high, partitions.size());
    }
    return assignment.empty() || high <= low + 1;
}

/// What a cooperative rebalance revokes: owned partitions missing from the new assignment.
inline std::set<TopicPartition> revoked_partitions(const std::vector<GroupMember>& members, const GroupAssignment& assignment) {
    std::set<TopicPartition> revoked;
    for (const auto& m : members) {
        const auto& assigned = assignment.at(m.member_id);
        for (const auto& p : m.owned_partitions) {
            if (std::find(assigned.begin(), assigned.end(), p) == assigned.end()) revoked.insert(p);
        }
    }
    return revoked;
}

/// Partitions a member receives without having owned them.
inline std::set<TopicPartition> added_partitions(const std::vector<GroupMember>& members, const GroupAssignment& assignment) {
    std::set<TopicPartition> added;
    for (const auto& m : members) {
        for (const auto& p : assignment.at(m.member_id)) {
            if (std::find(m.owned_partitions.begin(), m.owned_partitions.end(), p) == m.owned_partitions.end()) added.insert(p);
        }
    }
    return added;
}

/// Every member now owns what it was assigned, in `generation`.
inline std::vector<GroupMember> members_owning(std::vector<GroupMember> members, const GroupAssignment& assignment,
                                               std::int32_t generation) {
    for (auto& m : members) {
        m.owned_partitions = assignment.at(m.member_id);
        m.generation = Generation{generation};
    }
    return members;
}

struct CooperativeOutcome {
    GroupAssignment assignment;
    /// Follow-up rebalances needed until nothing was revoked.
    int follow_ups = 0;
    /// Partitions revoked and handed to a new owner in the same rebalance (must stay empty).
    std::set<TopicPartition> moved_in_one_rebalance;
};

/// CooperativeStickyAssignorTest.verifyValidityAndBalance: while a rebalance revokes
/// something, the members rejoin owning what they got, and the leader assigns again.
inline CooperativeOutcome settle_cooperatively(const Assignor& assignor, const PartitionCounts& counts,
                                               std::vector<GroupMember> members, GroupAssignment assignment,
                                               std::int32_t generation = 1) {
    CooperativeOutcome outcome;
    for (;;) {
        const auto revoked = revoked_partitions(members, assignment);
        for (const auto& p : added_partitions(members, assignment)) {
            if (revoked.contains(p)) outcome.moved_in_one_rebalance.insert(p);
        }
        if (revoked.empty() || outcome.follow_ups > 4) break;
        members = members_owning(std::move(members), assignment, generation);
        assignment = assignor.assign(counts, members);
        ++outcome.follow_ups;
    }
    outcome.assignment = std::move(assignment);
    return outcome;
}

}  // namespace kafkalab::kafka::testing
