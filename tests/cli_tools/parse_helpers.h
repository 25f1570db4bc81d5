#pragma once
// Shortcuts for the parsing tests: parse a line and insist on the tool it names, or on
// the sentence it is refused with.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "scenarios/cli_tools/cli_command.h"

namespace kafkalab::scenarios::testing {

/// A Kafka release whose kafka-topics still has --zookeeper (removed in 3.0, KAFKA-12596).
inline constexpr kafka::KafkaVersion zookeeper_era{2, 8, 0};

template <class Command>
Command parse_as(std::string_view line, kafka::KafkaVersion era = kafka::default_kafka_version) {
    const CliParseResult parsed = parse_cli_command(line, era);
    INFO("line: " << line);
    INFO("refused: " << (parsed.error ? parsed.error->message : std::string("no")));
    REQUIRE(parsed.command.has_value());
    REQUIRE(std::holds_alternative<Command>(*parsed.command));
    return std::get<Command>(*parsed.command);
}

inline CliParseError refusal_of(std::string_view line, kafka::KafkaVersion era = kafka::default_kafka_version) {
    const CliParseResult parsed = parse_cli_command(line, era);
    INFO("line: " << line);
    REQUIRE_FALSE(parsed.command.has_value());
    REQUIRE(parsed.error.has_value());
    return *parsed.error;
}

inline std::string refusal_message(std::string_view line, kafka::KafkaVersion era = kafka::default_kafka_version) {
    return refusal_of(line, era).message;
}

}  // namespace kafkalab::scenarios::testing
