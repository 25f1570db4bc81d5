#pragma once
// The Java producer's partitioner from Kafka 3.3 on, when partitioner.class is unset
// (KIP-794, Kafka's BuiltInPartitioner). Keyed records hash by murmur2 over all
// partitions unless partitioner.ignore.keys; every other record goes to the topic's
// sticky partition, which moves on once batch.size bytes were produced to it:
//
//   append to the sticky partition p, add the record's bytes to p's count
//   count >= batch.size and p's newest batch is full (nothing half-filled left)
//     or count >= 2 * batch.size                        → switch to a new partition
//
// The new partition is drawn uniformly among the available ones, or, with
// partitioner.adaptive.partitioning.enable, weighted by how few batches each
// partition's queue holds (a slow broker's partitions get fewer records). Partitions
// whose leader has had data waiting for longer than partitioner.availability.timeout.ms
// are left out. Unlike KIP-480's sticky partitioner the draw may pick the old partition.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/client/partitioner.h"

namespace kafkalab::kafka {

/// One partition's queue as the producer's sender saw it (RecordAccumulator.partitionReady).
struct PartitionQueue {
    std::int32_t partition = 0;
    /// Batches queued for the partition.
    std::int32_t batches = 0;
};

class BuiltInPartitioner final : public Partitioner {
public:
    explicit BuiltInPartitioner(BuiltInPartitionerConfig config) : config_(config) {}
    std::string_view name() const override { return "built-in"; }
    std::int32_t partition(const std::string& topic, std::optional<std::string_view> key_bytes,
                           const TopicMetadataView& metadata, sim::RandomStream& random) override;
    bool aborts_on_new_batch() const override { return false; }
    void on_append(const std::string& topic, std::optional<std::string_view> key_bytes,
                   const TopicMetadataView& metadata, std::int32_t appended_bytes, bool newest_batch_full,
                   sim::RandomStream& random) override;

    /// BuiltInPartitioner.updatePartitionLoadStats: `queues` are the topic's partitions
    /// with a leader and not left out by partitioner.availability.timeout.ms, ascending;
    /// `partition_count` is every partition of the topic. Nothing (or equal queues over
    /// all partitions, or a topic of one partition) means: draw uniformly.
    void update_load_stats(const std::string& topic, const std::vector<PartitionQueue>& queues,
                           std::size_t partition_count);

    /// The topic's sticky partition, if one was chosen (for tests and traces).
    std::optional<std::int32_t> sticky_partition(const std::string& topic) const;

private:
    struct Sticky {
        std::int32_t partition = 0;
        /// Bytes produced to it since it was chosen (StickyPartitionInfo.producedBytes).
        std::int64_t produced_bytes = 0;
    };
    /// A cumulative frequency table over partitions: a random number below the last
    /// entry falls on a partition with a probability that grows as its queue shrinks.
    struct LoadStats {
        std::vector<std::int32_t> cumulative;
        std::vector<std::int32_t> partition_ids;
    };

    bool uses_key(std::optional<std::string_view> key_bytes) const { return key_bytes && !config_.ignore_keys; }
    std::int32_t next_partition(const std::string& topic, const TopicMetadataView& metadata,
                                sim::RandomStream& random) const;

    BuiltInPartitionerConfig config_;
    /// Per topic; ordered so nothing depends on hash order.
    std::map<std::string, Sticky> sticky_by_topic_;
    std::map<std::string, LoadStats> load_by_topic_;
};

}  // namespace kafkalab::kafka
