#pragma once
// One topic's partition states in a broker's metadata cache, indexed by partition id.
//
// Every broker gets the same UpdateMetadata partition list from the controller, so
// the states are not copied into each cache: an entry points into the list it came
// with (an aliasing shared_ptr keeps that list alive while any entry still uses it).
// A cluster of B brokers and P partitions then holds P states plus B x P pointers,
// instead of B x P states. A later update replaces entries one by one, exactly as
// Kafka's cache applies UpdateMetadata partition by partition.
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

#include "broker_model/protocol/partition_state.h"

namespace kafkalab::kafka {

class PartitionStateTable {
public:
    using Source = std::shared_ptr<const std::vector<PartitionState>>;

    /// Makes (*source)[index] the state of its partition.
    void set(const Source& source, std::size_t index) {
        const PartitionState& state = (*source)[index];
        const auto slot = static_cast<std::size_t>(state.partition.partition);
        if (slot >= by_partition_.size()) by_partition_.resize(slot + 1);
        if (!by_partition_[slot]) ++size_;
        by_partition_[slot] = std::shared_ptr<const PartitionState>(source, &state);
    }

    /// The partition's state, or null when the cache has none.
    const PartitionState* find(std::int32_t partition) const {
        if (partition < 0 || static_cast<std::size_t>(partition) >= by_partition_.size()) return nullptr;
        return by_partition_[static_cast<std::size_t>(partition)].get();
    }
    const PartitionState& at(std::int32_t partition) const {
        const PartitionState* state = find(partition);
        if (!state) throw std::out_of_range("no state for partition " + std::to_string(partition));
        return *state;
    }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    /// Visits (partition id, state) in partition order, as a std::map would.
    class Iterator {
    public:
        using Slots = std::vector<std::shared_ptr<const PartitionState>>;
        Iterator(const Slots& slots, std::size_t at) : slots_(&slots), at_(at) { skip_empty(); }
        std::pair<std::int32_t, const PartitionState&> operator*() const {
            return {static_cast<std::int32_t>(at_), *(*slots_)[at_]};
        }
        Iterator& operator++() {
            ++at_;
            skip_empty();
            return *this;
        }
        bool operator==(const Iterator& other) const { return at_ == other.at_; }

    private:
        void skip_empty() {
            while (at_ < slots_->size() && !(*slots_)[at_]) ++at_;
        }
        const Slots* slots_;
        std::size_t at_;
    };
    Iterator begin() const { return {by_partition_, 0}; }
    Iterator end() const { return {by_partition_, by_partition_.size()}; }

private:
    std::vector<std::shared_ptr<const PartitionState>> by_partition_;  // null: no state
    std::size_t size_ = 0;
};

}  // namespace kafkalab::kafka
