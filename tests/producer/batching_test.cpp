// batch.size and linger.ms: how many records share one ProduceRequest.
#include <catch2/catch.hpp>

#include "producer_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

/// Sends `count` records to partition 0, one every `gap`, and returns the ProduceRequests used.
std::uint64_t requests_for(sim::Duration linger, int count, sim::Duration gap) {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("t", 1, 3).error == Error::none);
    ProducerConfig config = cluster_producer_config();
    config.linger = linger;
    auto node = f.add("producer", config);
    f.cluster.run_for(1s);
    for (int i = 0; i < count; ++i) {
        f.producer(node).send("t", 0, std::nullopt, "record-" + std::to_string(i));
        f.cluster.run_for(gap);
    }
    REQUIRE(f.settle());
    CHECK(f.ledger.acknowledged().size() == static_cast<std::size_t>(count));
    return f.producer(node).stats().produce_requests;
}

}  // namespace

TEST_CASE("linger.ms makes records sent over time share batches: fewer ProduceRequests than records") {
    const std::uint64_t lingering = requests_for(100ms, 20, 5ms);
    const std::uint64_t eager = requests_for(0ms, 20, 5ms);
    CHECK(lingering <= 2);  // 20 records over 100 ms: one or two lingering batches
    CHECK(eager == 20);     // with linger.ms=0 every record leaves on its own
}

TEST_CASE("with linger.ms=0 records sent in the same instant still share one batch") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("t", 1, 3).error == Error::none);
    auto node = f.add("producer", cluster_producer_config());
    f.cluster.run_for(1s);
    for (int i = 0; i < 5; ++i) f.producer(node).send("t", 0, std::nullopt, "v");
    REQUIRE(f.settle());
    CHECK(f.producer(node).stats().produce_requests == 1);
    for (const SendEntry& e : f.ledger.acknowledged()) CHECK(e.attempts == 1);
}

TEST_CASE("a batch that reaches batch.size is sent at once instead of lingering") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("t", 1, 3).error == Error::none);
    ProducerConfig config = cluster_producer_config();
    config.linger = 10s;
    config.batch_size_bytes = 1000;
    auto node = f.add("producer", config);
    f.cluster.run_for(1s);
    const sim::Time sent = f.cluster.sim().now();
    for (int i = 0; i < 10; ++i) f.producer(node).send("t", 0, std::nullopt, std::string(200, 'x'));
    REQUIRE(f.cluster.run_until([&] { return f.ledger.acknowledged().size() >= 4; }, 5s));
    // The full batches went long before linger.ms ran out; the last one still lingers.
    CHECK(f.cluster.sim().now() - sent < 1s);
    CHECK(f.ledger.pending().size() > 0);
    REQUIRE(f.settle(15s));
    CHECK(f.producer(node).stats().produce_requests >= 2);
}

TEST_CASE("records sent before the first metadata response wait, then go out in send order") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("payments", 1, 3).error == Error::none);
    auto node = f.add("producer", cluster_producer_config());
    std::vector<RecordId> sent;
    // KafkaProducer.send blocks on waitOnMetadata; here the records queue instead.
    for (int i = 0; i < 50; ++i) sent.push_back(f.producer(node).send("payments", std::nullopt, std::nullopt, "r"));
    CHECK(f.producer(node).queued_records() == 50);
    f.cluster.run_for(1s);  // metadata known: the next records skip the wait
    for (int i = 0; i < 50; ++i) sent.push_back(f.producer(node).send("payments", std::nullopt, std::nullopt, "r"));
    REQUIRE(f.settle());
    TopicPartition p0{"payments", 0};
    f.cluster.run_for(1s);
    CHECK(log_record_ids(f.cluster, f.cluster.leader(p0), p0) == sent);
}
