// Where a producer's records land: explicit partitions, murmur2 of the key, and the
// sticky partitioner for records without a key (KIP-480).
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
