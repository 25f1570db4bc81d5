#include "sim/event_queue.h"

#include <algorithm>
#include <bit>
#include <cassert>

namespace kafkalab::sim {

void EventQueue::refill() {
    assert(size_ > 0 && head_ == 0 && buckets_[current()].empty());
    const std::size_t from = lowest_occupied();
    std::vector<Entry>& source = buckets_[from];
    if (from < radix) {
        // Level 0: its entries differ from base_ in the lowest digit only, so they share
        // one time, and the bucket becomes the current one where it stands.
        base_ = source.front().time;
        return;
    }
    std::int64_t earliest = source.front().time;
    for (const Entry& entry : source) earliest = std::min(earliest, entry.time);
    // Every entry of `source` agrees with `earliest` from the bucket's digit up, so each
    // lands in a lower bucket; those are all empty, and this pass keeps the order.
    base_ = earliest;
    for (const Entry& entry : source) {
        const std::size_t index = bucket_of(entry.time);
        buckets_[index].push_back(entry);
        occupied_[index / 64] |= std::uint64_t{1} << (index % 64);
    }
    source.clear();
    occupied_[from / 64] &= ~(std::uint64_t{1} << (from % 64));
}

void EventQueue::rebase(std::int64_t time) {
    // Happens when the scheduler looked at its next event without firing it (run_until
    // stopping short of it) and then something scheduled an event before it. `time` and
    // base_ first differ in digit `level`, where base_'s digit is the larger. Entries of
    // the levels below agree with base_ from that digit up, so against `time` they all
    // belong in the bucket of base_'s digit there; that bucket is empty (its entries
    // would need a digit above base_'s), and the buckets of this level and higher ones
    // keep their entries.
    std::vector<Entry>& consumed = buckets_[current()];
    consumed.erase(consumed.begin(), consumed.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
    const std::size_t level = level_of(static_cast<std::uint64_t>(time ^ base_));
    const std::size_t into = level * radix + digit_of(base_, level);
    std::vector<Entry>& target = buckets_[into];
    assert(level == 0 || target.empty());
    // Entries of one time all come from one bucket, so they stay in tag order.
    for (std::size_t b = 0; b < level * radix; ++b) {
        if (buckets_[b].empty()) continue;
        target.insert(target.end(), buckets_[b].begin(), buckets_[b].end());
        buckets_[b].clear();
        occupied_[b / 64] &= ~(std::uint64_t{1} << (b % 64));
    }
    if (!target.empty()) occupied_[into / 64] |= std::uint64_t{1} << (into % 64);
    base_ = time;
}

std::uint64_t EventQueue::renumber() {
    std::vector<Entry*> by_tag;
    by_tag.reserve(size_);
    for (std::size_t b = 0; b < bucket_count; ++b) {
        for (std::size_t i = b == current() ? head_ : 0; i < buckets_[b].size(); ++i) by_tag.push_back(&buckets_[b][i]);
    }
    std::sort(by_tag.begin(), by_tag.end(), [](const Entry* a, const Entry* b) { return a->tag() < b->tag(); });
    for (std::size_t rank = 0; rank < by_tag.size(); ++rank) {
        by_tag[rank]->tag_slot = static_cast<std::uint64_t>(rank) << 32 | by_tag[rank]->slot();
    }
    return by_tag.size();
}

}  // namespace kafkalab::sim
