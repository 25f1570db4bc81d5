// Leaderless partitions, leader changes and acks=0: what the producer does without
// an answer, or with the wrong broker.
#include <catch2/catch.hpp>

#include "producer_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {
const TopicPartition solo0{"solo", 0};
const TopicPartition t0{"t", 0};
}  // namespace

TEST_CASE("records for a partition without a leader fail with REQUEST_TIMED_OUT after delivery.timeout.ms") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("solo", 1, 1).error == Error::none);
    const int only_replica = f.cluster.leader(solo0);
    ProducerConfig config = cluster_producer_config();
    config.request_timeout = 2s;
    config.delivery_timeout = 5s;
    auto node = f.add("producer", config);
    f.cluster.run_for(1s);
    f.cluster.crash(only_replica);
    // With its only replica gone and unclean election irrelevant, the partition is offline.
    REQUIRE(f.cluster.run_until([&] { return f.cluster.leader(solo0) < 0; }, 40s));
    f.cluster.run_for(1s);
    Error seen = Error::none;
    const sim::Time sent = f.cluster.sim().now();
    RecordId id = f.producer(node).send("solo", 0, std::nullopt, "v", [&](const RecordMetadata&, Error e) { seen = e; });
    f.cluster.run_for(4900ms);
    CHECK(f.ledger.entry(id).status == SendStatus::pending);  // it waits in the accumulator
    f.cluster.run_for(200ms);
    CHECK(f.ledger.entry(id).status == SendStatus::failed);
    CHECK(f.ledger.entry(id).error == Error::request_timed_out);
    // Counted from the batch's creation, which follows the topic's first metadata
    // answer by a round trip (KafkaProducer.waitOnMetadata comes first).
    CHECK(f.ledger.entry(id).outcome_time - sent >= 5s);
    CHECK(f.ledger.entry(id).outcome_time - sent < 5s + 10ms);
    CHECK(f.ledger.entry(id).attempts == 0);
    CHECK(seen == Error::request_timed_out);
}

TEST_CASE("after the leader crashes the producer refreshes metadata and delivers to the new leader") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("t", 1, 3).error == Error::none);
    auto node = f.add("producer", cluster_producer_config());
    f.producer(node).send("t", 0, std::nullopt, "first");
    REQUIRE(f.settle());
    const int old_leader = f.cluster.leader(t0);
    f.cluster.crash(old_leader);
    for (int i = 0; i < 10; ++i) {
        f.producer(node).send("t", 0, std::nullopt, "during-" + std::to_string(i));
        f.cluster.run_for(1s);
    }
    REQUIRE(f.settle(60s));
    CHECK(f.ledger.failed().empty());
    CHECK(f.ledger.acknowledged().size() == 11);
    const int new_leader = f.cluster.leader(t0);
    CHECK(new_leader != old_leader);
    CHECK(f.producer(node).metadata().leader_id(t0) == BrokerId{new_leader});
    CHECK(f.producer(node).stats().retries > 0);
    const auto log = log_record_ids(f.cluster, new_leader, t0);
    CHECK(lost_acknowledged(f.ledger, t0, log).empty());
    CHECK(duplicated(log).empty());
}

TEST_CASE("acks=0 gets no ProduceResponse and counts every record as acknowledged at offset -1") {
    ProducerFixture f;
    sim::Trace trace;
    REQUIRE(f.cluster.create_topic("t", 1, 3).error == Error::none);
    ProducerConfig config = cluster_producer_config();
    config.acks = Acks::none;
    auto node = f.add("producer", config);
    REQUIRE_FALSE(f.producer(node).idempotent());  // unset idempotence yields to acks=0
    f.producer(node).send("t", 0, std::nullopt, "warm-up");  // the producer learns the topic
    REQUIRE(f.settle());
    f.cluster.sim().set_trace(&trace);
    for (int i = 0; i < 3; ++i) f.producer(node).send("t", 0, std::nullopt, "v" + std::to_string(i));
    f.cluster.run_for(100us);  // less than one link's latency: nothing can have come back
    REQUIRE(f.ledger.acknowledged().size() == 4);
    for (const SendEntry& e : f.ledger.acknowledged()) CHECK(e.offset == Offset{-1});
    f.cluster.run_for(2s);
    int produce_responses = 0;
    for (const auto& r : trace.records()) {
        produce_responses += r.kind == "deliver" && r.destination == "producer" && r.summary.rfind("ProduceResponse", 0) == 0;
    }
    CHECK(produce_responses == 0);
    CHECK(log_record_ids(f.cluster, f.cluster.leader(t0), t0).size() == 4);
}

TEST_CASE("a record larger than max.request.size fails at once with MESSAGE_TOO_LARGE") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("t", 1, 3).error == Error::none);
    ProducerConfig config = cluster_producer_config();
    config.max_request_size_bytes = 1000;
    auto node = f.add("producer", config);
    RecordId id = f.producer(node).send("t", 0, std::nullopt, std::string(2000, 'x'));
    CHECK(f.ledger.entry(id).status == SendStatus::failed);
    CHECK(f.ledger.entry(id).error == Error::message_too_large);
}
