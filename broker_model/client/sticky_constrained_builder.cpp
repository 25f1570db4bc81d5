// AbstractStickyAssignor.ConstrainedAssignmentBuilder: the sticky assignment when every
// member subscribes to the same topics. With N partitions over C members, everyone gets
// min_quota = floor(N / C) partitions and N % C of them one more (max_quota):
//   1. each member keeps its owned partitions, up to its quota (the max quota while
//      fewer than N % C members have taken it, else the min quota); the rest of what it
//      owned may be revoked;
//   2. the unassigned partitions, sorted by topic then partition, go round-robin to the
//      members still under the min quota, then one each to members at the min quota
//      until N % C members reached the max quota.
#include <algorithm>
#include <deque>
#include <stdexcept>

#include "broker_model/client/sticky_assignment.h"

namespace kafkalab::kafka::sticky {
namespace {

class ConstrainedBuilder {
public:
    ConstrainedBuilder(const PartitionCounts& partitions_per_topic, const OwnershipClaims& claims)
        : partitions_per_topic_(partitions_per_topic), claims_(claims) {
        std::int32_t total = 0;
        for (const auto& [topic, count] : partitions_per_topic) total += count;
        const auto members = static_cast<std::int32_t>(claims.member_order.size());
        min_quota_ = total / members;
        max_quota_ = (total + members - 1) / members;
        expected_over_min_quota_ = total % members;
        for (const auto& member : claims.member_order) result_.assignment[member];
        result_.partitions_transferring_ownership.emplace();
    }

    StickyResult build() {
        assign_owned_partitions();
        std::vector<TopicPartition> unassigned = unassigned_partitions();
        std::sort(unfilled_under_min_quota_.begin(), unfilled_under_min_quota_.end());
        std::sort(unfilled_at_min_quota_.begin(), unfilled_at_min_quota_.end());
        assign_round_robin(unassigned);
        verify_unfilled_members();
        return std::move(result_);
    }

private:
    void assign_owned_partitions() {
        for (const auto& member : claims_.member_order) {
            std::vector<TopicPartition> owned = claims_.owned_by_member.at(member);
            // Kafka sorts owned partitions by partition number first, then topic, so a
            // member over its quota keeps the low partitions of each topic.
            std::sort(owned.begin(), owned.end(), [](const TopicPartition& a, const TopicPartition& b) {
                return a.partition != b.partition ? a.partition < b.partition : a.topic < b.topic;
            });
            std::erase_if(owned, [&](const TopicPartition& tp) { return claims_.claimed_by_several.contains(tp); });
            const auto owned_count = static_cast<std::int32_t>(owned.size());

            if (owned_count < min_quota_) {
                keep(member, owned, owned.size());
                unfilled_under_min_quota_.push_back(member);
            } else if (owned_count >= max_quota_ && over_min_quota_ < expected_over_min_quota_) {
                ++over_min_quota_;
                if (over_min_quota_ == expected_over_min_quota_) unfilled_at_min_quota_.clear();
                keep(member, owned, static_cast<std::size_t>(max_quota_));
            } else {
                keep(member, owned, static_cast<std::size_t>(min_quota_));
                // It may still take one more while too few members reached the max quota.
                if (over_min_quota_ < expected_over_min_quota_) unfilled_at_min_quota_.push_back(member);
            }
        }
    }

    /// Keeps the first `count` owned partitions; the rest may be revoked from `member`.
    void keep(const std::string& member, const std::vector<TopicPartition>& owned, std::size_t count) {
        auto& target = result_.assignment[member];
        for (std::size_t i = 0; i < owned.size(); ++i) {
            if (i < count) {
                target.push_back(owned[i]);
                assigned_.insert(owned[i]);
            } else {
                maybe_revoked_[owned[i]] = member;
            }
        }
    }

