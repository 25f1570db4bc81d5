// ProducerConfig: Kafka 3.x defaults, the pre-3.0 ones (KIP-679), and the checks
// ProducerConfig and KafkaProducer make before a producer starts.
#include <catch2/catch.hpp>

#include "broker_model/client/producer_config.h"

using namespace kafkalab;
using namespace kafkalab::kafka;

TEST_CASE("producer defaults are Kafka 3.x's: acks=all, idempotence on, retries MAX_INT, 5 in flight") {
    ProducerConfig config;
    CHECK(config.acks == Acks::all);
    CHECK(config.idempotence_enabled());
    CHECK(config.retries == 2147483647);
    CHECK(config.max_in_flight_requests_per_connection == 5);
    CHECK(config.batch_size_bytes == 16384);
    CHECK(config.linger == 0ms);
    CHECK(config.delivery_timeout == 120s);
    CHECK(config.request_timeout == 30s);
    CHECK(config.retry_backoff == 100ms);
    CHECK(config.problems().empty());
}

TEST_CASE("pre-3.0 producer defaults are acks=1 without idempotence") {
    ProducerConfig config = ProducerConfig::pre_3_0();
    CHECK(config.acks == Acks::leader);
    CHECK_FALSE(config.idempotence_enabled());
    CHECK(config.problems().empty());
}

TEST_CASE("an unset enable.idempotence yields to acks=1, but an explicit one is refused with it") {
    ProducerConfig config;
    config.acks = Acks::leader;
    CHECK_FALSE(config.idempotence_enabled());
    CHECK(config.problems().empty());
    config.enable_idempotence = true;
    REQUIRE(config.problems().size() == 1);
    CHECK(config.problems().front().starts_with("Must set acks to all"));
    CHECK_THROWS_AS(config.validate(), std::invalid_argument);
}

TEST_CASE("idempotence refuses more than 5 requests in flight per connection") {
    ProducerConfig config;
    config.max_in_flight_requests_per_connection = 6;
    CHECK_FALSE(config.idempotence_enabled());
    config.enable_idempotence = true;
    CHECK_FALSE(config.problems().empty());
}

TEST_CASE("delivery.timeout.ms shorter than linger.ms + request.timeout.ms is refused (KIP-91)") {
    ProducerConfig config;
    config.delivery_timeout = 20s;
    CHECK_FALSE(config.problems().empty());
}
