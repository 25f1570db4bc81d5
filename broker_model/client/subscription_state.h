#pragma once
// What a consumer reads and where it stands (Kafka's SubscriptionState): either a topic
// subscription, whose partitions the group hands out, or partitions the application
// assigned itself; and for each assigned partition its position, the next offset
// poll() will return.
//
// A partition's fetch state (SubscriptionState.FetchStates):
//
//   INITIALIZING ──committed offset found──────────────> FETCHING
//        |                                                ^  |
//        └──no committed offset──> AWAIT_RESET ──ListOffsets┘  | OFFSET_OUT_OF_RANGE
//                                      ^    (earliest/latest)  |
//                                      └───────────────────────┘
//   With auto.offset.reset=none a partition that needs a reset stops (NO_OFFSET): the
//   Java client throws NoOffsetForPartitionException from poll() instead.
//
// (Kafka's AWAIT_VALIDATION, the KIP-320 position check after a leader change, is left
// out: a position below the high watermark stays valid across clean elections, and an
// unclean one surfaces as OFFSET_OUT_OF_RANGE, which resets.)
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/client/consumer_config.h"
#include "broker_model/common/types.h"

namespace kafkalab::kafka {

enum class FetchState : std::uint8_t { initializing, awaiting_reset, fetching, no_offset };

struct AssignedPartition {
    FetchState state = FetchState::initializing;
    /// The next offset to return; set exactly when state is fetching.
    std::optional<Offset> position;
    /// The strategy of a pending reset (state awaiting_reset).
    AutoOffsetReset reset_strategy = AutoOffsetReset::latest;
    /// The partition's high watermark from the last fetch response.
    std::optional<Offset> high_watermark;
};

class SubscriptionState {
public:
    enum class Mode : std::uint8_t { none, subscribed, user_assigned };

    explicit SubscriptionState(AutoOffsetReset default_reset) : default_reset_(default_reset) {}

    /// subscribe(topics): the group decides the partitions. Replaces any earlier choice.
    void subscribe(std::vector<std::string> topics);
    /// assign(partitions): no group membership; every partition starts INITIALIZING.
    void assign(const std::vector<TopicPartition>& partitions);
    /// The group's assignment: partitions kept keep their position, new ones start
    /// INITIALIZING, missing ones are dropped. Requires Mode::subscribed.
    void assign_from_group(const std::vector<TopicPartition>& partitions);
    /// Drops partitions (revoked or lost).
    void remove(const std::vector<TopicPartition>& partitions);

    Mode mode() const { return mode_; }
    const std::vector<std::string>& topics() const { return topics_; }
    const std::map<TopicPartition, AssignedPartition>& assignment() const { return assignment_; }
    std::vector<TopicPartition> assigned_partitions() const;
    bool is_assigned(const TopicPartition& tp) const { return assignment_.contains(tp); }
    const AssignedPartition* find(const TopicPartition& tp) const;
    std::vector<TopicPartition> partitions_in(FetchState state) const;

    /// Sets the position (a committed offset, a reset, a seek): the partition fetches.
    void seek(const TopicPartition& tp, Offset offset);
    /// Asks for a reset with `strategy` (default: auto.offset.reset); with none the
    /// partition stops in NO_OFFSET.
    void request_reset(const TopicPartition& tp, std::optional<AutoOffsetReset> strategy = std::nullopt);
    /// The application consumed up to `next` (exclusive).
    void advance(const TopicPartition& tp, Offset next);
    void update_high_watermark(const TopicPartition& tp, Offset high_watermark);

    /// The position of every partition that has one: what a commit of "everything
    /// consumed" sends (SubscriptionState.allConsumed).
    std::map<TopicPartition, Offset> all_consumed() const;

private:
    AssignedPartition* find_mutable(const TopicPartition& tp);

    AutoOffsetReset default_reset_;
    Mode mode_ = Mode::none;
    std::vector<std::string> topics_;  // sorted, unique; subscribed mode only
    std::map<TopicPartition, AssignedPartition> assignment_;
};

}  // namespace kafkalab::kafka
