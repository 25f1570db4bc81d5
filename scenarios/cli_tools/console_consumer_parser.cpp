// kafka-console-consumer's options and the checks of Kafka 3.6's ConsoleConsumer.ConsumerConfig.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <fmt/format.h>

#include "scenarios/cli_tools/option_reader.h"
#include "scenarios/cli_tools/tool_parsers.h"

namespace kafkalab::scenarios {
namespace {

constexpr std::string_view tool_name = "kafka-console-consumer";

constexpr std::array<OptionSpec, 14> consumer_options{{
    {"bootstrap-server", OptionArity::required_value, "host:port[,host:port...]"},
    {"topic", OptionArity::required_value, "a topic name"},
    {"include", OptionArity::required_value, "a regular expression of topic names"},
    {"whitelist", OptionArity::required_value, "a regular expression of topic names"},
    {"group", OptionArity::required_value, "a consumer group id"},
    {"from-beginning"},
    {"partition", OptionArity::required_value, "a partition number (0 or more)"},
    {"offset", OptionArity::required_value, "'earliest', 'latest' or a non-negative offset"},
    {"max-messages", OptionArity::required_value, "a positive integer"},
    {"timeout-ms", OptionArity::required_value, "a non-negative number of milliseconds"},
    {"property", OptionArity::required_value, "a formatter property key=value", true},
    {"consumer-property", OptionArity::required_value, "a consumer property key=value", true},
    {"isolation-level", OptionArity::required_value, "read_committed or read_uncommitted"},
    {"skip-message-on-error"},
}};

constexpr std::array<std::string_view, 8> unsimulated_options{
    "formatter", "formatter-config", "consumer.config", "key-deserializer", "value-deserializer", "enable-systest-events",
    "help", "version"};

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// --offset: 'earliest', 'latest' (any case) or a non-negative long.
std::optional<ConsumerStartOffset> start_offset(OptionReader& reader) {
    const auto raw = reader.text("offset");
    if (!raw) return std::nullopt;
    if (equals_ignoring_case(*raw, "earliest")) return ConsumerStartOffset{ConsumerStartOffset::Kind::earliest, 0};
    if (equals_ignoring_case(*raw, "latest")) return ConsumerStartOffset{ConsumerStartOffset::Kind::latest, 0};
    std::int64_t offset = -1;
    const auto [end, error] = std::from_chars(raw->data(), raw->data() + raw->size(), offset);
    if (raw->empty() || error != std::errc{} || end != raw->data() + raw->size() || offset < 0) {
        reader.fail_value("offset", *raw);
        return std::nullopt;
    }
    return ConsumerStartOffset{ConsumerStartOffset::Kind::exact, offset};
}

// Kafka's checks on where to read from: one topic source, and partition-only options.
void check_sources(OptionReader& reader) {
    const bool has_include = reader.has("include") || reader.has("whitelist");
    if (reader.has("topic") == has_include) reader.fail("", "exactly one of --topic or --include is required");
    if (reader.has("partition")) {
        if (!reader.has("topic")) reader.fail("--partition", "--partition needs --topic");
        constexpr std::array<std::string_view, 1> offset{"offset"};
        reader.refuse_together("from-beginning", offset);
    } else if (reader.has("offset")) {
        reader.fail("--offset", "--offset needs --partition");
    }
    reader.require("bootstrap-server");
}

// The group may come from --group or from --consumer-property group.id; they must agree,
// and a group cannot be combined with an explicit partition.
std::optional<std::string> group_of(OptionReader& reader, const CliProperties& consumer_properties) {
    const auto from_option = reader.text("group");
    const auto from_property = property_value(consumer_properties, "group.id");
    if (from_option && from_property && *from_option != *from_property)
        reader.fail("--group", fmt::format("--group '{}' and --consumer-property group.id={} disagree", *from_option, *from_property));
    const auto group = from_option ? from_option : from_property;
    if (group && reader.has("partition")) reader.fail("--group", "--group can't be used with --partition");
    return group;
}

// ConsoleConsumer.setAutoOffsetResetValue refuses --from-beginning with another reset policy.
void check_offset_reset(OptionReader& reader, const CliProperties& consumer_properties) {
    const auto reset = property_value(consumer_properties, "auto.offset.reset");
    if (reset && reader.has("from-beginning") && *reset != "earliest")
        reader.fail("--from-beginning", fmt::format("Can't simultaneously specify --from-beginning and 'auto.offset.reset={}', "
                                                    "please remove one option", *reset));
}

}  // namespace

CliParseResult parse_console_consumer_command(std::string program, std::span<const std::string> args) {
    OptionReader reader(tool_name, consumer_options, unsimulated_options);
    reader.scan(args);
    if (!reader.failed()) check_sources(reader);

    ConsoleConsumerCommand command;
    command.program = std::move(program);
    command.servers = reader.servers("bootstrap-server");
    command.topic = reader.text("topic");
    command.include = reader.has("include") ? reader.text("include") : reader.text("whitelist");
    command.from_beginning = reader.has("from-beginning");
    command.partition = reader.non_negative_int32("partition");
    command.offset = start_offset(reader);
    command.max_messages = reader.positive_int32("max-messages");
    command.timeout_ms = reader.non_negative_int32("timeout-ms");
    command.skip_message_on_error = reader.has("skip-message-on-error");
    command.isolation_level = reader.text("isolation-level");
    if (command.isolation_level && *command.isolation_level != "read_committed" && *command.isolation_level != "read_uncommitted")
        reader.fail_value("isolation-level", *command.isolation_level);
    command.formatter_properties = reader.properties("property");
    command.consumer_properties = reader.properties("consumer-property");
    command.format = record_format_from_properties(command.formatter_properties);
    command.group = group_of(reader, command.consumer_properties);
    check_offset_reset(reader, command.consumer_properties);
    if (reader.failed()) return refused(reader.error());
    return CliParseResult{CliCommand{std::move(command)}, std::nullopt};
}

CliProperties console_consumer_properties(const ConsoleConsumerCommand& command) {
    CliProperties properties = command.consumer_properties;
    const auto set_if_absent = [&](std::string key, std::string value) {
        if (!property_value(properties, key)) properties.push_back(CliProperty{std::move(key), std::move(value)});
    };
    properties.push_back(CliProperty{"bootstrap.servers", fmt::format("{}", fmt::join(command.servers, ","))});
    if (command.group) properties.push_back(CliProperty{"group.id", *command.group});
    set_if_absent("auto.offset.reset", command.from_beginning ? "earliest" : "latest");
    set_if_absent("client.id", "console-consumer");
    // A generated group is thrown away after the run, so Kafka does not commit for it.
    if (!command.group) set_if_absent("enable.auto.commit", "false");
    if (command.isolation_level) properties.push_back(CliProperty{"isolation.level", *command.isolation_level});
    else set_if_absent("isolation.level", "read_uncommitted");
    return properties;
}

}  // namespace kafkalab::scenarios
