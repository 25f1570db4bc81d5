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

std::vector<ConsumerRecord> PolledRecords::to_records() const {
    std::vector<ConsumerRecord> out;
    out.reserve(count());
    for (const auto& part : parts) {
        for (const auto& batch : part.batches) {
            for (Offset o = batch.base_offset; o < batch.next_offset(); ++o) {
                auto key = batch.key_at(o);
                out.push_back({part.partition, o, batch.leader_epoch,
                               key ? std::optional<std::string>(*key) : std::nullopt, std::string(batch.value_at(o)),
                               batch.timestamp_ms_at(o), batch.record_id_at(o)});
            }
        }
    }
    return out;
}

}  // namespace kafkalab::kafka
