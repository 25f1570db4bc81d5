#pragma once
// A hash index beside an ordered map of partitions: from a TopicPartition to the
// map's own entry, for lookups only (the map is what gets iterated, so hash order
// never shows in what a run does). A broker looks up a partition for every partition
// of every fetch, each time on a broker whose state is cold; an open-addressed table
// of 24-byte slots costs one cache miss before the entry itself, where a node-based
// std::unordered_map costs two or three.
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "broker_model/common/same_bytes.h"
#include "broker_model/common/types.h"

namespace kafkalab::kafka {

template <class T>
class PartitionIndex {
public:
    /// Precondition for both: `key` and `value` live in the indexed map's entry, which
    /// stays where it is until erase(*key).
    void insert(const TopicPartition* key, T* value) {
        if ((size_ + 1) * 2 > slots_.size()) grow();
        place({hash_of(*key), key, value});
        ++size_;
    }

    T* find(const TopicPartition& tp) const {
        if (slots_.empty()) return nullptr;
        const std::uint64_t hash = hash_of(tp);
        for (std::size_t i = hash & mask(); slots_[i].value; i = (i + 1) & mask()) {
            if (slots_[i].hash == hash && same_key(*slots_[i].key, tp)) return slots_[i].value;
        }
        return nullptr;
    }

    void erase(const TopicPartition& tp) {
        if (slots_.empty()) return;
        const std::uint64_t hash = hash_of(tp);
        std::size_t i = hash & mask();
        while (slots_[i].value && !(slots_[i].hash == hash && same_key(*slots_[i].key, tp))) i = (i + 1) & mask();
        if (!slots_[i].value) return;
        // Backward-shift deletion: pull later entries of the probe run into the hole,
        // so that lookups never need tombstones.
        for (std::size_t next = (i + 1) & mask(); slots_[next].value; next = (next + 1) & mask()) {
            const std::size_t home = slots_[next].hash & mask();
            // Move it if its home is not in the cyclic range (i, next].
            if (((next - home) & mask()) >= ((next - i) & mask())) {
                slots_[i] = slots_[next];
                i = next;
            }
        }
        slots_[i] = {};
        --size_;
    }

    std::size_t size() const { return size_; }

private:
    struct Slot {
        std::uint64_t hash = 0;
        const TopicPartition* key = nullptr;
        T* value = nullptr;  // null: the slot is free
    };

    static bool same_key(const TopicPartition& a, const TopicPartition& b) {
        return a.partition == b.partition && same_bytes(a.topic, b.topic);
    }
    static std::uint64_t hash_of(const TopicPartition& tp) {
        // Every fetch hashes the names it carries: a name of up to 16 bytes is mixed
        // from two overlapping loads, where std::hash ran a byte loop through libstdc++.
        const std::string& topic = tp.topic;
        std::uint64_t h;
        if (topic.size() <= 16) {
            std::uint64_t head = 0;
            std::uint64_t tail = 0;
            if (topic.size() >= 8) {
                std::memcpy(&head, topic.data(), 8);
                std::memcpy(&tail, topic.data() + topic.size() - 8, 8);
            } else {
                std::memcpy(&head, topic.data(), topic.size());
            }
            h = (head * 0xff51afd7ed558ccdULL) ^ ((tail ^ topic.size()) * 0xc4ceb9fe1a85ec53ULL);
        } else {
            h = std::hash<std::string>{}(topic);
        }
        // Partitions of one topic are numbered densely: spread them with a multiply.
        h ^= static_cast<std::uint32_t>(tp.partition);
        h *= 0x9e3779b97f4a7c15ULL;
        return h ^ (h >> 29);
    }
    std::size_t mask() const { return slots_.size() - 1; }

    void place(const Slot& slot) {
        std::size_t i = slot.hash & mask();
        while (slots_[i].value) i = (i + 1) & mask();
        slots_[i] = slot;
    }
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
        for (const Slot& slot : old) {
            if (slot.value) place(slot);
        }
    }

    std::vector<Slot> slots_;  // a power of two in size, at most half full
    std::size_t size_ = 0;
};

}  // namespace kafkalab::kafka
