#pragma once
// One parser per tool, behind parse_cli_command. Each takes the program as typed and the
// words after it. Internal to cli_tools; the tests reach them through parse_cli_command.
#include <span>
#include <string>

#include "scenarios/cli_tools/cli_command.h"

namespace kafkalab::scenarios {

CliParseResult parse_topics_command(std::string program, std::span<const std::string> args, kafka::KafkaVersion era);
CliParseResult parse_console_consumer_command(std::string program, std::span<const std::string> args);
CliParseResult parse_console_producer_command(std::string program, std::span<const std::string> args);
CliParseResult parse_consumer_groups_command(std::string program, std::span<const std::string> args);

/// A refusal carrying the reader's first problem.
CliParseResult refused(const CliParseError& error);

}  // namespace kafkalab::scenarios
