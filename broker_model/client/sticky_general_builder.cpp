// AbstractStickyAssignor.GeneralAssignmentBuilder: the sticky assignment when members
// subscribe to different topics. It
//   1. keeps every owned partition whose member still subscribes to its topic,
//   2. gives each unassigned partition to the member with the fewest partitions among
//      those subscribed to its topic (topics with the fewest candidates first),
//   3. then moves partitions from members with more to members with fewer (by at least
//      two) until no move improves the balance, preferring to hand a partition back to
//      its owner of the previous generation, and undoing earlier moves of the same run
//      rather than making new ones (PartitionMovements);
//   4. and keeps the result of step 3 only if it is strictly better balanced, unless
//      this is the first assignment of the group.
#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "broker_model/client/partition_movements.h"
#include "broker_model/client/sticky_assignment.h"

namespace kafkalab::kafka::sticky {
namespace {

using Assignment = std::map<std::string, std::vector<TopicPartition>>;

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool contains(const std::vector<TopicPartition>& partitions, const TopicPartition& partition) {
    return std::find(partitions.begin(), partitions.end(), partition) != partitions.end();
}

/// The sum over all pairs of members of the difference of their partition counts; 0 when
/// everyone has the same number.
std::int64_t balance_score(const Assignment& assignment) {
    std::vector<std::int64_t> sizes;
    for (const auto& [member, partitions] : assignment) sizes.push_back(static_cast<std::int64_t>(partitions.size()));
    std::int64_t score = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        for (std::size_t j = i + 1; j < sizes.size(); ++j) score += std::llabs(sizes[i] - sizes[j]);
    }
    return score;
}

class GeneralBuilder {
public:
    GeneralBuilder(const PartitionCounts& partitions_per_topic, const OwnershipClaims& claims,
                   const std::vector<const GroupMember*>& members)
        : partitions_per_topic_(partitions_per_topic), claims_(claims), members_(members) {
        for (const auto& [topic, count] : partitions_per_topic) {
            topic_candidates_[topic];
            total_partitions_ += count;
        }
        for (const GroupMember* member : members) {
            auto& topics = member_topics_[member->member_id];
            for (const auto& topic : member->topics) {
                if (!partitions_per_topic.contains(topic) || contains(topics, topic)) continue;
                topics.push_back(topic);
                topic_candidates_[topic].push_back(member->member_id);
            }
        }
        current_assignment_ = claims.owned_by_member;
        for (const auto& [member, partitions] : current_assignment_) {
            for (const auto& tp : partitions) owner_of_[tp] = member;
        }
        // Topics with the fewest candidate members first (TopicComparator), then by name.
        std::vector<std::string> topics;
        for (const auto& [topic, candidates] : topic_candidates_) topics.push_back(topic);
        std::stable_sort(topics.begin(), topics.end(), [&](const std::string& a, const std::string& b) {
            return topic_candidates_.at(a).size() < topic_candidates_.at(b).size();
        });
        for (const auto& topic : topics) {
            for (std::int32_t p = 0; p < partitions_per_topic.at(topic); ++p) sorted_all_partitions_.push_back({topic, p});
        }
    }

    StickyResult build() {
        fill_previous_owners();
        const std::vector<TopicPartition> kept = keep_owned_partitions();
        std::vector<TopicPartition> unassigned;
        for (const auto& tp : sorted_all_partitions_) {
            if (!contains(kept, tp)) unassigned.push_back(tp);
        }
        for (const auto& [member, partitions] : current_assignment_) by_size_.insert({partitions.size(), member});
        balance(unassigned);
        return StickyResult{std::move(current_assignment_), std::nullopt};
    }

private:
    /// prepopulateCurrentAssignments: claims from members older than the newest
    /// generation say who owned a partition the generation before.
    void fill_previous_owners() {
        for (const GroupMember* member : members_) {
            const std::int32_t generation = member->generation ? member->generation->value : default_generation;
            const bool older = member->generation ? generation < claims_.max_generation
                                                  : claims_.max_generation > default_generation;
            if (!older) continue;
            for (const auto& tp : member->owned_partitions) {
                const auto found = previous_owner_.find(tp);
                if (found == previous_owner_.end() || generation > found->second.second) {
                    previous_owner_[tp] = {member->member_id, generation};
                }
            }
        }
    }

