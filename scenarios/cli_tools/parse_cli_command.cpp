#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <vector>

#include "scenarios/cli_tools/cli_command.h"
#include "scenarios/cli_tools/command_line_tokenizer.h"
#include "scenarios/cli_tools/option_reader.h"
#include "scenarios/cli_tools/tool_parsers.h"

namespace kafkalab::scenarios {
namespace {

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
    if (text.size() < suffix.size()) return false;
    return std::equal(suffix.begin(), suffix.end(), text.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); });
}

// "bin/kafka-topics.sh", ".\bin\windows\kafka-topics.bat" and "kafka-topics" all name the
// same tool: drop the directory (either slash) and the script suffix.
std::string tool_short_name(std::string_view program) {
    const std::size_t slash = program.find_last_of("/\\");
    if (slash != std::string_view::npos) program.remove_prefix(slash + 1);
    if (ends_with_ignoring_case(program, ".sh")) program.remove_suffix(3);
    else if (ends_with_ignoring_case(program, ".bat")) program.remove_suffix(4);
    return std::string(program);
}

// A shell treats leading NAME=value words (JMX_PORT=8004) as environment settings.
bool is_environment_assignment(std::string_view word) {
    const std::size_t equals = word.find('=');
    if (equals == std::string_view::npos || equals == 0) return false;
    const auto name = word.substr(0, equals);
    return std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }) &&
           !std::isdigit(static_cast<unsigned char>(name.front()));
}

CliParseResult unknown_tool(const std::string& name) {
    const std::string suggestion = closest_name(name, cli_tool_names);
    std::string message = suggestion.empty()
        ? fmt::format("'{}' is not a tool kafkalab simulates; try {}", name, fmt::join(cli_tool_names, ", "))
        : fmt::format("'{}' is not a tool kafkalab simulates (did you mean {}?)", name, suggestion);
    return refused(CliParseError{"", "", std::move(message)});
}

}  // namespace

CliParseResult refused(const CliParseError& error) { return CliParseResult{std::nullopt, error}; }

CliParseResult parse_cli_command(std::string_view line, kafka::KafkaVersion era) {
    TokenizedLine tokens = tokenize_command_line(line);
    if (!tokens.error.empty()) return refused(CliParseError{"", "", tokens.error});
    auto program = std::find_if_not(tokens.words.begin(), tokens.words.end(),
                                    [](const std::string& w) { return is_environment_assignment(w); });
    if (program == tokens.words.end()) return refused(CliParseError{"", "", "no command given"});

    const std::string tool = tool_short_name(*program);
    const std::span<const std::string> args(std::next(program), tokens.words.end());
    if (tool == "kafka-topics") return parse_topics_command(*program, args, era);
    if (tool == "kafka-console-consumer") return parse_console_consumer_command(*program, args);
    if (tool == "kafka-console-producer") return parse_console_producer_command(*program, args);
    if (tool == "kafka-consumer-groups") return parse_consumer_groups_command(*program, args);
    return unknown_tool(tool);
}

}  // namespace kafkalab::scenarios
