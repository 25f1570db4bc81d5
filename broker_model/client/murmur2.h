#pragma once
// Kafka's murmur2 hash and the keyed partition choice built on it, exactly as the Java
// client computes them (org.apache.kafka.common.utils.Utils.murmur2 and toPositive,
// BuiltInPartitioner.partitionForKey), so a key lands on the same partition here as it
// does on a real cluster with the same partition count.
#include <cstdint>
#include <string_view>

namespace kafkalab::kafka {

/// Utils.murmur2: MurmurHash2, 32 bits, seed 0x9747b28c, read as little-endian 4-byte
/// blocks, with Java's wrapping int arithmetic and its tail handling. `bytes` is the
/// serialized key; a std::string key is its UTF-8 bytes, as Java's getBytes() gives.
std::int32_t murmur2(std::string_view bytes);

/// Utils.toPositive: clears the sign bit (x & 0x7fffffff). Unlike abs(), it never
/// overflows, and it maps a negative hash to a different value than abs() would.
constexpr std::int32_t to_positive(std::int32_t x) { return x & 0x7fffffff; }

/// The partition of a keyed record: toPositive(murmur2(key)) % num_partitions, over ALL
/// partitions of the topic (available or not), so a key never moves while a leader is
/// down. Requires num_partitions > 0.
std::int32_t partition_for_key(std::string_view key_bytes, std::int32_t num_partitions);

}  // namespace kafkalab::kafka
