// A consumer that assign()s its partitions: no group membership, positions from
// auto.offset.reset (KafkaConsumer.assign, SubscriptionState, Fetcher).
#include <catch2/catch.hpp>

#include "consumer/consumer_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

const TopicPartition payments0{"payments", 0};

ConsumerOptions standalone(AutoOffsetReset reset, std::shared_ptr<ConsumptionLog> log) {
    ConsumerOptions options;
    options.config.auto_offset_reset = reset;
    options.partitions = {payments0};
    options.log = std::move(log);
    return options;
}

}  // namespace

TEST_CASE("an assigned consumer with auto.offset.reset=earliest reads every record in offset order") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    REQUIRE(cluster.produce(payments0, numbered("a", 0, 4), Acks::all).error == Error::none);
    REQUIRE(cluster.produce(payments0, numbered("a", 4, 6), Acks::all).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    add_consumer(cluster, "reader", standalone(AutoOffsetReset::earliest, log));
    REQUIRE(cluster.run_until([&] { return log->deliveries().size() >= 10; }, 10s));
    cluster.run_for(2s);
    CHECK(values(log->deliveries()) == numbered("a", 0, 10));
    for (std::size_t i = 0; i < log->deliveries().size(); ++i) {
        CHECK(log->deliveries()[i].record.offset == Offset{static_cast<std::int64_t>(i)});
        CHECK(log->deliveries()[i].group.empty());
    }
    CHECK(log->poll_anomalies().empty());
    CHECK(log->commits().empty());  // no group.id: nothing to commit to
}

TEST_CASE("an assigned consumer keeps reading records produced while it runs") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    add_consumer(cluster, "reader", standalone(AutoOffsetReset::earliest, log));
    cluster.run_for(1s);
    for (int i = 0; i < 5; ++i) {
        REQUIRE(cluster.produce(payments0, numbered("live", i, 1), Acks::all).error == Error::none);
        cluster.run_for(300ms);
    }
    REQUIRE(cluster.run_until([&] { return log->deliveries().size() >= 5; }, 5s));
    CHECK(values(log->deliveries()) == numbered("live", 0, 5));
}

TEST_CASE("auto.offset.reset=latest skips the records that existed before the consumer started") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    REQUIRE(cluster.produce(payments0, numbered("old", 0, 5), Acks::all).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    sim::NodeIndex node = add_consumer(cluster, "reader", standalone(AutoOffsetReset::latest, log));
    // ListOffsets(latest) answers the high watermark, 5.
    REQUIRE(cluster.run_until([&] {
        const auto* p = consumer_at(cluster, node)->subscriptions().find(payments0);
        return p && p->position.has_value();
    }, 10s));
    CHECK(*consumer_at(cluster, node)->subscriptions().find(payments0)->position == Offset{5});
    REQUIRE(cluster.produce(payments0, numbered("new", 0, 3), Acks::all).error == Error::none);
    REQUIRE(cluster.run_until([&] { return log->deliveries().size() >= 3; }, 10s));
    cluster.run_for(1s);
    CHECK(values(log->deliveries()) == numbered("new", 0, 3));
}

TEST_CASE("auto.offset.reset=none leaves a partition without a position instead of guessing one") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    REQUIRE(cluster.produce(payments0, numbered("x", 0, 3), Acks::all).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    sim::NodeIndex node = add_consumer(cluster, "reader", standalone(AutoOffsetReset::none, log));
    cluster.run_for(3s);
    CHECK(log->deliveries().empty());
    const auto* p = consumer_at(cluster, node)->subscriptions().find(payments0);
    REQUIRE(p);
    CHECK(p->state == FetchState::no_offset);
    CHECK(log->find_status("reader")->assignment.at(payments0).no_offset);
}

TEST_CASE("a consumer never receives records above the high watermark, only once the ISR has them") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    REQUIRE(cluster.produce(payments0, numbered("committed", 0, 3), Acks::all).error == Error::none);
    const int leader = cluster.leader(payments0);
    const int follower = leader == 1 ? 2 : 1;
    // The follower is cut off but stays in the ISR until replica.lag.time.max.ms or its
    // ZooKeeper session runs out, so the high watermark stalls at 3.
    cluster.sim().partition({{cluster.broker_node(follower)}});
    REQUIRE(cluster.produce(payments0, numbered("uncommitted", 0, 2), Acks::leader).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    add_consumer(cluster, "reader", standalone(AutoOffsetReset::earliest, log));
    cluster.run_for(5s);
    CHECK(cluster.log(leader, payments0)->log_end_offset() == Offset{5});
    CHECK(cluster.log(leader, payments0)->high_watermark() == Offset{3});
    CHECK(values(log->deliveries()) == numbered("committed", 0, 3));
    CHECK(log->find_status("reader")->assignment.at(payments0).high_watermark == Offset{3});
    // Once the silent follower leaves the ISR the high watermark moves, and so does the consumer.
    // In ZooKeeper mode the controller's ISR shrink bumps the leader epoch, so the
    // consumer is fenced once (FENCED_LEADER_EPOCH, KIP-320) and refreshes its metadata.
    REQUIRE(cluster.run_until([&] { return log->deliveries().size() >= 5; }, 60s));
    CHECK(log->deliveries()[3].record.value == "uncommitted-0");
    CHECK(log->deliveries()[4].record.value == "uncommitted-1");
}

TEST_CASE("a consumer on a slow application reads at the pace of its processing, max.poll.records at a time") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    REQUIRE(cluster.produce(payments0, numbered("r", 0, 50), Acks::all).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    ConsumerOptions options = standalone(AutoOffsetReset::earliest, log);
    options.config.max_poll_records = 10;
    options.workload.processing_per_record = 100ms;  // one second per poll of 10
    add_consumer(cluster, "reader", options);
    cluster.run_for(3s);
    // Each poll returns 10 records and the next poll comes a second later.
    CHECK(log->deliveries().size() >= 20);
    CHECK(log->deliveries().size() <= 30);
    for (const auto& poll : log->polls()) {
        REQUIRE(poll.ranges.size() == 1);
        CHECK(poll.ranges[0].last - poll.ranges[0].first == 9);
    }
    REQUIRE(cluster.run_until([&] { return log->deliveries().size() >= 50; }, 10s));
    CHECK(values(log->deliveries()) == numbered("r", 0, 50));
}

TEST_CASE("a consumer with an invalid configuration never starts, as KafkaConsumer's constructor would throw") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    REQUIRE(cluster.produce(payments0, numbered("x", 0, 2), Acks::all).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    ConsumerOptions options = standalone(AutoOffsetReset::earliest, log);
    options.config.partition_assignment_strategy = {"no-such-assignor"};
    add_consumer(cluster, "reader", options);
    cluster.run_for(3s);
    CHECK(log->deliveries().empty());
    CHECK(log->find_status("reader")->error == Error::invalid_config);
}
