// kafka-console-producer's options and the checks of Kafka 3.6's ConsoleProducer.ProducerConfig.
#include <algorithm>
#include <array>
#include <fmt/format.h>

#include "scenarios/cli_tools/option_reader.h"
#include "scenarios/cli_tools/tool_parsers.h"

namespace kafkalab::scenarios {
namespace {

constexpr std::string_view tool_name = "kafka-console-producer";
constexpr std::string_view acks_expected = "one of all, -1, 0, 1";

constexpr std::array<OptionSpec, 12> producer_options{{
    {"bootstrap-server", OptionArity::required_value, "host:port[,host:port...]"},
    {"broker-list", OptionArity::required_value, "host:port[,host:port...]"},
    {"topic", OptionArity::required_value, "a topic name"},
    {"property", OptionArity::required_value, "a line reader property key=value", true},
    {"producer-property", OptionArity::required_value, "a producer property key=value", true},
    {"request-required-acks", OptionArity::required_value, acks_expected},
    {"timeout", OptionArity::required_value, "a non-negative number of milliseconds"},
    {"request-timeout-ms", OptionArity::required_value, "a positive number of milliseconds"},
    {"message-send-max-retries", OptionArity::required_value, "a non-negative integer"},
    {"batch-size", OptionArity::required_value, "a positive number of bytes"},
    {"compression-codec", OptionArity::optional_value, "none, gzip, snappy, lz4 or zstd"},
    {"sync"},
}};

constexpr std::array<std::string_view, 11> unsimulated_options{
    "line-reader", "reader-config", "producer.config", "retry-backoff-ms", "metadata-expiry-ms", "max-block-ms",
    "max-memory-bytes", "max-partition-memory-bytes", "socket-buffer-size", "help", "version"};

bool is_acks(std::string_view value) { return value == "all" || value == "-1" || value == "0" || value == "1"; }

// LineMessageReader.configure: the reader's properties, and its refusal of a null marker
// that equals the key separator (a line could not be split unambiguously).
LineReaderConfig line_reader(OptionReader& reader, const CliProperties& properties) {
    LineReaderConfig config;
    if (const auto value = property_value(properties, "parse.key")) config.parse_key = property_is_true(*value);
    if (const auto value = property_value(properties, "key.separator")) config.key_separator = *value;
    if (const auto value = property_value(properties, "ignore.error")) config.ignore_error = property_is_true(*value);
    config.null_marker = property_value(properties, "null.marker");
    if (config.null_marker == config.key_separator)
        reader.fail("--property", "null.marker and key.separator may not be equal");
    return config;
}

void check_producer_options(OptionReader& reader, const ConsoleProducerCommand& command) {
    if (command.request_required_acks && !is_acks(*command.request_required_acks))
        reader.fail_value("request-required-acks", *command.request_required_acks);
    // The producer would refuse an unknown acks at start-up; saying so now is clearer.
    if (const auto acks = property_value(command.producer_properties, "acks"); acks && !is_acks(*acks))
        reader.fail("--producer-property", fmt::format("--producer-property acks expects {}, got '{}'", acks_expected, *acks));
    if (command.compression_codec) {
        constexpr std::array<std::string_view, 6> codecs{"", "none", "gzip", "snappy", "lz4", "zstd"};
        if (std::find(codecs.begin(), codecs.end(), *command.compression_codec) == codecs.end())
            reader.fail_value("compression-codec", *command.compression_codec);
    }
}

}  // namespace

CliParseResult parse_console_producer_command(std::string program, std::span<const std::string> args) {
    OptionReader reader(tool_name, producer_options, unsimulated_options);
    reader.scan(args);
    if (!reader.failed()) reader.require("topic");
    if (!reader.failed() && !reader.has("bootstrap-server") && !reader.has("broker-list"))
        reader.fail("", "--bootstrap-server is required");

    ConsoleProducerCommand command;
    command.program = std::move(program);
    // Kafka ignores --broker-list whenever --bootstrap-server is given.
    command.used_broker_list = !reader.has("bootstrap-server") && reader.has("broker-list");
    command.servers = reader.servers(command.used_broker_list ? "broker-list" : "bootstrap-server");
    command.topic = reader.text("topic").value_or("");
    command.reader_properties = reader.properties("property");
    command.producer_properties = reader.properties("producer-property");
    command.reader = line_reader(reader, command.reader_properties);
    command.request_required_acks = reader.text("request-required-acks");
    command.send_timeout_ms = reader.int64("timeout");
    if (command.send_timeout_ms && *command.send_timeout_ms < 0) reader.fail_value("timeout", std::to_string(*command.send_timeout_ms));
    command.request_timeout_ms = reader.positive_int32("request-timeout-ms");
    command.message_send_max_retries = reader.non_negative_int32("message-send-max-retries");
    command.batch_size = reader.positive_int32("batch-size");
    command.compression_codec = reader.text("compression-codec");
    command.sync = reader.has("sync");
    check_producer_options(reader, command);
    if (reader.failed()) return refused(reader.error());
    return CliParseResult{CliCommand{std::move(command)}, std::nullopt};
}

}  // namespace kafkalab::scenarios
