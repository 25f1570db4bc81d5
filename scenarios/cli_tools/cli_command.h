#pragma once
// The entry point for a line a student types: which Kafka tool, with which options.
//
//   auto parsed = parse_cli_command(R"(.\bin\windows\kafka-topics.bat --list --zookeeper localhost:2181)");
//   if (!parsed) show(parsed.error->message);
//   else if (auto* topics = std::get_if<TopicsCommand>(&*parsed.command)) ...
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "broker_model/config/kafka_version.h"

#include "scenarios/cli_tools/console_consumer_command.h"
#include "scenarios/cli_tools/console_producer_command.h"
#include "scenarios/cli_tools/consumer_groups_command.h"
#include "scenarios/cli_tools/topics_command.h"

namespace kafkalab::scenarios {

using CliCommand =
    std::variant<TopicsCommand, ConsoleConsumerCommand, ConsoleProducerCommand, ConsumerGroupsCommand>;

/// Why a line was refused, worded for the student who typed it.
struct CliParseError {
    /// The tool's short name ("kafka-topics"), or "" when no tool was recognised.
    std::string tool;
    /// The option at fault as typed ("--partiton"), or "" when no single option is.
    std::string option;
    /// The whole sentence: "kafka-topics: --partitions expects a positive integer, got 'two'".
    std::string message;

    bool operator==(const CliParseError&) const = default;
};

/// Exactly one of command and error is set.
struct CliParseResult {
    std::optional<CliCommand> command;
    std::optional<CliParseError> error;

    explicit operator bool() const { return command.has_value(); }
};

/// Parses one command line of kafka-topics, kafka-console-consumer,
/// kafka-console-producer or kafka-consumer-groups. The program may carry a directory
/// and a .sh or .bat suffix (bin/kafka-topics.sh, .\bin\windows\kafka-topics.bat).
/// Words split as a POSIX shell splits them (quotes, backslash escapes), except that a
/// backslash before an ordinary character stays, so Windows paths survive. Leading
/// VAR=value words are skipped as the shell's environment assignments. `era` is the
/// Kafka release whose tools run: an option that release does not have is refused as
/// its tool refuses it.
CliParseResult parse_cli_command(std::string_view line, kafka::KafkaVersion era = kafka::default_kafka_version);

/// The short names of the tools parse_cli_command knows, for help texts.
inline constexpr std::string_view cli_tool_names[] = {
    "kafka-topics", "kafka-console-consumer", "kafka-console-producer", "kafka-consumer-groups"};

}  // namespace kafkalab::scenarios
