#include "broker_model/log/leader_epoch_cache.h"

#include <algorithm>
#include <cassert>

namespace kafkalab::kafka {

void LeaderEpochCache::assign(LeaderEpoch epoch, Offset start_offset) {
    assert(epoch.value >= 0 && start_offset.value >= 0);
    // The common case: another batch of the current epoch. Nothing to learn.
    if (!entries_.empty()) {
        const EpochEntry& latest = entries_.back();
        if (latest.epoch == epoch && latest.start_offset <= start_offset) return;
    }
    // Entries that the new one would contradict (a later or equal epoch, or a start at
    // or after the new start) belong to a history this log no longer has.
    while (!entries_.empty() &&
           (entries_.back().epoch >= epoch || entries_.back().start_offset >= start_offset)) {
        entries_.pop_back();
    }
    entries_.push_back(EpochEntry{epoch, start_offset});
}

EpochEndOffset LeaderEpochCache::end_offset_for(LeaderEpoch requested, Offset log_end_offset) const {
    // A bootstrapping follower, or one without epochs, asks with -1: nothing to say.
    if (requested == no_epoch || entries_.empty()) return EpochEndOffset{};
    // The latest epoch is still being written to: it ends at the log end.
    if (entries_.back().epoch == requested) return EpochEndOffset{requested, log_end_offset};

    const auto higher = std::upper_bound(entries_.begin(), entries_.end(), requested,
                                         [](LeaderEpoch epoch, const EpochEntry& entry) { return epoch < entry.epoch; });
    // Above every known epoch: this replica cannot know where it ends.
    if (higher == entries_.end()) return EpochEndOffset{};
    // Below every known epoch: its records are gone, so the answer is where this log's
    // history begins; the follower truncates there and replicates from it.
    if (higher == entries_.begin()) return EpochEndOffset{requested, higher->start_offset};
    // KIP-279: the largest epoch <= requested, ending where the next epoch begins.
    const EpochEntry& floor = *(higher - 1);
    return EpochEndOffset{floor.epoch, higher->start_offset};
}

void LeaderEpochCache::truncate_from_end(Offset end_offset) {
    if (end_offset.value < 0) return;
    while (!entries_.empty() && entries_.back().start_offset >= end_offset) entries_.pop_back();
}

void LeaderEpochCache::truncate_from_start(Offset start_offset) {
    // The last entry starting at or before start_offset still covers the new first
    // record, so it stays, moved up to start there.
    auto first_kept = std::find_if(entries_.begin(), entries_.end(),
                                   [&](const EpochEntry& entry) { return entry.start_offset > start_offset; });
    if (first_kept == entries_.begin()) return;
    const EpochEntry moved{(first_kept - 1)->epoch, start_offset};
    entries_.erase(entries_.begin(), first_kept);
    entries_.insert(entries_.begin(), moved);
}

std::optional<LeaderEpoch> LeaderEpochCache::latest_epoch() const {
    if (entries_.empty()) return std::nullopt;
    return entries_.back().epoch;
}

std::optional<EpochEntry> LeaderEpochCache::latest_entry() const {
    if (entries_.empty()) return std::nullopt;
    return entries_.back();
}

std::optional<EpochEntry> LeaderEpochCache::earliest_entry() const {
    if (entries_.empty()) return std::nullopt;
    return entries_.front();
}

std::size_t LeaderEpochCache::approximate_memory_bytes() const {
    return sizeof(LeaderEpochCache) + entries_.capacity() * sizeof(EpochEntry);
}

}  // namespace kafkalab::kafka
