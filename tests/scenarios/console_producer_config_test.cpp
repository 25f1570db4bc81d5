// The producer kafka-console-producer builds: the tool's own defaults, its options, and
// --producer-property, merged as Kafka merges them.
#include <catch2/catch.hpp>

#include "scenarios/cli_tools/cli_command.h"
#include "scenarios/runner/console_producer_config.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace std::chrono_literals;

namespace {

std::variant<kafka::ProducerConfig, std::string> config_of(const std::string& line,
                                                           kafka::KafkaVersion era = kafka::default_kafka_version) {
    auto parsed = parse_cli_command(line);
    REQUIRE(static_cast<bool>(parsed));
    const auto& command = std::get<ConsoleProducerCommand>(*parsed.command);
    return console_producer_config(console_producer_properties(command), {"broker-1"}, era);
}

const std::string tool = "kafka-console-producer --bootstrap-server localhost:9092 --topic t";

}  // namespace

TEST_CASE("console producer runs with the tool's defaults: acks all, linger 1 s, 1.5 s requests, 3 retries") {
    auto config = std::get<kafka::ProducerConfig>(config_of(tool));
    CHECK(config.acks == kafka::Acks::all);
    CHECK(config.linger == 1000ms);
    CHECK(config.request_timeout == 1500ms);
    CHECK(config.retries == 3);
    CHECK(config.client_id == "console-producer");
    CHECK(config.bootstrap_servers == std::vector<std::string>{"broker-1"});
    CHECK(config.idempotence_enabled());
}

TEST_CASE("console producer options win over --producer-property, which wins over the defaults") {
    auto config = std::get<kafka::ProducerConfig>(
        config_of(tool + " --producer-property linger.ms=5 --producer-property acks=1 --request-required-acks 0"));
    CHECK(config.linger == 5ms);
    CHECK(config.acks == kafka::Acks::none);
    CHECK(std::get<kafka::ProducerConfig>(config_of(tool + " --timeout 7 --producer-property linger.ms=5")).linger == 7ms);
}

TEST_CASE("console producer refuses a property value that is not a number, in Kafka's words") {
    auto problem = config_of(tool + " --producer-property linger.ms=soon");
    REQUIRE(std::holds_alternative<std::string>(problem));
    CHECK(std::get<std::string>(problem) == "Invalid value soon for configuration linger.ms: Not a number of type LONG");
}

TEST_CASE("console producer of a Kafka 2.x era is not idempotent unless asked") {
    CHECK_FALSE(std::get<kafka::ProducerConfig>(config_of(tool, {2, 8, 0})).idempotence_enabled());
    CHECK(std::get<kafka::ProducerConfig>(config_of(tool + " --producer-property enable.idempotence=true", {2, 8, 0}))
              .idempotence_enabled());
}
