#pragma once
// Requests in flight, by correlation id: an open-addressed table whose entries live in
// the table itself. A follower broker keeps one fetch in flight to each leader it
// follows (200 at 1,000 brokers) and replaces each every round trip; a node-based
// std::unordered_map allocated and freed an entry per request.
//
// Iteration order is the table's, not the ids': callers that let order show sort.
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace kafkalab::kafka {

template <class V>
class CorrelationMap {
public:
    /// Precondition: `id` is not in the map.
    void emplace(std::int32_t id, V value) {
        if ((size_ + 1) * 2 > slots_.size()) grow();
        place(id, std::move(value));
        ++size_;
    }

    V* find(std::int32_t id) {
        if (slots_.empty()) return nullptr;
        for (std::size_t i = home(id); slots_[i].value; i = next(i)) {
            if (slots_[i].id == id) return &*slots_[i].value;
        }
        return nullptr;
    }
    const V* find(std::int32_t id) const { return const_cast<CorrelationMap*>(this)->find(id); }

    /// Removes and returns the entry; nullopt if `id` is not in the map.
    std::optional<V> take(std::int32_t id) {
        if (slots_.empty()) return std::nullopt;
        std::size_t i = home(id);
        while (slots_[i].value && slots_[i].id != id) i = next(i);
        if (!slots_[i].value) return std::nullopt;
        std::optional<V> taken = std::move(slots_[i].value);
        slots_[i].value.reset();
        // Backward-shift deletion: pull later entries of the probe run into the hole,
        // so that lookups need no tombstones.
        for (std::size_t j = next(i); slots_[j].value; j = next(j)) {
            const std::size_t wanted = home(slots_[j].id);
            // Move it if its home is not in the cyclic range (i, j].
            if (((j - wanted) & mask()) >= ((j - i) & mask())) {
                slots_[i].id = slots_[j].id;
                slots_[i].value = std::move(slots_[j].value);
                slots_[j].value.reset();
                i = j;
            }
        }
        --size_;
        return taken;
    }

    template <class Visit>
    void for_each(Visit visit) const {
        for (const Slot& slot : slots_) {
            if (slot.value) visit(slot.id, *slot.value);
        }
    }

    std::size_t size() const { return size_; }

private:
    struct Slot {
        std::int32_t id = 0;
        std::optional<V> value;  // empty: the slot is free
    };

    std::size_t mask() const { return slots_.size() - 1; }
    std::size_t next(std::size_t i) const { return (i + 1) & mask(); }
    std::size_t home(std::int32_t id) const {
        // Ids are handed out one after another: a multiply spreads them over the table.
        const std::uint64_t h = static_cast<std::uint32_t>(id) * 0x9e3779b97f4a7c15ULL;
        return static_cast<std::size_t>(h >> 32) & mask();
    }
    void place(std::int32_t id, V value) {
        std::size_t i = home(id);
        while (slots_[i].value) i = next(i);
        slots_[i].id = id;
        slots_[i].value.emplace(std::move(value));
    }
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.clear();
        slots_.resize(old.empty() ? 16 : old.size() * 2);
        for (Slot& slot : old) {
            if (slot.value) place(slot.id, std::move(*slot.value));
        }
    }

    std::vector<Slot> slots_;  // a power of two in size, at most half full
    std::size_t size_ = 0;
};

}  // namespace kafkalab::kafka
