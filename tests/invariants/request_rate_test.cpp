// Invariant 5: no node repeats one request to one peer faster than Kafka's backoffs
// allow (scenarios/invariants/request_rate.h).
#include <catch2/catch.hpp>

#include "scenarios/invariants/request_rate.h"

using namespace kafkalab;
using kafkalab::invariants::RequestRateWatch;

namespace {

sim::Time at_ms(int ms) { return sim::Time{} + std::chrono::milliseconds(ms); }

}  // namespace

TEST_CASE("a retry every 50 ms, reconnect.backoff.ms, is within the bound") {
    RequestRateWatch watch;
    for (int i = 0; i < 200; ++i) {
        INFO("request " << i);
        CHECK_FALSE(watch.note(at_ms(50 * i), 1, 2, kafka::ApiKey::metadata, "writer", "broker-1"));
    }
    CHECK(watch.highest() == RequestRateWatch::most_per_window);
}

TEST_CASE("a hot retry loop, 21 AlterPartition requests within a second, is reported") {
    RequestRateWatch watch;
    std::optional<std::string> offence;
    int sent = 0;
    // The livelock of issue #24 sent about 630 a second: one every 1.6 ms.
    while (!offence && sent < 100) {
        offence = watch.note(at_ms(sent * 8 / 5), 3, 1, kafka::ApiKey::alter_partition, "broker-3", "broker-1",
                             "payments-0");
        ++sent;
    }
    REQUIRE(offence);
    CHECK(sent == RequestRateWatch::most_per_window + 1);
    CHECK_THAT(*offence, Catch::Contains("broker-3 sent 21 AlterPartition requests for payments-0 to broker-1 within"));
}

TEST_CASE("AlterPartition is counted per partition: one change for each of 50 partitions at once is no loop") {
    RequestRateWatch watch;
    for (int p = 0; p < 50; ++p) {
        CHECK_FALSE(watch.note(at_ms(0), 1, 1, kafka::ApiKey::alter_partition, "broker-1", "broker-1",
                               "__consumer_offsets-" + std::to_string(p)));
    }
}

TEST_CASE("the bound is per sender, peer and API") {
    RequestRateWatch watch;
    for (int i = 0; i < 20; ++i) {
        CHECK_FALSE(watch.note(at_ms(i), 1, 2, kafka::ApiKey::metadata, "a", "b"));
        CHECK_FALSE(watch.note(at_ms(i), 1, 3, kafka::ApiKey::metadata, "a", "c"));
        CHECK_FALSE(watch.note(at_ms(i), 4, 2, kafka::ApiKey::metadata, "d", "b"));
        CHECK_FALSE(watch.note(at_ms(i), 1, 2, kafka::ApiKey::heartbeat, "a", "b"));
    }
    CHECK(watch.note(at_ms(30), 1, 2, kafka::ApiKey::metadata, "a", "b"));
}

TEST_CASE("requests a second apart leave the window: a steady rate of 20 a second never trips it") {
    RequestRateWatch watch;
    for (int i = 0; i < 20; ++i) CHECK_FALSE(watch.note(at_ms(i), 1, 2, kafka::ApiKey::find_coordinator, "a", "b"));
    CHECK_FALSE(watch.note(at_ms(1000), 1, 2, kafka::ApiKey::find_coordinator, "a", "b"));
}

TEST_CASE("Produce, Fetch and the controller's requests follow the work, not a backoff, and are not judged") {
    RequestRateWatch watch;
    for (int i = 0; i < 500; ++i) {
        CHECK_FALSE(watch.note(at_ms(i), 1, 2, kafka::ApiKey::produce, "writer", "broker-1"));
        CHECK_FALSE(watch.note(at_ms(i), 2, 1, kafka::ApiKey::fetch, "broker-2", "broker-1"));
        CHECK_FALSE(watch.note(at_ms(i), 3, 3, kafka::ApiKey::update_metadata, "broker-3", "broker-3"));
        CHECK_FALSE(watch.note(at_ms(i), 3, 1, kafka::ApiKey::leader_and_isr, "broker-3", "broker-1"));
    }
    CHECK(watch.highest() == 0);
}
