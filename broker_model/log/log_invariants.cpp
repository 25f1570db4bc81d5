#include "broker_model/log/log_invariants.h"

#include <fmt/format.h>

namespace kafkalab::kafka {

namespace {

void check_offsets(const PartitionLog& log, std::vector<std::string>& violations) {
    const auto start = log.log_start_offset().value;
    const auto hw = log.high_watermark().value;
    const auto leo = log.log_end_offset().value;
    const auto flushed = log.flushed_offset().value;
    if (!(start <= hw && hw <= leo)) {
        violations.push_back(fmt::format("log start {} <= high watermark {} <= LEO {} does not hold", start, hw, leo));
    }
    if (!(start <= flushed && flushed <= leo)) {
        violations.push_back(fmt::format("log start {} <= flushed offset {} <= LEO {} does not hold", start, flushed, leo));
    }
}

void check_batch(const StoredBatch& batch, Offset expected_base, std::vector<std::string>& violations) {
    if (batch.base_offset != expected_base) {
        violations.push_back(fmt::format("batch starts at {}, expected {} (a gap or an overlap)",
                                         batch.base_offset.value, expected_base.value));
    }
    if (!batch.data || batch.record_count == 0) {
        violations.push_back(fmt::format("batch at {} is empty", batch.base_offset.value));
        return;
    }
    if (std::size_t{batch.first_index} + batch.record_count > batch.data->record_count()) {
        violations.push_back(fmt::format("batch at {} has a window outside its records", batch.base_offset.value));
        return;
    }
    if (batch.size_bytes != batch.data->window_size_bytes(batch.first_index, batch.record_count)) {
        violations.push_back(fmt::format("batch at {} has size {} but its window is {} bytes", batch.base_offset.value,
                                         batch.size_bytes, batch.data->window_size_bytes(batch.first_index, batch.record_count)));
    }
}

void check_batches(const PartitionLog& log, std::vector<std::string>& violations) {
    Offset expected = log.log_start_offset();
    std::size_t bytes = 0;
    for (const StoredBatch& batch : log.batches()) {
        check_batch(batch, expected, violations);
        expected = batch.next_offset();
        bytes += batch.size_bytes;
    }
    if (expected != log.log_end_offset()) {
        violations.push_back(fmt::format("batches end at {} but the LEO is {}", expected.value, log.log_end_offset().value));
    }
    if (bytes != log.size_bytes()) {
        violations.push_back(fmt::format("batches hold {} bytes but the log says {}", bytes, log.size_bytes()));
    }
}

void check_epoch_cache(const PartitionLog& log, std::vector<std::string>& violations) {
    const auto& entries = log.leader_epoch_cache().entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const EpochEntry& entry = entries[i];
        if (entry.epoch.value < 0 || entry.start_offset.value < 0) {
            violations.push_back(fmt::format("epoch entry ({}, {}) is negative", entry.epoch.value, entry.start_offset.value));
        }
        if (entry.start_offset > log.log_end_offset()) {
            violations.push_back(fmt::format("epoch {} starts at {}, past the LEO {}", entry.epoch.value,
                                             entry.start_offset.value, log.log_end_offset().value));
        }
        if (i > 0 && !(entries[i - 1].epoch < entry.epoch && entries[i - 1].start_offset < entry.start_offset)) {
            violations.push_back(fmt::format("epoch entries ({}, {}) and ({}, {}) are not increasing", entries[i - 1].epoch.value,
                                             entries[i - 1].start_offset.value, entry.epoch.value, entry.start_offset.value));
        }
    }
    // Walk batches and entries together: the entry covering a batch is the last one
    // starting at or before the batch's first offset.
    std::size_t covering = 0;
    for (const StoredBatch& batch : log.batches()) {
        while (covering + 1 < entries.size() && entries[covering + 1].start_offset <= batch.base_offset) ++covering;
        if (batch.leader_epoch.value < 0 || entries.empty() || entries[covering].start_offset > batch.base_offset) continue;
        if (entries[covering].epoch > batch.leader_epoch) {
            violations.push_back(fmt::format("batch at {} of epoch {} is covered by the later epoch {}",
                                             batch.base_offset.value, batch.leader_epoch.value, entries[covering].epoch.value));
        }
    }
}

}  // namespace

std::vector<std::string> log_invariant_violations(const PartitionLog& log) {
    std::vector<std::string> violations;
    check_offsets(log, violations);
    check_batches(log, violations);
    check_epoch_cache(log, violations);
    return violations;
}

}  // namespace kafkalab::kafka