    std::vector<TopicPartition> unassigned_partitions() const {
        std::vector<TopicPartition> unassigned;
        for (const auto& [topic, count] : partitions_per_topic_) {
            for (std::int32_t p = 0; p < count; ++p) {
                TopicPartition tp{topic, p};
                if (!assigned_.contains(tp)) unassigned.push_back(std::move(tp));
            }
        }
        return unassigned;
    }

    void assign_round_robin(const std::vector<TopicPartition>& unassigned) {
        // `next` walks the members under the min quota like Kafka's list iterator: it
        // restarts from the front when it runs out, and a member reaching the min quota
        // is removed and becomes a candidate for one more partition.
        std::size_t next = 0;
        for (const auto& partition : unassigned) {
            std::string member;
            bool from_under_list = true;
            if (next < unfilled_under_min_quota_.size()) {
                member = unfilled_under_min_quota_[next++];
            } else if (unfilled_under_min_quota_.empty() && unfilled_at_min_quota_.empty()) {
                throw std::logic_error("sticky assignor: no more unfilled members for " + partition.to_string());
            } else if (unfilled_under_min_quota_.empty()) {
                member = unfilled_at_min_quota_.front();
                unfilled_at_min_quota_.pop_front();
                from_under_list = false;
            } else {
                next = 0;
                member = unfilled_under_min_quota_[next++];
            }

            const auto assigned_count = assign_new_partition(partition, member);
            if (assigned_count == min_quota_ && from_under_list) {
                unfilled_under_min_quota_.erase(unfilled_under_min_quota_.begin() + static_cast<std::ptrdiff_t>(--next));
                unfilled_at_min_quota_.push_back(member);
            } else if (assigned_count == max_quota_) {
                ++over_min_quota_;
            }
        }
    }

    std::int32_t assign_new_partition(const TopicPartition& partition, const std::string& member) {
        auto& target = result_.assignment[member];
        target.push_back(partition);
        // Every owned partition that could stay was kept in step 1, so this one is new to
        // `member`; if someone else owned it, it changes hands.
        const auto revoked = maybe_revoked_.find(partition);
        if ((revoked != maybe_revoked_.end() && revoked->second != member) || claims_.claimed_by_several.contains(partition)) {
            (*result_.partitions_transferring_ownership)[partition] = member;
        }
        return static_cast<std::int32_t>(target.size());
    }

    /// Members left under the min quota mean the quotas were miscounted: a bug, not input.
    void verify_unfilled_members() const {
        if (unfilled_under_min_quota_.empty()) return;
        if (over_min_quota_ != expected_over_min_quota_) {
            throw std::logic_error("sticky assignor: fewer members than expected reached the max quota");
        }
        for (const auto& member : unfilled_under_min_quota_) {
            if (static_cast<std::int32_t>(result_.assignment.at(member).size()) != min_quota_) {
                throw std::logic_error("sticky assignor: member " + member + " did not reach the min quota");
            }
        }
    }

    const PartitionCounts& partitions_per_topic_;
    const OwnershipClaims& claims_;
    std::int32_t min_quota_ = 0;
    std::int32_t max_quota_ = 0;
    /// How many members must end with max_quota_ partitions (0 when the quotas are equal).
    std::int32_t expected_over_min_quota_ = 0;
    /// How many members have max_quota_ partitions so far; never exceeds the expected count.
    std::int32_t over_min_quota_ = 0;
    std::vector<std::string> unfilled_under_min_quota_;
    std::deque<std::string> unfilled_at_min_quota_;
    /// Partition -> the member that owned it but could not keep it within its quota.
    std::map<TopicPartition, std::string> maybe_revoked_;
    std::set<TopicPartition> assigned_;
    StickyResult result_;
};

}  // namespace

StickyResult assign_constrained(const PartitionCounts& partitions_per_topic, const OwnershipClaims& claims) {
    if (claims.member_order.empty()) return {};
    return ConstrainedBuilder(partitions_per_topic, claims).build();
}

}  // namespace kafkalab::kafka::sticky
