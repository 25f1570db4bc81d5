#pragma once
// The few pieces of Java's hashing that leak into Kafka's visible behaviour: which
// __consumer_offsets partition coordinates a group (String.hashCode), and the order in
// which the sticky assignor visits members and moved partitions (java.util.HashMap and
// HashSet iteration order). Reproducing them here is what makes our assignments and
// coordinators the same as a real cluster's, not merely equally good.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kafkalab::kafka {

/// java.lang.String.hashCode(): s[0]*31^(n-1) + ... + s[n-1] with wrapping int arithmetic,
/// over UTF-16 code units. `utf8` is decoded first: a code point above U+FFFF counts as
/// its two surrogates, as in Java; a malformed byte counts as U+FFFD, as Java's UTF-8
/// decoder substitutes it.
std::int32_t java_string_hash(std::string_view utf8);

/// Kafka's Utils.abs: the absolute value, except that Integer.MIN_VALUE gives 0 (Java's
/// Math.abs would return MIN_VALUE itself, a negative number).
constexpr std::int32_t kafka_abs(std::int32_t n) {
    if (n == INT32_MIN) return 0;
    return n < 0 ? -n : n;
}

/// TopicPartition.hashCode(): 31 * (31 + partition) + topic.hashCode().
std::int32_t java_topic_partition_hash(std::string_view topic, std::int32_t partition);

/// The bucket count of a java.util.HashMap built with the default constructor (16
/// buckets, load factor 0.75, doubling) once it has held `max_size` entries. A HashMap
/// never shrinks, so this is about the largest size it ever reached.
std::size_t java_hash_map_capacity(std::size_t max_size);

/// The bucket a key with this hashCode falls in: (h ^ (h >>> 16)) & (capacity - 1).
std::size_t java_hash_map_bucket(std::int32_t hash_code, std::size_t capacity);

/// The order in which a default java.util.HashMap<String, V> iterates `keys` after they
/// were put in the given order: by bucket, then by insertion order within a bucket.
/// Requires distinct keys.
std::vector<std::string> java_hash_map_order(const std::vector<std::string>& keys_in_insertion_order);

}  // namespace kafkalab::kafka
