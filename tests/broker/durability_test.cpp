// What survives a process crash, a power loss, and a clean stop.
#include <catch2/catch.hpp>

#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {
const TopicPartition orders0{"orders", 0};
}

TEST_CASE("a process crash keeps unflushed records (the page cache survives) but a power loss loses them") {
    ClusterOptions options;
    options.brokers = 1;
    TestCluster cluster(options);
    REQUIRE(cluster.create_topic("orders", 1, 1).error == Error::none);
    REQUIRE(cluster.produce(orders0, {"1", "2", "3"}, Acks::all).error == Error::none);
    cluster.crash(1);
    cluster.restart(1);
    cluster.run_for(30s);
    CHECK(cluster.log_values(1, orders0) == std::vector<std::string>{"1", "2", "3"});
    cluster.power_loss(1);
    cluster.restart(1);
    cluster.run_for(30s);
    CHECK(cluster.log_values(1, orders0).empty());  // log.flush.interval.messages: never forced
}

TEST_CASE("with log.flush.interval.messages=1 every record survives a power loss") {
    ClusterOptions options;
    options.brokers = 1;
    options.broker.log_flush_interval_messages = 1;
    TestCluster cluster(options);
    REQUIRE(cluster.create_topic("orders", 1, 1).error == Error::none);
    REQUIRE(cluster.produce(orders0, {"1", "2"}, Acks::all).error == Error::none);
    cluster.power_loss(1);
    cluster.restart(1);
    cluster.run_for(30s);
    CHECK(cluster.log_values(1, orders0) == std::vector<std::string>{"1", "2"});
}

TEST_CASE("a controlled shutdown moves leadership away before the broker stops") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("orders", 1, 3).error == Error::none);
    int leader = cluster.leader(orders0);
    bool stopped = false;
    cluster.broker(leader)->begin_controlled_shutdown([&] { stopped = true; });
    REQUIRE(cluster.run_until([&] { return stopped; }, 30s));
    CHECK(cluster.leader(orders0) != leader);
    CHECK(cluster.leader(orders0) > 0);
    auto isr = cluster.isr(orders0);
    CHECK(std::find(isr.begin(), isr.end(), leader) == isr.end());
}
