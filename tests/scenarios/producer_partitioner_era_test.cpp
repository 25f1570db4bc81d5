// partitioner.class by kafka-version: DefaultPartitioner round-robin before 2.4, sticky
// (KIP-480) from 2.4, and unset from 3.3, where the built-in partitioner (KIP-794) decides.
#include <catch2/catch.hpp>

#include "scenarios/runner/config_mapping.h"
#include "scenarios/runner/console_producer_config.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;

namespace {

std::string partitioner_in(kafka::KafkaVersion era, std::optional<std::string> partitioner_class = std::nullopt) {
    ProducerSpec spec;
    spec.name = "p";
    spec.properties.set_era(era);
    if (partitioner_class) spec.properties.set("partitioner.class", *partitioner_class);
    return producer_config(spec).partitioner;
}

}  // namespace

TEST_CASE("a producer without partitioner.class gets its era's partitioner for records without a key") {
    CHECK(partitioner_in({0, 8, 2}) == "legacy-default");   // round-robin
    CHECK(partitioner_in({2, 3, 0}) == "legacy-default");
    CHECK(partitioner_in({2, 4, 0}) == "default");          // KIP-480 sticky
    CHECK(partitioner_in({3, 2, 0}) == "default");
    CHECK(partitioner_in({3, 3, 0}) == "built-in");         // KIP-794
    CHECK(partitioner_in({3, 6, 0}) == "built-in");
}

TEST_CASE("partitioner.class set explicitly is kept in every era; RoundRobinPartitioner only where asked") {
    CHECK(partitioner_in({3, 6, 0}, "org.apache.kafka.clients.producer.RoundRobinPartitioner") == "round-robin");
    CHECK(partitioner_in({3, 6, 0}, "org.apache.kafka.clients.producer.internals.DefaultPartitioner") == "default");
    CHECK(partitioner_in({2, 0, 0}, "org.apache.kafka.clients.producer.internals.DefaultPartitioner") ==
          "legacy-default");
}

TEST_CASE("kafka-console-producer uses its release's partitioner") {
    auto in = [](kafka::KafkaVersion era) {
        return std::get<kafka::ProducerConfig>(console_producer_config({}, {"broker-1"}, era)).partitioner;
    };
    CHECK(in({2, 0, 0}) == "legacy-default");
    CHECK(in({3, 0, 0}) == "default");
    CHECK(in({3, 6, 0}) == "built-in");
}
