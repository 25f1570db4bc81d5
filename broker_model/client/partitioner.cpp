#include "broker_model/client/partitioner.h"

#include <cassert>
#include <charconv>
#include <stdexcept>

#include "broker_model/client/built_in_partitioner.h"
#include "broker_model/client/murmur2.h"

namespace kafkalab::kafka {
namespace {

/// ThreadLocalRandom.nextInt(): any 32-bit int, negative ones included.
std::int32_t random_int(sim::RandomStream& random) {
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(random.next_u64() >> 32));
}

/// Java's counter.getAndIncrement(): returns the value and wraps on overflow.
std::int32_t get_and_increment(std::int32_t& counter) {
    const std::int32_t value = counter;
    counter = static_cast<std::int32_t>(static_cast<std::uint32_t>(counter) + 1u);
    return value;
}

/// The round-robin step shared by RoundRobinPartitioner and the pre-2.4 default: index the
/// available partitions, or all partitions when none has a leader.
std::int32_t partition_from_counter(std::int32_t counter_value, const TopicMetadataView& metadata) {
    const auto& available = metadata.available_partitions;
    if (!available.empty()) {
        return available[static_cast<std::size_t>(to_positive(counter_value)) % available.size()];
    }
    return to_positive(counter_value) % metadata.partition_count;
}

std::int32_t random_partition(const TopicMetadataView& metadata, sim::RandomStream& random) {
    const auto& available = metadata.available_partitions;
    if (!available.empty()) return available[random.below(available.size())];
    return static_cast<std::int32_t>(random.below(static_cast<std::uint64_t>(metadata.partition_count)));
}

}  // namespace

std::int32_t StickyPartitionCache::find_partition(const std::string& topic, const TopicMetadataView& metadata,
                                                  sim::RandomStream& random) {
    const auto found = sticky_partition_by_topic_.find(topic);
    if (found == sticky_partition_by_topic_.end()) return next_partition(topic, metadata, std::nullopt, random);
    last_ = &*found;
    return found->second;
}

std::int32_t StickyPartitionCache::next_partition(const std::string& topic, const TopicMetadataView& metadata,
                                                  std::optional<std::int32_t> previous_partition,
                                                  sim::RandomStream& random) {
    assert(metadata.partition_count > 0);
    const auto found = sticky_partition_by_topic_.find(topic);
    const bool has_old = found != sticky_partition_by_topic_.end();
    // A report about a partition that is no longer the sticky one is stale: another
    // thread (in Kafka) or an earlier report already moved the topic on.
    if (has_old && found->second != previous_partition) return found->second;

    const auto& available = metadata.available_partitions;
    std::int32_t chosen = 0;
    if (available.empty()) {
        chosen = static_cast<std::int32_t>(random.below(static_cast<std::uint64_t>(metadata.partition_count)));
    } else if (available.size() == 1) {
        chosen = available.front();
    } else {
        // Draw until the partition differs from the old one, so every switch really moves.
        // Each draw repeats the old partition with probability at most 1/2, so this ends.
        do {
            chosen = available[random.below(available.size())];
        } while (has_old && chosen == found->second);
    }
    sticky_partition_by_topic_[topic] = chosen;
    return chosen;
}

std::int32_t DefaultPartitioner::partition(const std::string& topic, std::optional<std::string_view> key_bytes,
                                           const TopicMetadataView& metadata, sim::RandomStream& random) {
    if (key_bytes) return partition_for_key(*key_bytes, metadata.partition_count);
    return sticky_.partition(topic, metadata, random);
}

void DefaultPartitioner::on_new_batch(const std::string& topic, const TopicMetadataView& metadata,
                                      std::int32_t previous_partition, sim::RandomStream& random) {
    sticky_.next_partition(topic, metadata, previous_partition, random);
}

std::int32_t UniformStickyPartitioner::partition(const std::string& topic, std::optional<std::string_view>,
                                                 const TopicMetadataView& metadata, sim::RandomStream& random) {
    return sticky_.partition(topic, metadata, random);
}

void UniformStickyPartitioner::on_new_batch(const std::string& topic, const TopicMetadataView& metadata,
                                            std::int32_t previous_partition, sim::RandomStream& random) {
    sticky_.next_partition(topic, metadata, previous_partition, random);
}

std::int32_t RoundRobinPartitioner::partition(const std::string& topic, std::optional<std::string_view>,
                                              const TopicMetadataView& metadata, sim::RandomStream&) {
    // The counter starts at 0 for each topic (computeIfAbsent with new AtomicInteger(0)).
    return partition_from_counter(get_and_increment(counter_by_topic_[topic]), metadata);
}

std::int32_t RandomPartitioner::partition(const std::string&, std::optional<std::string_view> key_bytes,
                                          const TopicMetadataView& metadata, sim::RandomStream& random) {
    if (key_bytes) return partition_for_key(*key_bytes, metadata.partition_count);
    return random_partition(metadata, random);
}

std::int32_t LegacyDefaultPartitioner::partition(const std::string& topic, std::optional<std::string_view> key_bytes,
                                                 const TopicMetadataView& metadata, sim::RandomStream& random) {
    if (key_bytes) return partition_for_key(*key_bytes, metadata.partition_count);
    auto found = counter_by_topic_.find(topic);
    if (found == counter_by_topic_.end()) found = counter_by_topic_.emplace(topic, random_int(random)).first;
    return partition_from_counter(get_and_increment(found->second), metadata);
}

std::unique_ptr<Partitioner> make_partitioner(std::string_view name, const BuiltInPartitionerConfig& built_in) {
    constexpr std::string_view explicit_prefix = "explicit:";
    if (name == "built-in") return std::make_unique<BuiltInPartitioner>(built_in);
    if (name == "default" || name == "murmur2" || name == "org.apache.kafka.clients.producer.internals.DefaultPartitioner") {
        return std::make_unique<DefaultPartitioner>();
    }
    if (name == "sticky" || name == "uniform-sticky" || name == "org.apache.kafka.clients.producer.UniformStickyPartitioner") {
        return std::make_unique<UniformStickyPartitioner>();
    }
    if (name == "round-robin" || name == "roundrobin" || name == "org.apache.kafka.clients.producer.RoundRobinPartitioner") {
        return std::make_unique<RoundRobinPartitioner>();
    }
    if (name == "random") return std::make_unique<RandomPartitioner>();
    if (name == "legacy-default") return std::make_unique<LegacyDefaultPartitioner>();
    if (name.starts_with(explicit_prefix)) {
        const std::string_view digits = name.substr(explicit_prefix.size());
        std::int32_t partition = -1;
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), partition);
        if (error == std::errc{} && end == digits.data() + digits.size() && !digits.empty() && partition >= 0) {
            return std::make_unique<ExplicitPartitioner>(partition);
        }
        throw std::invalid_argument("partitioner \"" + std::string(name) +
                                    "\": expected explicit:<partition>, a partition number of 0 or more");
    }
    throw std::invalid_argument("unknown partitioner \"" + std::string(name) +
                                "\"; expected one of built-in, default, murmur2, sticky, round-robin, random, "
                                "legacy-default, explicit:<partition>, or a Kafka partitioner class name");
}

}  // namespace kafkalab::kafka
