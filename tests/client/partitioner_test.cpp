#include <catch2/catch.hpp>

#include <map>

#include "broker_model/client/murmur2.h"
#include "broker_model/client/partitioner.h"
#include "support/topic_views.h"

using namespace kafkalab::kafka;
using kafkalab::sim::RandomStream;

using kafkalab::kafka::testing::all_available;

TEST_CASE("a partition set on the record wins over every partitioner, and one outside the topic is refused") {
    RandomStream random(1);
    const auto view = all_available(3);
    for (const char* name : {"default", "sticky", "round-robin", "random", "legacy-default", "explicit:0"}) {
        auto partitioner = make_partitioner(name);
        CHECK(choose_partition(*partitioner, "t", 2, std::string_view("key"), view, random) == 2);
        CHECK(choose_partition(*partitioner, "t", 3, std::nullopt, view, random) == std::nullopt);
    }
    auto partitioner = make_partitioner("default");
    CHECK(choose_partition(*partitioner, "t", std::nullopt, std::nullopt, TopicMetadataView{}, random) == std::nullopt);
}

TEST_CASE("explicit:<n> sends every record to partition n, like the notes' get_partition()") {
    RandomStream random(2);
    auto partitioner = make_partitioner("explicit:1");
    const auto view = all_available(2);
    for (int i = 0; i < 20; ++i) CHECK(choose_partition(*partitioner, "user_registration_2", std::nullopt, std::nullopt, view, random) == 1);
    // Partition 5 does not exist in a two-partition topic: the send fails.
    auto too_high = make_partitioner("explicit:5");
    CHECK(choose_partition(*too_high, "t", std::nullopt, std::nullopt, view, random) == std::nullopt);
}

TEST_CASE("the default partitioner hashes keys with murmur2 over all partitions, even those without a leader") {
    RandomStream random(3);
    DefaultPartitioner partitioner;
    TopicMetadataView view{4, {0, 1}};  // partitions 2 and 3 have no leader
    CHECK(partitioner.partition("t", std::string_view("foobar"), view, random) == 2);
    CHECK(partitioner.partition("t", std::string_view("user-3"), view, random) == partition_for_key("user-3", 4));
    // A batch boundary never moves keyed records.
    partitioner.on_new_batch("t", view, 2, random);
    CHECK(partitioner.partition("t", std::string_view("foobar"), view, random) == 2);
}

TEST_CASE("sticky partitioning (KIP-480) stays on one partition until a new batch is started, then moves") {
    RandomStream random(4);
    DefaultPartitioner partitioner;
    const auto view = all_available(6);
    const std::int32_t first = partitioner.partition("t", std::nullopt, view, random);
    for (int i = 0; i < 100; ++i) REQUIRE(partitioner.partition("t", std::nullopt, view, random) == first);

    std::int32_t current = first;
    std::map<std::int32_t, int> batches_per_partition;
    for (int batch = 0; batch < 600; ++batch) {
        partitioner.on_new_batch("t", view, current, random);
        const std::int32_t next = partitioner.partition("t", std::nullopt, view, random);
        REQUIRE(next != current);  // every switch picks a different partition
        current = next;
        ++batches_per_partition[current];
    }
    REQUIRE(batches_per_partition.size() == 6);
    for (const auto& [partition, batches] : batches_per_partition) CHECK(std::abs(batches - 100) < 30);
}

TEST_CASE("sticky partitioning ignores a stale new-batch report and keeps to available partitions") {
    RandomStream random(5);
    UniformStickyPartitioner partitioner;
    TopicMetadataView view{5, {1, 3}};
    const std::int32_t first = partitioner.partition("t", std::string_view("keys are ignored"), view, random);
    CHECK((first == 1 || first == 3));
    const std::int32_t other = first == 1 ? 3 : 1;
    partitioner.on_new_batch("t", view, other, random);  // not the sticky partition: nothing changes
    CHECK(partitioner.partition("t", std::nullopt, view, random) == first);
    partitioner.on_new_batch("t", view, first, random);
    CHECK(partitioner.partition("t", std::nullopt, view, random) == other);
    // Only one partition has a leader: stay there.
    TopicMetadataView one{5, {4}};
    partitioner.on_new_batch("solo", one, 4, random);
    CHECK(partitioner.partition("solo", std::nullopt, one, random) == 4);
    // The sticky partition is per topic.
    CHECK(partitioner.partition("t", std::nullopt, view, random) == other);
}

