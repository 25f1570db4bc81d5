#pragma once
// Shared helpers for the log tests: record batches with predictable contents, and a
// fixture that checks every PartitionLog invariant when a test ends.
#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "broker_model/log/log_invariants.h"
#include "broker_model/log/partition_log.h"
#include "broker_model/log/record_data.h"

namespace kafkalab::kafka::testing {

/// `count` records with ids first_id, first_id + 1, …, values "value-<id>", keys
/// "key-<id>", and timestamps 1000 + id ms.
inline std::shared_ptr<const RecordData> make_records(std::size_t count, RecordId first_id = 1) {
    RecordDataBuilder builder(count);
    for (RecordId id = first_id; id < first_id + count; ++id) {
        builder.add("key-" + std::to_string(id), "value-" + std::to_string(id), 1000 + static_cast<std::int64_t>(id), id);
    }
    return builder.build();
}

/// The record ids a read returned, in offset order.
inline std::vector<RecordId> record_ids(const ReadResult& result) {
    std::vector<RecordId> ids;
    for (const StoredBatch& batch : result.batches) {
        for (Offset offset = batch.base_offset; offset < batch.next_offset(); ++offset) {
            ids.push_back(batch.record_id_at(offset));
        }
    }
    return ids;
}

/// Every record id in the log, in offset order.
inline std::vector<RecordId> all_record_ids(const PartitionLog& log) {
    return record_ids(log.read(log.log_start_offset(), SIZE_MAX, log.log_end_offset()));
}

inline std::vector<RecordId> id_range(RecordId first, RecordId last) {
    std::vector<RecordId> ids;
    for (RecordId id = first; id <= last; ++id) ids.push_back(id);
    return ids;
}

/// A log that must still be sound when the test ends.
struct LogFixture {
    PartitionLog log;

    ~LogFixture() { CHECK(log_invariant_violations(log) == std::vector<std::string>{}); }
};

}  // namespace kafkalab::kafka::testing
