#pragma once
// One partition as one broker holds it (Kafka's Partition): its role (leader, follower
// or neither), the leadership the controller last gave it, and, while leading, what it
// knows of each follower. The high watermark and the ISR are decided here.
//
//          LeaderAndIsr(leader = me)            LeaderAndIsr(leader = other)
//   none ───────────────────────────> leader ──────────────────────────────> follower
//     └─────────────────────────────────────────────────────────────────────────^
//
// The ISR changes in two steps, as with AlterPartition (KIP-497): the leader proposes
// a new ISR to the controller and applies it only once the controller has written it
// to ZooKeeper. While a change is pending, the high watermark counts the proposed
// members too (the "maximal ISR"), and no other change is proposed.
#include <optional>
#include <string>
#include <vector>

#include <boost/container/flat_map.hpp>

#include "broker_model/broker/broker_config.h"
#include "broker_model/broker/fetch_purgatory.h"
#include "broker_model/log/partition_log.h"
#include "broker_model/protocol/fetch.h"
#include "broker_model/protocol/partition_state.h"
#include "sim/time.h"

namespace kafkalab::kafka {

/// What a leader knows of one follower, from its fetches (Kafka's Replica).
struct FollowerState {
    /// The follower's log end offset: the offset of its last fetch. -1 until it fetches.
    Offset log_end_offset{-1};
    /// The last time the follower had everything the leader had (replica.lag.time.max.ms
    /// counts from here).
    sim::Time last_caught_up_time{};
    sim::Time last_fetch_time{};
    /// The leader's LEO when that last fetch arrived.
    Offset leader_end_offset_at_last_fetch{-1};
};

/// What a leader makes of a fetch's last fetched epoch (Partition.readRecords, Kafka 2.8+).
struct LastFetchedEpochCheck {
    /// OFFSET_OUT_OF_RANGE when this log cannot say where that epoch ends, or the fetch
    /// offset is below the log start.
    Error error = Error::none;
    /// Where the follower's log parts from this one: answered instead of records.
    std::optional<EpochEndOffset> diverging_epoch = std::nullopt;

    bool reads_records() const { return error == Error::none && !diverging_epoch; }
};

enum class ReplicaRole : std::uint8_t { none, leader, follower };
const char* to_string(ReplicaRole role);

class Partition {
public:
    Partition(TopicPartition tp, BrokerId self, PartitionLog& log) : tp_(std::move(tp)), self_(self), log_(&log) {}

    const TopicPartition& topic_partition() const { return tp_; }
    PartitionLog& log() { return *log_; }
    const PartitionLog& log() const { return *log_; }
    ReplicaRole role() const { return role_; }
    bool is_leader() const { return role_ == ReplicaRole::leader; }
    const PartitionState& state() const { return state_; }
    LeaderEpoch leader_epoch() const { return state_.leadership.leader_epoch; }
    BrokerId leader() const { return state_.leadership.leader; }
    const std::vector<BrokerId>& isr() const { return state_.leadership.isr; }
    const boost::container::flat_map<BrokerId, FollowerState>& followers() const { return followers_; }

    /// Becomes leader for the state's epoch (Partition.makeLeader): the epoch starts at
    /// the LEO, every follower starts as "caught up now" so that none is evicted before
    /// it had a chance to fetch.
    void make_leader(const PartitionState& state, sim::Time now);
    /// Becomes a follower (or leaderless replica); returns true if the leader changed.
    bool make_follower(const PartitionState& state);
    /// A newer state from the controller for the same role (e.g. an ISR change).
    void update_state(const PartitionState& state) { state_ = state; }
    void stop() { role_ = ReplicaRole::none; followers_.clear(); pending_isr_.reset(); }

    // Leader side.
    /// A follower fetched from `fetch_offset` at `now` (Replica.updateFetchState).
    /// Returns true if the high watermark moved.
    bool record_follower_fetch(BrokerId follower, Offset fetch_offset, sim::Time now);
    /// Whether the fetcher's log still agrees with this one at its last fetched epoch:
    /// it diverges when that epoch ends here in an older epoch, or before the fetch
    /// offset. A fetch without a last fetched epoch (before Fetch v12) always agrees.
    LastFetchedEpochCheck check_last_fetched_epoch(const FetchPartition& wanted) const;
    /// Recomputes the high watermark as the least LEO over the maximal ISR.
    bool maybe_increment_high_watermark();
    /// The ISR the leader would propose to grow to: the current one plus a follower
    /// that caught up (LEO >= HW and >= the start of the leader's epoch); nullopt if none.
    std::optional<std::vector<BrokerId>> isr_to_expand() const;
    /// The ISR without followers that were not caught up for replica.lag.time.max.ms.
    std::optional<std::vector<BrokerId>> isr_to_shrink(sim::Time now, sim::Duration lag_time_max) const;
    bool isr_change_pending() const { return pending_isr_.has_value(); }
    void set_pending_isr(std::vector<BrokerId> isr) { pending_isr_ = std::move(isr); }
    void clear_pending_isr() { pending_isr_.reset(); }
    /// Leader only: no ISR change is proposed before this (a failed AlterPartition backs off).
    sim::Time isr_retry_at() const { return isr_retry_at_; }
    void set_isr_retry_at(sim::Time at) { isr_retry_at_ = at; }
    /// Applies the controller's answer to our AlterPartition.
    void apply_leadership(const LeaderAndIsr& leadership);
    /// Leader side: the fetches waiting in the ReplicaManager's purgatory for data here.
    FetchWatchList& fetch_watchers() { return fetch_watchers_; }

    Offset leader_epoch_start_offset() const { return leader_epoch_start_offset_; }

private:
    TopicPartition tp_;
    BrokerId self_;
    PartitionLog* log_;
    ReplicaRole role_ = ReplicaRole::none;
    PartitionState state_;
    /// Leader only: every other assigned replica, in one block: each follower fetch
    /// looks its follower up several times, on a leader whose state is cold.
    boost::container::flat_map<BrokerId, FollowerState> followers_;
    FetchWatchList fetch_watchers_;
    /// Leader only: the ISR proposed to the controller and not yet confirmed.
    std::optional<std::vector<BrokerId>> pending_isr_;
    sim::Time isr_retry_at_{};
    /// Leader only: the LEO when this broker became leader of the current epoch.
    Offset leader_epoch_start_offset_{0};
};

}  // namespace kafkalab::kafka
