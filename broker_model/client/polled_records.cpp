#include "broker_model/client/polled_records.h"

#include <cassert>

namespace kafkalab::kafka {

std::size_t PolledRecords::count() const {
    std::size_t total = 0;
    for (const auto& part : parts) {
        for (const auto& batch : part.batches) total += batch.record_count;
    }
    return total;
}

void PolledRecords::add(const TopicPartition& partition, StoredBatch window) {
    if (parts.empty() || parts.back().partition != partition) parts.push_back({partition, {}});
    auto& batches = parts.back().batches;
    assert(batches.empty() || batches.back().next_offset() <= window.base_offset);
    batches.push_back(std::move(window));
}

}  // namespace kafkalab::kafka
