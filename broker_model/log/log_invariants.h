#pragma once
// Every invariant a PartitionLog promises, checked from the outside in one pass, so
// tests (and a debug build's checker) can verify a log after each step. O(batches).
//
//   - log start <= high watermark <= LEO; log start <= flushed offset <= LEO
//   - batches are non-empty, contiguous, start at the log start and end at the LEO
//   - each batch's window lies inside its RecordData, and its size matches the window
//   - size_bytes() is the sum of the batches' sizes
//   - epoch cache entries strictly increase in epoch and in start offset, are not
//     negative, and start no later than the LEO
//   - the epoch the cache says covers a batch's first offset is never above the
//     batch's own leader epoch
#include <string>
#include <vector>

#include "broker_model/log/partition_log.h"

namespace kafkalab::kafka {

/// One sentence per broken invariant; empty when the log is sound.
std::vector<std::string> log_invariant_violations(const PartitionLog& log);

}  // namespace kafkalab::kafka
