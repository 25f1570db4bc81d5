#pragma once
// The inside of the sticky assignors (AbstractStickyAssignor), shared by the assignor
// and its two assignment builders. Not for use outside broker_model/client.
//
//   members ──> collect_ownership_claims ──> all subscriptions equal?
//                                              yes: assign_constrained  (quota-based, fast)
//                                              no:  assign_general      (balance by moves)
//
// Member order matters in a few tie-breaks (who keeps an extra partition), and Kafka
// visits members in java.util.HashMap order; we reproduce that order (java_hash.h) so the
// assignments are Kafka's own.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "broker_model/client/assignor.h"

namespace kafkalab::kafka::sticky {

/// AbstractStickyAssignor.DEFAULT_GENERATION: the generation of a claim without one.
constexpr std::int32_t default_generation = -1;

/// Who owns what, once conflicting claims are settled (AbstractStickyAssignor.allSubscriptionsEqual).
struct OwnershipClaims {
    /// Whether every member subscribes to the same topics (picks the constrained builder).
    bool all_subscriptions_equal = true;
    /// Member ids in the order Kafka's HashMap of subscriptions visits them.
    std::vector<std::string> member_order;
    /// Member id -> owned partitions of topics that still exist, minus those another
    /// member claimed in a newer (or, for both, the same) generation. Every member has an entry.
    std::map<std::string, std::vector<TopicPartition>> owned_by_member;
    /// Partitions claimed by two members in the same generation: neither keeps them.
    std::set<TopicPartition> claimed_by_several;
    /// The highest generation any member reported.
    std::int32_t max_generation = default_generation;
};

struct StickyResult {
    /// Member id -> assigned partitions (not yet sorted, not yet adjusted for cooperation).
    std::map<std::string, std::vector<TopicPartition>> assignment;
    /// Partition -> its new owner, for partitions another member owned before. The
    /// general builder does not track this (Kafka leaves it null) and the cooperative
    /// assignor computes it from the owned partitions instead.
    std::optional<std::map<TopicPartition, std::string>> partitions_transferring_ownership;
};

/// `members` must be in member_order (Kafka's HashMap order).
OwnershipClaims collect_ownership_claims(const PartitionCounts& partitions_per_topic,
                                         const std::vector<const GroupMember*>& members);

/// ConstrainedAssignmentBuilder: every member subscribes to the same topics.
StickyResult assign_constrained(const PartitionCounts& partitions_per_topic, const OwnershipClaims& claims);

/// GeneralAssignmentBuilder: subscriptions differ. `members` in member_order.
StickyResult assign_general(const PartitionCounts& partitions_per_topic, const OwnershipClaims& claims,
                            const std::vector<const GroupMember*>& members);

}  // namespace kafkalab::kafka::sticky
