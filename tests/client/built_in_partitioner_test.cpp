// Kafka 3.3+'s built-in partitioner (KIP-794, BuiltInPartitioner): sticky for batch.size
// bytes, then a new partition drawn uniformly or weighted by queue length.
#include <catch2/catch.hpp>

#include <map>

#include "broker_model/client/built_in_partitioner.h"
#include "broker_model/client/murmur2.h"
#include "support/topic_views.h"

using namespace kafkalab::kafka;
using kafkalab::sim::RandomStream;

using kafkalab::kafka::testing::all_available;

TEST_CASE("BuiltInPartitioner switches only after batch.size bytes, and waits for a half-filled batch up to "
          "twice that (updatePartitionInfo)") {
    RandomStream random(5);
    BuiltInPartitioner partitioner({100, false});
    const auto view = all_available(4);
    const std::int32_t first = partitioner.partition("t", std::nullopt, view, random);
    partitioner.on_append("t", std::nullopt, view, 60, false, random);
    CHECK(partitioner.sticky_partition("t") == first);
    // 120 bytes but the newest batch is not full: keep filling it.
    partitioner.on_append("t", std::nullopt, view, 60, false, random);
    CHECK(partitioner.sticky_partition("t") == first);
    // 200 bytes, twice batch.size: switch regardless (a new draw, perhaps the same partition).
    std::map<std::int32_t, int> next;
    for (int i = 0; i < 200; ++i) {
        BuiltInPartitioner p({100, false});
        RandomStream r(static_cast<std::uint64_t>(100 + i));
        const std::int32_t start = p.partition("t", std::nullopt, view, r);
        p.on_append("t", std::nullopt, view, 200, false, r);
        ++next[*p.sticky_partition("t") == start ? -1 : 1];
    }
    CHECK(next[1] > 100);  // it did move in most runs
    CHECK(next[-1] > 10);  // and the uniform draw may land on the old partition again
}

TEST_CASE("BuiltInPartitioner hashes keys with murmur2 unless partitioner.ignore.keys") {
    RandomStream random(6);
    const auto view = all_available(3);
    BuiltInPartitioner keyed({16384, false});
    CHECK(keyed.partition("t", std::string_view("foobar"), view, random) == partition_for_key("foobar", 3));
    CHECK_FALSE(keyed.sticky_partition("t").has_value());
    BuiltInPartitioner ignoring({16384, true});
    const std::int32_t sticky = ignoring.partition("t", std::string_view("foobar"), view, random);
    for (const char* key : {"a", "b", "c", "d", "e"}) CHECK(ignoring.partition("t", std::string_view(key), view, random) == sticky);
}

TEST_CASE("adaptive partitioning draws partitions with short queues more often (updatePartitionLoadStats)") {
    const auto view = all_available(3);
    std::map<std::int32_t, int> chosen;
    for (int i = 0; i < 3000; ++i) {
        BuiltInPartitioner partitioner({1, false});
        RandomStream random(static_cast<std::uint64_t>(i));
        // Queues 0, 3, 1 batches: weights 4, 1, 3 (max + 1 - length).
        partitioner.update_load_stats("t", {{0, 0}, {1, 3}, {2, 1}}, 3);
        ++chosen[partitioner.partition("t", std::nullopt, view, random)];
    }
    CHECK(chosen[0] > 1350);  // about 4/8 of 3000
    CHECK(chosen[0] < 1650);
    CHECK(chosen[1] > 270);   // about 1/8
    CHECK(chosen[1] < 480);
    CHECK(chosen[2] > 975);   // about 3/8
    CHECK(chosen[2] < 1275);
}

TEST_CASE("equal queues, or a partition left out, decide whether the draw is uniform") {
    const auto view = all_available(3);
    std::map<std::int32_t, int> equal;
    std::map<std::int32_t, int> excluded;
    for (int i = 0; i < 600; ++i) {
        BuiltInPartitioner a({1, false});
        RandomStream ra(static_cast<std::uint64_t>(i));
        a.update_load_stats("t", {{0, 2}, {1, 2}, {2, 2}}, 3);
        ++equal[a.partition("t", std::nullopt, view, ra)];
        // partitioner.availability.timeout.ms left partition 1 out: never drawn.
        BuiltInPartitioner b({1, false});
        RandomStream rb(static_cast<std::uint64_t>(i));
        b.update_load_stats("t", {{0, 2}, {2, 2}}, 3);
        ++excluded[b.partition("t", std::nullopt, view, rb)];
    }
    CHECK(equal.size() == 3);
    CHECK(excluded.count(1) == 0);
    CHECK(excluded.size() == 2);
}
