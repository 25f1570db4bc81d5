#include "broker_model/broker/partition.h"

#include <algorithm>

namespace kafkalab::kafka {

const char* to_string(ReplicaRole role) {
    switch (role) {
        case ReplicaRole::none: return "none";
        case ReplicaRole::leader: return "leader";
        case ReplicaRole::follower: return "follower";
    }
    return "?";
}

LastFetchedEpochCheck Partition::check_last_fetched_epoch(const FetchPartition& wanted) const {
    if (!wanted.last_fetched_epoch) return {};
    const LeaderEpoch fetched_epoch = *wanted.last_fetched_epoch;
    const EpochEndOffset end = log_->end_offset_for_epoch(fetched_epoch);
    if (end.end_offset == undefined_epoch_offset || end.epoch == no_epoch) return {Error::offset_out_of_range, {}};
    // Below the log start the fetch fails whether or not the epochs diverge.
    if (wanted.fetch_offset < log_->log_start_offset()) return {Error::offset_out_of_range, {}};
    if (end.epoch < fetched_epoch || end.end_offset < wanted.fetch_offset) return {Error::none, end};
    return {};
}

void Partition::make_leader(const PartitionState& state, sim::Time now) {
    const bool was_leader = role_ == ReplicaRole::leader;
    bool new_epoch = !was_leader || state.leadership.leader_epoch != state_.leadership.leader_epoch;
    state_ = state;
    role_ = ReplicaRole::leader;
    pending_isr_.reset();
    if (!new_epoch) return;
    leader_epoch_start_offset_ = log_->log_end_offset();
    log_->maybe_assign_epoch_start_offset(state.leadership.leader_epoch, leader_epoch_start_offset_);
    // Replica.resetReplicaState: a new leader knows nothing of its followers; a leader
    // re-elected under a new epoch keeps their log end offsets. Either way the fetch
    // history starts over, and a follower counts as caught up now only if it is in the ISR.
    auto known = std::move(followers_);
    followers_.clear();
    const auto& isr = state.leadership.isr;
    for (BrokerId replica : state.replicas) {
        if (replica == self_) continue;
        FollowerState follower;
        if (auto it = known.find(replica); was_leader && it != known.end()) {
            follower.log_end_offset = it->second.log_end_offset;
        }
        bool in_sync = std::find(isr.begin(), isr.end(), replica) != isr.end();
        follower.last_caught_up_time = in_sync ? now : sim::Time{};
        followers_[replica] = follower;
    }
    maybe_increment_high_watermark();
}

bool Partition::make_follower(const PartitionState& state) {
    bool leader_changed = role_ != ReplicaRole::follower || state.leadership.leader != state_.leadership.leader ||
                          state.leadership.leader_epoch != state_.leadership.leader_epoch;
    state_ = state;
    role_ = ReplicaRole::follower;
    followers_.clear();
    pending_isr_.reset();
    return leader_changed;
}

bool Partition::record_follower_fetch(BrokerId follower_id, Offset fetch_offset, sim::Time now) {
    auto it = followers_.find(follower_id);
    if (it == followers_.end()) return false;
    FollowerState& follower = it->second;
    const Offset leader_end = log_->log_end_offset();
    // Replica.updateFetchState: caught up now if the fetch reached the leader's LEO;
    // caught up as of the previous fetch if it reached what the leader had back then.
    if (fetch_offset >= leader_end) {
        follower.last_caught_up_time = now;
    } else if (fetch_offset >= follower.leader_end_offset_at_last_fetch) {
        follower.last_caught_up_time = std::max(follower.last_caught_up_time, follower.last_fetch_time);
    }
    follower.log_end_offset = fetch_offset;
    follower.last_fetch_time = now;
    follower.leader_end_offset_at_last_fetch = leader_end;
    return maybe_increment_high_watermark();
}

bool Partition::maybe_increment_high_watermark() {
    if (role_ != ReplicaRole::leader) return false;
    // The high watermark waits for the maximal ISR: the ISR plus the members of a
    // proposed expansion (KIP-497). Runs on every follower fetch, so it walks both
    // lists in place; a member in both is counted twice, which a minimum ignores.
    Offset minimum = log_->log_end_offset();
    auto wait_for = [&](BrokerId member) {
        if (member == self_) return;
        auto it = followers_.find(member);
        if (it != followers_.end()) minimum = std::min(minimum, it->second.log_end_offset);
    };
    for (BrokerId member : state_.leadership.isr) wait_for(member);
    if (pending_isr_) {
        for (BrokerId member : *pending_isr_) wait_for(member);
    }
    // A follower that has not fetched yet (LEO -1) holds the high watermark where it is.
    if (minimum.value < 0) return false;
    return log_->maybe_increment_high_watermark(minimum);
}

std::optional<std::vector<BrokerId>> Partition::isr_to_expand() const {
    if (role_ != ReplicaRole::leader || pending_isr_) return std::nullopt;
    const auto& isr = state_.leadership.isr;
    for (const auto& [id, follower] : followers_) {
        if (std::find(isr.begin(), isr.end(), id) != isr.end()) continue;
        // Partition.isFollowerInSync: caught up to the HW and into the leader's epoch.
        if (follower.log_end_offset >= log_->high_watermark() &&
            follower.log_end_offset >= leader_epoch_start_offset_) {
            std::vector<BrokerId> expanded = isr;
            expanded.push_back(id);
            return expanded;
        }
    }
    return std::nullopt;
}

std::optional<std::vector<BrokerId>> Partition::isr_to_shrink(sim::Time now, sim::Duration lag_time_max) const {
    if (role_ != ReplicaRole::leader || pending_isr_) return std::nullopt;
    std::vector<BrokerId> kept;
    bool shrunk = false;
    for (BrokerId member : state_.leadership.isr) {
        auto it = followers_.find(member);
        // Out of sync: behind the leader's LEO and not caught up for lag_time_max.
        bool lagging = it != followers_.end() && it->second.log_end_offset < log_->log_end_offset() &&
                       now - it->second.last_caught_up_time > lag_time_max;
        if (lagging) {
            shrunk = true;
        } else {
            kept.push_back(member);
        }
    }
    if (!shrunk) return std::nullopt;
    return kept;
}

void Partition::apply_leadership(const LeaderAndIsr& leadership) {
    state_.leadership = leadership;
    pending_isr_.reset();
}

}  // namespace kafkalab::kafka
