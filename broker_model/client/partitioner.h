#pragma once
// How a producer picks the partition of a record: Kafka's Partitioner interface and the
// strategies its clients ship with. Which one a producer gets by default depends on the
// era (partitioner.class unset or "default"):
//   before 2.4  DefaultPartitioner: records without a key round-robin ("legacy-default");
//   2.4 to 3.2  DefaultPartitioner: records without a key sticky per batch (KIP-480);
//   3.3 on      no class: the built-in partitioner of KIP-794 (built_in_partitioner.h).
//
// How the producer uses a Partitioner class (KafkaProducer.doSend, 2.4 on):
//
//   p = choose_partition(...)                  // the record's own partition wins
//   append to the batch of p, but abort if that needs a NEW batch
//   if aborted:                                // p's batch was full or already sent
//       partitioner.on_new_batch(topic, view, p)   // KIP-480: sticky moves on
//       p = choose_partition(...)              // ask again
//       append, creating the new batch
//
// "Available" partitions are those with a known leader (Cluster.availablePartitionsForTopic).
// Keyed records hash over ALL partitions, so a key's partition does not change while a
// leader is missing; records without a key go to available partitions only.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "broker_model/common/same_bytes.h"
#include "sim/random.h"

namespace kafkalab::kafka {

/// The settings of the built-in partitioner (KIP-794), Kafka 3.3 on.
struct BuiltInPartitionerConfig {
    /// batch.size: how many bytes to produce to one partition before switching.
    std::int32_t sticky_batch_size_bytes = 16384;
    /// partitioner.ignore.keys: keyed records are spread like records without a key.
    bool ignore_keys = false;
};

/// What the producer's metadata says about one topic.
struct TopicMetadataView {
    std::int32_t partition_count = 0;
    /// Partitions with a leader, ascending, each in [0, partition_count).
    std::vector<std::int32_t> available_partitions;
};

class Partitioner {
public:
    virtual ~Partitioner() = default;
    /// The name the factory knows this strategy by ("default", "sticky", ...).
    virtual std::string_view name() const = 0;
    /// Partitioner.partition() for a record without an explicit partition. `key_bytes` is
    /// the serialized key, or nothing for a null key. Requires partition_count > 0.
    virtual std::int32_t partition(const std::string& topic, std::optional<std::string_view> key_bytes,
                                   const TopicMetadataView& metadata, sim::RandomStream& random) = 0;
    /// Partitioner.onNewBatch(): the batch for `previous_partition` of `topic` is complete
    /// and the producer is about to start a new one. Only sticky strategies care.
    virtual void on_new_batch(const std::string& /*topic*/, const TopicMetadataView& /*metadata*/,
                              std::int32_t /*previous_partition*/, sim::RandomStream& /*random*/) {}
    /// Whether the producer asks before opening a new batch (abortOnNewBatch): true for
    /// every partitioner class, false for the built-in partitioner, which counts bytes.
    virtual bool aborts_on_new_batch() const { return true; }
    /// A record the partitioner placed (no explicit partition) was appended, adding
    /// `appended_bytes` to its partition; `newest_batch_full` says whether that
    /// partition's newest batch is now full. Only the built-in partitioner cares.
    virtual void on_append(const std::string& /*topic*/, std::optional<std::string_view> /*key_bytes*/,
                           const TopicMetadataView& /*metadata*/, std::int32_t /*appended_bytes*/,
                           bool /*newest_batch_full*/, sim::RandomStream& /*random*/) {}
};

/// KafkaProducer.partition(): a partition set on the record is used as is; otherwise the
/// partitioner decides. Nothing when the result is outside [0, partition_count) — Kafka
/// fails such a send with "Invalid partition given with record" — or when the topic has
/// no partitions in the metadata yet.
/// Inline: it runs on every send.
inline std::optional<std::int32_t> choose_partition(Partitioner& partitioner, const std::string& topic,
                                                    std::optional<std::int32_t> record_partition,
                                                    std::optional<std::string_view> key_bytes,
                                                    const TopicMetadataView& metadata, sim::RandomStream& random) {
    if (metadata.partition_count <= 0) return std::nullopt;
    const std::int32_t chosen =
        record_partition ? *record_partition : partitioner.partition(topic, key_bytes, metadata, random);
    if (chosen < 0 || chosen >= metadata.partition_count) return std::nullopt;
    return chosen;
}

/// StickyPartitionCache (KIP-480): one sticky partition per topic, chosen at random among
/// the available partitions, kept until the producer reports a new batch for it.
class StickyPartitionCache {
public:
    StickyPartitionCache() = default;
    // It remembers an entry of its own map.
    StickyPartitionCache(const StickyPartitionCache&) = delete;
    StickyPartitionCache& operator=(const StickyPartitionCache&) = delete;

