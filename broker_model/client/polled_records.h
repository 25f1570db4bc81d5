#pragma once
// What one poll() hands the application (Kafka's ConsumerRecords): per partition, in
// the order poll() drained them, the fetched batches trimmed to the records returned.
// The batches share the fetched bytes, so a poll copies no record; Kafka's consumer
// likewise parses records out of the fetched batch (CompletedFetch.fetchRecords) rather
// than copying the response.
#include <cstddef>
#include <vector>

#include "broker_model/common/types.h"
#include "broker_model/log/stored_batch.h"

namespace kafkalab::kafka {

struct PolledRecords {
    /// Consecutive records of one partition: the batches' windows follow each other.
    struct PartitionRecords {
        TopicPartition partition;
        std::vector<StoredBatch> batches;
    };
    std::vector<PartitionRecords> parts;

    std::size_t count() const;
    bool empty() const { return parts.empty(); }
    /// Appends `window` to `partition`'s run: the last run when it is of the same
    /// partition, else a new one. Precondition: the window follows the run's last record.
    void add(const TopicPartition& partition, StoredBatch window);
};

}  // namespace kafkalab::kafka
