// The broker's metadata cache (Kafka's ZkMetadataCache) applies each UpdateMetadata
// partition by partition, and shares the controller's partition list between brokers
// instead of copying it into every cache.
#include <catch2/catch.hpp>

#include <memory>
#include <vector>

#include "broker_model/broker/metadata_cache.h"

using namespace kafkalab::kafka;

namespace {

PartitionState state(const std::string& topic, std::int32_t partition, int leader, int epoch) {
    PartitionState s;
    s.partition = {topic, partition};
    s.topic_id = topic + "-id";
    s.replicas = {BrokerId{1}, BrokerId{2}, BrokerId{3}};
    s.leadership.leader = BrokerId{leader};
    s.leadership.leader_epoch = LeaderEpoch{epoch};
    s.leadership.isr = s.replicas;
    return s;
}

std::vector<BrokerEndpoint> three_brokers() {
    std::vector<BrokerEndpoint> brokers;
    for (int id = 1; id <= 3; ++id) brokers.push_back({BrokerId{id}, "broker-" + std::to_string(id), 9092, ""});
    return brokers;
}

}  // namespace

TEST_CASE("brokers given the same UpdateMetadata share its partition states instead of copying them") {
    auto list = std::make_shared<std::vector<PartitionState>>(
        std::vector<PartitionState>{state("orders", 0, 1, 0), state("orders", 1, 2, 0), state("orders", 2, 3, 0)});
    MetadataCache broker_1, broker_2;
    broker_1.update(three_brokers(), BrokerId{1}, list, {}, {});
    broker_2.update(three_brokers(), BrokerId{1}, list, {}, {});
    for (std::int32_t p = 0; p < 3; ++p) {
        const PartitionState* one = broker_1.partition({"orders", p});
        REQUIRE(one);
        CHECK(one == broker_2.partition({"orders", p}));
        CHECK(one->leadership.leader == BrokerId{p + 1});
    }
}

TEST_CASE("a later UpdateMetadata replaces only the partitions it names and the list it replaced is released") {
    auto first = std::make_shared<std::vector<PartitionState>>(
        std::vector<PartitionState>{state("orders", 0, 1, 0), state("orders", 1, 2, 0), state("orders", 2, 3, 0)});
    std::weak_ptr<const std::vector<PartitionState>> first_alive = first;
    MetadataCache cache;
    cache.update(three_brokers(), BrokerId{1}, first, {}, {});
    auto second = std::make_shared<std::vector<PartitionState>>(std::vector<PartitionState>{state("orders", 1, 3, 1)});
    cache.update(three_brokers(), BrokerId{1}, second, {}, {});

    const MetadataCache::Topic* topic = cache.topic("orders");
    REQUIRE(topic);
    CHECK(topic->partitions.size() == 3);
    CHECK(topic->partitions.at(1).leadership.leader == BrokerId{3});
    CHECK(topic->partitions.at(1).leadership.leader_epoch == LeaderEpoch{1});
    CHECK(topic->partitions.at(0).leadership.leader == BrokerId{1});
    std::vector<std::int32_t> visited;
    for (const auto& [partition, s] : topic->partitions) visited.push_back(partition);
    CHECK(visited == std::vector<std::int32_t>{0, 1, 2});

    // The first list still backs partitions 0 and 2; once they are replaced too, it goes.
    first.reset();
    CHECK_FALSE(first_alive.expired());
    auto third = std::make_shared<std::vector<PartitionState>>(
        std::vector<PartitionState>{state("orders", 0, 2, 1), state("orders", 2, 2, 1)});
    cache.update(three_brokers(), BrokerId{1}, third, {}, {});
    CHECK(first_alive.expired());
}

TEST_CASE("a deleted topic leaves the cache and a partition never described is unknown") {
    auto list = std::make_shared<std::vector<PartitionState>>(std::vector<PartitionState>{state("orders", 4, 1, 0)});
    MetadataCache cache;
    cache.update(three_brokers(), BrokerId{1}, list, {}, {});
    CHECK(cache.partition({"orders", 4}));
    CHECK_FALSE(cache.partition({"orders", 0}));
    CHECK_FALSE(cache.partition({"orders", 5}));
    CHECK(cache.topic("orders")->partitions.size() == 1);
    cache.update(three_brokers(), BrokerId{1}, std::make_shared<std::vector<PartitionState>>(), {}, {"orders"});
    CHECK(cache.topic("orders") == nullptr);
}