TEST_CASE("round-robin deals records to the available partitions in exact rotation, starting at the first") {
    RandomStream random(6);
    auto partitioner = make_partitioner("round-robin");
    const auto view = all_available(3);
    std::vector<std::int32_t> seen;
    for (int i = 0; i < 7; ++i) seen.push_back(partitioner->partition("t", std::string_view("k"), view, random));
    CHECK(seen == std::vector<std::int32_t>{0, 1, 2, 0, 1, 2, 0});
    TopicMetadataView degraded{4, {1, 3}};
    CHECK(partitioner->partition("u", std::nullopt, degraded, random) == 1);
    CHECK(partitioner->partition("u", std::nullopt, degraded, random) == 3);
    CHECK(partitioner->partition("u", std::nullopt, degraded, random) == 1);
    TopicMetadataView none{2, {}};
    CHECK(partitioner->partition("v", std::nullopt, none, random) == 0);
    CHECK(partitioner->partition("v", std::nullopt, none, random) == 1);
}

TEST_CASE("random partitioning of keyless records spreads them evenly, as the beginner's notes observe") {
    RandomStream random(7);
    auto partitioner = make_partitioner("random");
    const auto view = all_available(2);
    int on_zero = 0;
    std::vector<std::int32_t> first_ten;
    for (int i = 0; i < 10'000; ++i) {
        const auto p = partitioner->partition("user_registration_2", std::nullopt, view, random);
        REQUIRE((p == 0 || p == 1));
        if (i < 10) first_ten.push_back(p);
        on_zero += p == 0;
    }
    CHECK(std::abs(on_zero - 5000) < 250);
    // Not a rotation: the order is random.
    CHECK(first_ten != std::vector<std::int32_t>{0, 1, 0, 1, 0, 1, 0, 1, 0, 1});
    CHECK(first_ten != std::vector<std::int32_t>{1, 0, 1, 0, 1, 0, 1, 0, 1, 0});
    CHECK(partitioner->partition("t", std::string_view("foobar"), all_available(4), random) == 2);
}

TEST_CASE("the pre-2.4 default partitioner rotates keyless records from a random starting partition") {
    auto starts = std::map<std::int32_t, int>{};
    for (std::uint64_t seed = 0; seed < 40; ++seed) {
        RandomStream random(seed);
        LegacyDefaultPartitioner partitioner;
        const auto view = all_available(4);
        const auto start = partitioner.partition("t", std::nullopt, view, random);
        ++starts[start];
        for (int i = 1; i < 8; ++i) REQUIRE(partitioner.partition("t", std::nullopt, view, random) == (start + i) % 4);
    }
    CHECK(starts.size() == 4);
}

TEST_CASE("partitioners are made from their short names and Kafka's class names, and unknown names are refused") {
    CHECK(make_partitioner("murmur2")->name() == "default");
    CHECK(make_partitioner("org.apache.kafka.clients.producer.internals.DefaultPartitioner")->name() == "default");
    CHECK(make_partitioner("org.apache.kafka.clients.producer.UniformStickyPartitioner")->name() == "sticky");
    CHECK(make_partitioner("org.apache.kafka.clients.producer.RoundRobinPartitioner")->name() == "round-robin");
    CHECK(make_partitioner("roundrobin")->name() == "round-robin");
    CHECK_THROWS_WITH(make_partitioner("hash"), Catch::Contains("unknown partitioner \"hash\""));
    CHECK_THROWS_WITH(make_partitioner("explicit:x"), Catch::Contains("explicit:<partition>"));
    CHECK_THROWS_AS(make_partitioner("explicit:-1"), std::invalid_argument);
}

TEST_CASE("round-robin skips a partition for each record that opens a new batch, as in Kafka 2.4 to 3.8 (KAFKA-9965)") {
    RandomStream random(8);
    RoundRobinPartitioner partitioner;
    const auto view = all_available(4);
    // The producer's flow when every record needs a new batch: ask, abort, report, ask again.
    std::vector<std::int32_t> sent;
    for (int record = 0; record < 4; ++record) {
        const auto first_choice = partitioner.partition("t", std::nullopt, view, random);
        partitioner.on_new_batch("t", view, first_choice, random);
        sent.push_back(partitioner.partition("t", std::nullopt, view, random));
    }
    // With an even partition count, half of the partitions never receive anything.
    CHECK(sent == std::vector<std::int32_t>{1, 3, 1, 3});
}
