#include "broker_model/client/cooperative_sticky_assignor.h"

#include <algorithm>
#include <cassert>
#include <set>

#include "broker_model/client/java_hash.h"
#include "broker_model/client/sticky_assignment.h"

namespace kafkalab::kafka {
namespace sticky {
namespace {

bool same_topics(const std::set<std::string>& subscribed, const std::vector<std::string>& topics) {
    return std::set<std::string>(topics.begin(), topics.end()) == subscribed;
}

std::int32_t generation_of(const GroupMember& member) {
    return member.generation ? member.generation->value : default_generation;
}

}  // namespace

OwnershipClaims collect_ownership_claims(const PartitionCounts& partitions_per_topic,
                                         const std::vector<const GroupMember*>& members) {
    OwnershipClaims claims;
    std::set<std::string> subscribed_topics;
    // partition -> the member whose claim currently stands, to invalidate double claims.
    std::map<TopicPartition, const GroupMember*> claimed_by;
    for (const GroupMember* member : members) {
        claims.member_order.push_back(member->member_id);
        // Kafka compares against the first non-empty subscription it meets.
        if (subscribed_topics.empty()) {
            subscribed_topics.insert(member->topics.begin(), member->topics.end());
        } else if (claims.all_subscriptions_equal && !same_topics(subscribed_topics, member->topics)) {
            claims.all_subscriptions_equal = false;
        }
        const std::int32_t generation = generation_of(*member);
        claims.max_generation = std::max(claims.max_generation, generation);

        auto& owned = claims.owned_by_member[member->member_id];
        for (const auto& tp : member->owned_partitions) {
            const auto topic = partitions_per_topic.find(tp.topic);
            // Partitions of topics nobody subscribes to any more, or that no longer exist, are dropped.
            if (topic == partitions_per_topic.end() || tp.partition < 0 || tp.partition >= topic->second) continue;
            const auto other = claimed_by.find(tp);
            if (other == claimed_by.end()) {
                owned.push_back(tp);
                claimed_by[tp] = member;
                continue;
            }
            const std::int32_t other_generation = generation_of(*other->second);
            if (generation == other_generation) {
                // Two owners in one generation: trust neither.
                claims.claimed_by_several.insert(tp);
                std::erase(claims.owned_by_member[other->second->member_id], tp);
                other->second = member;
            } else if (generation > other_generation) {
                owned.push_back(tp);
                std::erase(claims.owned_by_member[other->second->member_id], tp);
                other->second = member;
            }
        }
    }
    return claims;
}

}  // namespace sticky

namespace {

/// Members in the order Kafka's HashMap<String, Subscription> visits them, when it was
/// filled in the order of `members`.
std::vector<const GroupMember*> in_java_hash_map_order(const std::vector<GroupMember>& members) {
    std::vector<std::string> ids;
    std::map<std::string, const GroupMember*> by_id;
    for (const auto& member : members) {
        ids.push_back(member.member_id);
        const bool inserted = by_id.emplace(member.member_id, &member).second;
        assert(inserted && "member ids must be distinct");
        (void)inserted;
    }
    std::vector<const GroupMember*> ordered;
    for (const auto& id : java_hash_map_order(ids)) ordered.push_back(by_id.at(id));
    return ordered;
}

/// computePartitionsTransferringOwnership: partitions newly given to a member that some
/// member also gives up. Used after the general builder, which does not track them.
std::map<TopicPartition, std::string> partitions_changing_owner(const std::vector<GroupMember>& members,
                                                                const std::map<std::string, std::vector<TopicPartition>>& assignment) {
    std::map<TopicPartition, std::string> added;
    std::set<TopicPartition> revoked;
    for (const auto& member : members) {
        const auto& assigned = assignment.at(member.member_id);
        const auto& owned = member.owned_partitions;
        for (const auto& tp : assigned) {
            if (std::find(owned.begin(), owned.end(), tp) == owned.end()) added[tp] = member.member_id;
        }
        for (const auto& tp : owned) {
            if (std::find(assigned.begin(), assigned.end(), tp) == assigned.end()) revoked.insert(tp);
        }
    }
    std::erase_if(added, [&](const auto& entry) { return !revoked.contains(entry.first); });
    return added;
}

}  // namespace

GroupAssignment CooperativeStickyAssignor::assign(const PartitionCounts& partitions_per_topic,
                                                  const std::vector<GroupMember>& members) const {
    const PartitionCounts subscribed = subscribed_partition_counts(partitions_per_topic, members);
    const std::vector<const GroupMember*> ordered = in_java_hash_map_order(members);
    const sticky::OwnershipClaims claims = sticky::collect_ownership_claims(subscribed, ordered);
    sticky::StickyResult result = claims.all_subscriptions_equal
                                      ? sticky::assign_constrained(subscribed, claims)
                                      : sticky::assign_general(subscribed, claims, ordered);

    GroupAssignment assignment = empty_assignment(members);
    for (auto& [member, partitions] : result.assignment) assignment[member] = std::move(partitions);
    const auto moving = result.partitions_transferring_ownership
                            ? std::move(*result.partitions_transferring_ownership)
                            : partitions_changing_owner(members, assignment);
    // The cooperative rule: a partition changing owner goes to nobody in this rebalance.
    for (const auto& [partition, new_owner] : moving) std::erase(assignment.at(new_owner), partition);
    sort_assignment(assignment);
    return assignment;
}

}  // namespace kafkalab::kafka
