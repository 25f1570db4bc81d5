// A producer that sends on its own from a schedule, and what its crash leaves behind.
#include <catch2/catch.hpp>

#include "broker_model/client/murmur2.h"
#include "producer_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

TEST_CASE("a scripted producer sends its record limit on schedule with sequence keys and generated values") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("registrations", 3, 3).error == Error::none);
    ProducerWorkload workload;
    workload.topic = "registrations";
    workload.schedule = "every 100ms";
    workload.value = "fake-user-registration";
    workload.key_mode = WorkloadKeyMode::sequence;
    workload.record_limit = 10;
    workload.start = f.cluster.sim().now() + 1s;
    auto node = f.add("registrations", cluster_producer_config(), workload);
    f.cluster.run_for(500ms);
    CHECK(f.ledger.size() == 0);  // not before its start time
    f.cluster.run_for(5s);
    REQUIRE(f.ledger.size() == 10);
    REQUIRE(f.settle());
    for (std::size_t i = 0; i < 10; ++i) {
        const SendEntry& e = f.ledger.entries()[i];
        CHECK(e.status == SendStatus::acknowledged);
        CHECK(e.key == "key-" + std::to_string(i));
        CHECK(e.value.front() == '{');
        CHECK(e.partition == partition_for_key(*e.key, 3));
    }
    // Evenly spaced: ten sends, 100 ms apart.
    CHECK(f.ledger.entries()[9].send_time - f.ledger.entries()[0].send_time == 900ms);
    CHECK(f.producer(node).stats().records_sent == 10);
}

TEST_CASE("a crashed producer loses its queued records: they stay pending in the ledger") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("t", 1, 3).error == Error::none);
    ProducerConfig config = cluster_producer_config();
    config.linger = 10s;  // records wait in the accumulator long enough to be lost
    ProducerWorkload workload;
    workload.topic = "t";
    workload.schedule = "every 100ms";
    workload.record_limit = 20;
    auto node = f.add("producer", config, workload);
    f.cluster.run_for(1s);
    const std::size_t sent = f.ledger.size();
    REQUIRE(sent > 0);
    f.cluster.sim().crash(node);
    f.cluster.run_for(15s);
    CHECK(f.ledger.pending().size() == sent);
    CHECK(log_record_ids(f.cluster, f.cluster.leader({"t", 0}), {"t", 0}, false).empty());

    // A restarted incarnation continues the numbering and stops at the overall limit.
    f.cluster.sim().restart(node);
    f.cluster.run_for(20s);
    CHECK(f.ledger.size() == 20);
    CHECK(f.ledger.entries().back().value == "message-000019");
    CHECK(f.ledger.pending().size() == sent);
}