    /// Drops owned partitions whose member no longer subscribes to the topic; returns the rest.
    std::vector<TopicPartition> keep_owned_partitions() {
        std::vector<TopicPartition> kept;
        for (auto& [member, partitions] : current_assignment_) {
            std::erase_if(partitions, [&](const TopicPartition& tp) {
                if (contains(member_topics_.at(member), tp.topic)) return false;
                // Kafka leaves the partition's owner entry alone here; it is overwritten
                // when the partition is handed out again below.
                revocation_required_ = true;
                return true;
            });
            kept.insert(kept.end(), partitions.begin(), partitions.end());
        }
        return kept;
    }

    void balance(std::vector<TopicPartition>& unassigned);
    bool perform_reassignments(const std::vector<TopicPartition>& reassignable);
    bool is_balanced() const;
    std::int32_t max_assignment_size(const std::string& member) const;
    bool topic_can_move(const std::string& topic) const { return topic_candidates_.at(topic).size() >= 2; }
    bool member_can_move(const std::string& member) const;
    void assign_to_least_loaded(const TopicPartition& partition);
    void reassign_partition(const TopicPartition& partition);
    void reassign_partition(const TopicPartition& partition, const std::string& new_member);
    void move_partition(const TopicPartition& partition, const std::string& new_member);

    std::size_t size_of(const std::string& member) const { return current_assignment_.at(member).size(); }

