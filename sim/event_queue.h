#pragma once
// The scheduler's priority queue: a radix heap over event times. The kernel's keys only
// grow (time never goes back, every new event's tag exceeds every pending one's), so
// entries can be kept in buckets by where their time first differs from a base time,
// and each entry only ever moves to lower buckets: pushing is an append, popping
// mostly a read from the front of the bucket at the base, and nothing compares keys
// in branches that depend on random data.
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <span>
#include <vector>

namespace kafkalab::sim {

class EventQueue {
public:
    /// The ordering key of an entry is (time, tag). The tag is the low part of the
    /// event's scheduling sequence; 32 bits of it fit next to the event's slot index.
    struct Entry {
        std::int64_t time;       // never negative: the clock starts at zero
        std::uint64_t tag_slot;  // (tag << 32) | slot index
        std::uint32_t slot() const { return static_cast<std::uint32_t>(tag_slot); }
        std::uint32_t tag() const { return static_cast<std::uint32_t>(tag_slot >> 32); }
    };

    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }

    /// Adds an entry whose tag is above every pending entry's tag. Its time may be
    /// anything, but one earlier than the last top() costs a reshuffle (see rebase).
    void push(Entry entry) {
        if (entry.time < base_) [[unlikely]] rebase(entry.time);
        const std::size_t index = bucket_of(entry.time);
        buckets_[index].push_back(entry);
        occupied_[index / 64] |= std::uint64_t{1} << (index % 64);
        ++size_;
    }

    /// The entry with the smallest (time, tag). Not for an empty queue.
    const Entry& top() {
        if (head_ == buckets_[current()].size()) refill();
        return buckets_[current()][head_];
    }
    /// Removes the entry top() returned; no push may come between the two.
    void pop() {
        --size_;
        std::vector<Entry>& bucket = buckets_[current()];
        if (++head_ == bucket.size()) {
            bucket.clear();
            head_ = 0;
            occupied_[0] &= ~(std::uint64_t{1} << current());
        }
    }

    /// A few entries, for prefetching, of which the first is most likely the next top()
    /// (unless pushes come first): the next ones of the current bucket, else all of the
    /// lowest occupied bucket if it is small; nothing when that would be a guess.
    std::span<const Entry> upcoming() const {
        constexpr std::size_t few = 4;
        const std::vector<Entry>& now = buckets_[current()];
        if (head_ < now.size()) return std::span<const Entry>(now).subspan(head_, std::min(few, now.size() - head_));
        if (size_ == 0) return {};
        const std::vector<Entry>& next = buckets_[lowest_occupied()];
        if (next.size() > few) return {};
        return next;
    }

    /// Visits every entry, in no particular order.
    template <class Visit>
    void for_each(Visit&& visit) const {
        for (std::size_t b = 0; b < bucket_count; ++b) {
            for (std::size_t i = b == current() ? head_ : 0; i < buckets_[b].size(); ++i) visit(buckets_[b][i]);
        }
    }

    /// Gives the entries the tags 0, 1, 2, ... in their current tag order, so that the
    /// order of entries is unchanged; returns the first unused tag.
    std::uint64_t renumber();

    /// Removes every entry for which `drop(entry)` is true. The others keep their
    /// buckets and their order there, so the queue stays valid as it is.
    template <class Drop>
    void remove_if(Drop&& drop) {
        std::vector<Entry>& consumed = buckets_[current()];
        consumed.erase(consumed.begin(), consumed.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
        for (std::size_t b = 0; b < bucket_count; ++b) {
            std::vector<Entry>& bucket = buckets_[b];
            if (bucket.empty()) continue;
            size_ -= std::erase_if(bucket, drop);
            if (bucket.empty()) occupied_[b / 64] &= ~(std::uint64_t{1} << (b % 64));
        }
    }

private:
    // Times are read as digits of digit_bits bits. An entry whose time first differs
    // from base_ in digit `level` goes to bucket level * radix + (its digit there); that
    // digit exceeds base_'s, so every bucket's times lie above all lower buckets'. An
    // entry at base_ itself falls in the bucket of base_'s lowest digit, which no other
    // entry can use: the current bucket, whose entries are the next to fire. Wider digits
    // mean fewer moves per entry on its way down, but more buckets to look through.
    //
    // Entries of one time are in tag order within their bucket: pushes append in tag
    // order, and a bucket is only filled from higher ones while it is empty, keeping the
    // order, with all entries of one time coming from one bucket. So the current bucket,
    // all at one time, is in firing order as it stands.
    static constexpr unsigned digit_bits = 4;
    static constexpr std::size_t radix = std::size_t{1} << digit_bits;
    static constexpr std::size_t levels = (63 + digit_bits - 1) / digit_bits;  // times have 63 bits
    static constexpr std::size_t bucket_count = levels * radix;
    static_assert(radix <= 64, "the current bucket's bit must lie in occupied_[0]");

    /// The digit of the highest set bit of `diff`, which is not zero.
    static std::size_t level_of(std::uint64_t diff) {
        return static_cast<std::size_t>(63 - std::countl_zero(diff)) / digit_bits;
    }
    static std::size_t digit_of(std::int64_t time, std::size_t level) {
        return static_cast<std::size_t>(static_cast<std::uint64_t>(time) >> (level * digit_bits)) & (radix - 1);
    }
    std::size_t bucket_of(std::int64_t time) const {
        const std::size_t level = level_of(static_cast<std::uint64_t>(time ^ base_) | 1);  // time == base_: level 0
        return level * radix + digit_of(time, level);
    }
    std::size_t current() const { return digit_of(base_, 0); }
    /// Not for an empty queue.
    std::size_t lowest_occupied() const {
        std::size_t word = 0;
        while (occupied_[word] == 0) ++word;
        return word * 64 + static_cast<std::size_t>(std::countr_zero(occupied_[word]));
    }
    /// Moves the base to the earliest time of the lowest occupied bucket, which spreads
    /// that bucket over the ones below it, its earliest entries into the current one.
    void refill();
    /// Moves the base back to `time`, for an entry earlier than it.
    [[gnu::noinline]] void rebase(std::int64_t time);

    std::int64_t base_ = 0;  // at or below every entry's time
    std::size_t size_ = 0;
    std::size_t head_ = 0;  // the current bucket's entries before head_ have been popped
    std::array<std::uint64_t, (bucket_count + 63) / 64> occupied_{};  // bit b: bucket b has entries
    std::array<std::vector<Entry>, bucket_count> buckets_;
};

}  // namespace kafkalab::sim