    /// The topic's sticky partition, choosing one on first use.
    std::int32_t partition(const std::string& topic, const TopicMetadataView& metadata, sim::RandomStream& random) {
        // Every record without a key asks, nearly always about the topic asked about last.
        if (last_ != nullptr && same_bytes(last_->first, topic)) return last_->second;
        return find_partition(topic, metadata, random);
    }
    /// Moves to a different random available partition, but only if `previous_partition`
    /// is still the sticky one (a stale report changes nothing). With one available
    /// partition it stays there; with none, any partition of the topic is chosen.
    std::int32_t next_partition(const std::string& topic, const TopicMetadataView& metadata,
                                std::optional<std::int32_t> previous_partition, sim::RandomStream& random);

private:
    /// topic -> current sticky partition. Ordered so that nothing depends on hash order.
    /// Entries are never erased, so last_ stays valid.
    std::map<std::string, std::int32_t> sticky_partition_by_topic_;
    std::int32_t find_partition(const std::string& topic, const TopicMetadataView& metadata, sim::RandomStream& random);
    /// The entry partition() found last.
    const std::pair<const std::string, std::int32_t>* last_ = nullptr;
};

/// "explicit:<n>": every record to partition n, like the get_partition() of a tutorial
/// that sends only to one partition (a custom partitioner returning a constant).
class ExplicitPartitioner final : public Partitioner {
public:
    explicit ExplicitPartitioner(std::int32_t partition) : partition_(partition) {}
    std::string_view name() const override { return "explicit"; }
    std::int32_t partition(const std::string&, std::optional<std::string_view>, const TopicMetadataView&,
                           sim::RandomStream&) override { return partition_; }

private:
    std::int32_t partition_;
};

/// "default" (DefaultPartitioner, 2.4 to 3.2): keyed records by murmur2, records without
/// a key sticky.
class DefaultPartitioner final : public Partitioner {
public:
    std::string_view name() const override { return "default"; }
    std::int32_t partition(const std::string& topic, std::optional<std::string_view> key_bytes,
                           const TopicMetadataView& metadata, sim::RandomStream& random) override;
    void on_new_batch(const std::string& topic, const TopicMetadataView& metadata, std::int32_t previous_partition,
                      sim::RandomStream& random) override;

private:
    StickyPartitionCache sticky_;
};

/// "sticky" (UniformStickyPartitioner): every record sticky, keys ignored.
class UniformStickyPartitioner final : public Partitioner {
public:
    std::string_view name() const override { return "sticky"; }
    std::int32_t partition(const std::string& topic, std::optional<std::string_view> key_bytes,
                           const TopicMetadataView& metadata, sim::RandomStream& random) override;
    void on_new_batch(const std::string& topic, const TopicMetadataView& metadata, std::int32_t previous_partition,
                      sim::RandomStream& random) override;

private:
    StickyPartitionCache sticky_;
};

/// "round-robin" (RoundRobinPartitioner): a per-topic counter from 0 over the available
/// partitions (all partitions when none is available), keys ignored. Each call advances
/// the counter, and from 2.4 to 3.8 the producer calls twice for a record that opens a
/// new batch (the flow above) without rewinding on onNewBatch, so that record skips a
/// partition: the uneven spread of KAFKA-9965, fixed in 3.9 (KAFKA-17632). We keep the
/// 3.x behaviour; a producer that asks once per record gets an exact rotation.
class RoundRobinPartitioner final : public Partitioner {
public:
    std::string_view name() const override { return "round-robin"; }
    std::int32_t partition(const std::string& topic, std::optional<std::string_view> key_bytes,
                           const TopicMetadataView& metadata, sim::RandomStream& random) override;

private:
    /// topic -> next counter value; only grows (wrapping like Java's int).
    std::map<std::string, std::int32_t> counter_by_topic_;
};

/// "random" (kafka-python's DefaultPartitioner, the client of the beginner's notes): keyed
/// records by murmur2, records without a key to a uniformly random available partition,
/// drawn anew for every record.
class RandomPartitioner final : public Partitioner {
public:
    std::string_view name() const override { return "random"; }
    std::int32_t partition(const std::string& topic, std::optional<std::string_view> key_bytes,
                           const TopicMetadataView& metadata, sim::RandomStream& random) override;
};

/// "legacy-default" (the Java DefaultPartitioner before 2.4): keyed records by murmur2,
/// records without a key round-robin from a random starting point per topic.
class LegacyDefaultPartitioner final : public Partitioner {
public:
    std::string_view name() const override { return "legacy-default"; }
    std::int32_t partition(const std::string& topic, std::optional<std::string_view> key_bytes,
                           const TopicMetadataView& metadata, sim::RandomStream& random) override;

private:
    /// topic -> next counter value, seeded with a random int on first use.
    std::map<std::string, std::int32_t> counter_by_topic_;
};

/// The partitioner for a name: "built-in" (configured by `built_in`), "default" or
/// "murmur2", "sticky" (also "uniform-sticky"), "round-robin" (also "roundrobin"),
/// "random", "legacy-default", "explicit:<n>", or one of Kafka's class names
/// (org.apache.kafka.clients.producer.RoundRobinPartitioner, ...). Throws
/// std::invalid_argument naming the accepted names for anything else.
std::unique_ptr<Partitioner> make_partitioner(std::string_view name, const BuiltInPartitionerConfig& built_in = {});

}  // namespace kafkalab::kafka
