#include "broker_model/client/built_in_partitioner.h"

#include <algorithm>
#include <cassert>

#include "broker_model/client/murmur2.h"

namespace kafkalab::kafka {
namespace {

/// Utils.toPositive(ThreadLocalRandom.current().nextInt()).
std::int32_t random_positive_int(sim::RandomStream& random) {
    return to_positive(static_cast<std::int32_t>(static_cast<std::uint32_t>(random.next_u64() >> 32)));
}

}  // namespace

std::int32_t BuiltInPartitioner::partition(const std::string& topic, std::optional<std::string_view> key_bytes,
                                           const TopicMetadataView& metadata, sim::RandomStream& random) {
    if (uses_key(key_bytes)) return partition_for_key(*key_bytes, metadata.partition_count);
    // peekCurrentPartitionInfo: the first record of a topic chooses its sticky partition.
    auto found = sticky_by_topic_.find(topic);
    if (found == sticky_by_topic_.end()) {
        found = sticky_by_topic_.emplace(topic, Sticky{next_partition(topic, metadata, random), 0}).first;
    }
    return found->second.partition;
}

void BuiltInPartitioner::on_append(const std::string& topic, std::optional<std::string_view> key_bytes,
                                   const TopicMetadataView& metadata, std::int32_t appended_bytes,
                                   bool newest_batch_full, sim::RandomStream& random) {
    if (uses_key(key_bytes)) return;
    auto found = sticky_by_topic_.find(topic);
    if (found == sticky_by_topic_.end()) return;
    Sticky& sticky = found->second;
    sticky.produced_bytes += appended_bytes;
    // updatePartitionInfo: switching while the partition's newest batch is half full
    // would leave a fractional batch behind, so wait for it to fill, up to twice the
    // batch size.
    const std::int64_t batch = config_.sticky_batch_size_bytes;
    if ((sticky.produced_bytes >= batch && newest_batch_full) || sticky.produced_bytes >= 2 * batch) {
        sticky = Sticky{next_partition(topic, metadata, random), 0};
    }
}

std::int32_t BuiltInPartitioner::next_partition(const std::string& topic, const TopicMetadataView& metadata,
                                                sim::RandomStream& random) const {
    assert(metadata.partition_count > 0);
    const std::int32_t draw = random_positive_int(random);
    const auto stats = load_by_topic_.find(topic);
    if (stats == load_by_topic_.end()) {
        const auto& available = metadata.available_partitions;
        if (available.empty()) return draw % metadata.partition_count;
        return available[static_cast<std::size_t>(draw) % available.size()];
    }
    // The first partition whose running sum exceeds the weighted draw.
    const auto& table = stats->second.cumulative;
    const std::int32_t weighted = draw % table.back();
    const auto index = std::upper_bound(table.begin(), table.end(), weighted) - table.begin();
    return stats->second.partition_ids[static_cast<std::size_t>(index)];
}

void BuiltInPartitioner::update_load_stats(const std::string& topic, const std::vector<PartitionQueue>& queues,
                                           std::size_t partition_count) {
    // Fewer than two partitions: nothing to choose between. Equal queues over every
    // partition: uniform does the same with less work.
    const bool all_equal = std::all_of(queues.begin(), queues.end(),
                                       [&](const PartitionQueue& q) { return q.batches == queues.front().batches; });
    if (queues.empty() || partition_count < 2 || (all_equal && queues.size() == partition_count)) {
        load_by_topic_.erase(topic);
        return;
    }
    std::int32_t max_plus_one = 0;
    for (const auto& q : queues) max_plus_one = std::max(max_plus_one, q.batches);
    ++max_plus_one;
    LoadStats stats;
    std::int32_t running = 0;
    for (const auto& q : queues) {
        running += max_plus_one - q.batches;  // an empty queue weighs most
        stats.cumulative.push_back(running);
        stats.partition_ids.push_back(q.partition);
    }
    load_by_topic_[topic] = std::move(stats);
}

std::optional<std::int32_t> BuiltInPartitioner::sticky_partition(const std::string& topic) const {
    auto found = sticky_by_topic_.find(topic);
    if (found == sticky_by_topic_.end()) return std::nullopt;
    return found->second.partition;
}

}  // namespace kafkalab::kafka