    const PartitionCounts& partitions_per_topic_;
    const OwnershipClaims& claims_;
    const std::vector<const GroupMember*>& members_;
    std::int32_t total_partitions_ = 0;
    /// topic -> members subscribed to it, in Kafka's member order.
    std::map<std::string, std::vector<std::string>> topic_candidates_;
    /// member -> its subscribed topics that exist.
    std::map<std::string, std::vector<std::string>> member_topics_;
    /// member -> its partitions; the fixed members are taken out during balance().
    Assignment current_assignment_;
    /// partition -> member holding it in current_assignment_.
    std::map<TopicPartition, std::string> owner_of_;
    /// partition -> (member, generation) that held it in the newest generation before the current one.
    std::map<TopicPartition, std::pair<std::string, std::int32_t>> previous_owner_;
    std::vector<TopicPartition> sorted_all_partitions_;
    /// (partition count, member id) of every member taking part in balancing: fewest first.
    /// Invariant: the count matches current_assignment_ (erase before a change, insert after).
    std::set<std::pair<std::size_t, std::string>> by_size_;
    /// Set when a member owned a partition of a topic it no longer subscribes to.
    bool revocation_required_ = false;
    PartitionMovements movements_;
};

void GeneralBuilder::balance(std::vector<TopicPartition>& unassigned) {
    const bool initializing = current_assignment_.at(by_size_.rbegin()->second).empty();
    for (const auto& tp : unassigned) {
        if (!topic_candidates_.at(tp.topic).empty()) assign_to_least_loaded(tp);
    }

    // Only partitions with two or more candidates, and members that could gain or lose
    // one, take part in the moves.
    const auto fixed_partition = [&](const TopicPartition& tp) { return !topic_can_move(tp.topic); };
    std::erase_if(sorted_all_partitions_, fixed_partition);
    std::erase_if(unassigned, fixed_partition);
    Assignment fixed_assignments;
    for (const auto& [member, topics] : member_topics_) {
        if (member_can_move(member)) continue;
        by_size_.erase({size_of(member), member});
        fixed_assignments[member] = std::move(current_assignment_.at(member));
        current_assignment_.erase(member);
    }

    const Assignment before_balancing = current_assignment_;
    const auto owners_before_balancing = owner_of_;
    // Without revocations already under way, first try to balance by moving only the
    // partitions that were just handed out.
    if (!revocation_required_) perform_reassignments(unassigned);
    const bool reassigned = perform_reassignments(sorted_all_partitions_);
    if (!initializing && reassigned && balance_score(current_assignment_) >= balance_score(before_balancing)) {
        current_assignment_ = before_balancing;
        owner_of_ = owners_before_balancing;
    }
    for (auto& [member, partitions] : fixed_assignments) current_assignment_[member] = std::move(partitions);
}

bool GeneralBuilder::perform_reassignments(const std::vector<TopicPartition>& reassignable) {
    bool reassigned = false;
    bool modified = true;
    // Every pass moves a partition towards balance; the bound only guards against a bug.
    for (std::size_t pass = 0; modified; ++pass) {
        if (pass > 100'000) throw std::logic_error("sticky assignor: balancing does not converge");
        modified = false;
        for (const auto& partition : reassignable) {
            if (is_balanced()) break;
            const std::string member = owner_of_.at(partition);
            const auto previous = previous_owner_.find(partition);
            if (previous != previous_owner_.end() && current_assignment_.contains(previous->second.first) &&
                size_of(member) > size_of(previous->second.first) + 1) {
                reassign_partition(partition, previous->second.first);
                reassigned = modified = true;
                continue;
            }
            for (const auto& other : topic_candidates_.at(partition.topic)) {
                if (current_assignment_.contains(other) && size_of(member) > size_of(other) + 1) {
                    reassign_partition(partition);
                    reassigned = modified = true;
                    break;
                }
            }
        }
    }
    return reassigned;
}

bool GeneralBuilder::is_balanced() const {
    if (by_size_.empty() || by_size_.begin()->first + 1 >= by_size_.rbegin()->first) return true;
    // Unbalanced counts are fine as long as no member with fewer partitions could take
    // one from a member with at least two more.
    for (const auto& [count, member] : by_size_) {
        const auto& partitions = current_assignment_.at(member);
        if (static_cast<std::int32_t>(count) == max_assignment_size(member)) continue;
        for (const auto& topic : member_topics_.at(member)) {
            for (std::int32_t p = 0; p < partitions_per_topic_.at(topic); ++p) {
                const TopicPartition tp{topic, p};
                if (contains(partitions, tp)) continue;
                const auto owner = owner_of_.find(tp);
                if (owner == owner_of_.end() || !current_assignment_.contains(owner->second)) continue;
                if (count + 1 < size_of(owner->second)) return false;
            }
        }
    }
    return true;
}

std::int32_t GeneralBuilder::max_assignment_size(const std::string& member) const {
    std::int32_t size = 0;
    for (const auto& topic : member_topics_.at(member)) size += partitions_per_topic_.at(topic);
    return size;
}

bool GeneralBuilder::member_can_move(const std::string& member) const {
    if (static_cast<std::int32_t>(size_of(member)) < max_assignment_size(member)) return true;
    const auto& partitions = current_assignment_.at(member);
    return std::any_of(partitions.begin(), partitions.end(),
                       [&](const TopicPartition& tp) { return topic_can_move(tp.topic); });
}

void GeneralBuilder::assign_to_least_loaded(const TopicPartition& partition) {
    for (const auto& [count, member] : by_size_) {
        if (!contains(member_topics_.at(member), partition.topic)) continue;
        const std::string chosen = member;  // copy: the set entry is about to be erased
        by_size_.erase({count, chosen});
        current_assignment_.at(chosen).push_back(partition);
        owner_of_[partition] = chosen;
        by_size_.insert({size_of(chosen), chosen});
        return;
    }
}

void GeneralBuilder::reassign_partition(const TopicPartition& partition) {
    for (const auto& [count, member] : by_size_) {
        if (contains(member_topics_.at(member), partition.topic)) {
            const std::string chosen = member;
            reassign_partition(partition, chosen);
            return;
        }
    }
}

void GeneralBuilder::reassign_partition(const TopicPartition& partition, const std::string& new_member) {
    const std::string& member = owner_of_.at(partition);
    move_partition(movements_.actual_partition_to_move(partition, member, new_member), new_member);
}

void GeneralBuilder::move_partition(const TopicPartition& partition, const std::string& new_member) {
    const std::string old_member = owner_of_.at(partition);
    by_size_.erase({size_of(old_member), old_member});
    by_size_.erase({size_of(new_member), new_member});
    movements_.move_partition(partition, old_member, new_member);
    std::erase(current_assignment_.at(old_member), partition);
    current_assignment_.at(new_member).push_back(partition);
    owner_of_[partition] = new_member;
    by_size_.insert({size_of(new_member), new_member});
    by_size_.insert({size_of(old_member), old_member});
}

}  // namespace

StickyResult assign_general(const PartitionCounts& partitions_per_topic, const OwnershipClaims& claims,
                            const std::vector<const GroupMember*>& members) {
    if (members.empty()) return {};
    return GeneralBuilder(partitions_per_topic, claims, members).build();
}

}  // namespace kafkalab::kafka::sticky
