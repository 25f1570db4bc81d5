// Where a producer's records land: explicit partitions, murmur2 of the key, and for
// records without a key the sticky partitioner of 2.4 to 3.2 (KIP-480) and the built-in
// partitioner of 3.3 on (KIP-794).
#include <catch2/catch.hpp>

#include <set>

#include "broker_model/client/murmur2.h"
#include "producer_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

TEST_CASE("a record sent to an explicit partition is acknowledged there and stored in that partition's log") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("payments", 3, 3).error == Error::none);
    auto node = f.add("producer", cluster_producer_config());
    RecordId id = f.producer(node).send("payments", 2, std::string("user-1"), "hello");
    REQUIRE(f.settle());
    const SendEntry& e = f.ledger.entry(id);
    CHECK(e.status == SendStatus::acknowledged);
    CHECK(e.partition == 2);
    CHECK(e.requested_partition == 2);
    TopicPartition p2{"payments", 2};
    f.cluster.run_for(1s);
    CHECK(log_record_ids(f.cluster, f.cluster.leader(p2), p2) == std::vector<RecordId>{id});
}

TEST_CASE("keyed records land on toPositive(murmur2(key)) % partitions, the same partition for the same key") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("users", 3, 3).error == Error::none);
    auto node = f.add("producer", cluster_producer_config());
    std::vector<RecordId> ids;
    for (int i = 0; i < 12; ++i) {
        std::string key = "user-" + std::to_string(i % 6);
        ids.push_back(f.producer(node).send("users", std::nullopt, key, "v" + std::to_string(i)));
    }
    REQUIRE(f.settle());
    std::set<std::int32_t> used;
    for (int i = 0; i < 12; ++i) {
        const SendEntry& e = f.ledger.entry(ids[static_cast<std::size_t>(i)]);
        std::string key = "user-" + std::to_string(i % 6);
        CHECK(e.status == SendStatus::acknowledged);
        CHECK(e.partition == partition_for_key(key, 3));
        used.insert(e.partition);
    }
    CHECK(used.size() > 1);  // six keys do not all hash to one partition
}

TEST_CASE("a JSON key serializer quotes the key, and murmur2 of the quoted bytes picks the partition") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("users", 3, 3).error == Error::none);
    ProducerConfig config = cluster_producer_config();
    config.key_serializer = Serializer::json;
    auto node = f.add("producer", config);
    RecordId id = f.producer(node).send("users", std::nullopt, std::string("alice"), "v");
    REQUIRE(f.settle());
    CHECK(f.ledger.entry(id).key == std::optional<std::string>("\"alice\""));
    CHECK(f.ledger.entry(id).partition == partition_for_key("\"alice\"", 3));
}

TEST_CASE("records without a key sent together stick to one partition (KIP-480 sticky partitioner)") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("events", 3, 3).error == Error::none);
    ProducerConfig config = cluster_producer_config();
    config.partitioner = "default";  // DefaultPartitioner of 2.4 to 3.2
    config.linger = 20ms;
    auto node = f.add("producer", config);
    f.cluster.run_for(1s);  // metadata known, so every record is appended at send()
    std::vector<RecordId> burst;
    for (int i = 0; i < 10; ++i) burst.push_back(f.producer(node).send("events", std::nullopt, std::nullopt, "b"));
    REQUIRE(f.settle());
    std::set<std::int32_t> burst_partitions;
    for (RecordId id : burst) burst_partitions.insert(f.ledger.entry(id).partition);
    CHECK(burst_partitions.size() == 1);

    // Each later record opens a new batch, and every new batch moves the sticky partition.
    std::set<std::int32_t> spread;
    for (int i = 0; i < 12; ++i) {
        RecordId id = f.producer(node).send("events", std::nullopt, std::nullopt, "s");
        REQUIRE(f.settle());
        spread.insert(f.ledger.entry(id).partition);
    }
    CHECK(spread.size() > 1);
}

TEST_CASE("the built-in partitioner keeps records without a key on one partition for batch.size bytes, "
          "even when each is sent alone (KIP-794 BuiltInPartitioner)") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("events", 3, 3).error == Error::none);
    ProducerConfig config = cluster_producer_config();
    REQUIRE(config.partitioner == "built-in");  // Kafka 3.3+: partitioner.class unset
    auto node = f.add("producer", config);
    f.cluster.run_for(1s);
    // Each record is its own batch (sent before the next): KIP-480 would move on every
    // time; KIP-794 counts bytes and 12 small records are far below 16384.
    std::set<std::int32_t> used;
    for (int i = 0; i < 12; ++i) {
        RecordId id = f.producer(node).send("events", std::nullopt, std::nullopt, "s");
        REQUIRE(f.settle());
        used.insert(f.ledger.entry(id).partition);
    }
    CHECK(used.size() == 1);
}

TEST_CASE("the built-in partitioner moves on once batch.size bytes went to its partition (KIP-794)") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("events", 3, 3).error == Error::none);
    ProducerConfig config = cluster_producer_config();
    config.batch_size_bytes = 200;  // a few records per sticky partition
    auto node = f.add("producer", config);
    f.cluster.run_for(1s);
    std::vector<std::int32_t> partitions;
    for (int i = 0; i < 60; ++i) {
        RecordId id = f.producer(node).send("events", std::nullopt, std::nullopt, std::string(40, 'x'));
        REQUIRE(f.settle());
        partitions.push_back(f.ledger.entry(id).partition);
    }
    // Runs of the same partition, each a few records long, never one record per switch.
    std::size_t switches = 0;
    for (std::size_t i = 1; i < partitions.size(); ++i) switches += partitions[i] != partitions[i - 1];
    CHECK(switches >= 3);
    CHECK(switches <= partitions.size() / 3);
    CHECK(std::set<std::int32_t>(partitions.begin(), partitions.end()).size() > 1);
}

TEST_CASE("partitioner.ignore.keys spreads keyed records like records without a key (KIP-794)") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("users", 3, 3).error == Error::none);
    ProducerConfig config = cluster_producer_config();
    config.partitioner_ignore_keys = true;
    auto node = f.add("producer", config);
    f.cluster.run_for(1s);
    std::set<std::int32_t> used;
    std::set<std::int32_t> by_key;
    for (int i = 0; i < 12; ++i) {
        const std::string key = "user-" + std::to_string(i);
        RecordId id = f.producer(node).send("users", std::nullopt, key, "v");
        REQUIRE(f.settle());
        used.insert(f.ledger.entry(id).partition);
        by_key.insert(partition_for_key(key, 3));
    }
    CHECK(by_key.size() > 1);  // murmur2 would have used several partitions
    CHECK(used.size() == 1);   // the sticky partition took them all
}
