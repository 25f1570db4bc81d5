// ConsoleProducer.producerProps and LineMessageReader's line splitting (Kafka 3.6).
#include <fmt/format.h>

#include "scenarios/cli_tools/console_producer_command.h"

namespace kafkalab::scenarios {
namespace {

// CommandLineUtils.maybeMergeOptions: an explicit tool option wins; otherwise a value the
// user set through --producer-property stays; otherwise the tool's default applies.
void merge_option(CliProperties& properties, const std::string& key, const std::optional<std::string>& option,
                  const std::string& tool_default) {
    if (!option && property_value(properties, key)) return;
    properties.push_back(CliProperty{key, option.value_or(tool_default)});
}

template <class Int>
std::optional<std::string> as_text(const std::optional<Int>& value) {
    if (!value) return std::nullopt;
    return std::to_string(*value);
}

}  // namespace

CliProperties console_producer_properties(const ConsoleProducerCommand& command) {
    CliProperties properties = command.producer_properties;
    properties.push_back(CliProperty{"bootstrap.servers", fmt::format("{}", fmt::join(command.servers, ","))});
    // A bare --compression-codec means gzip; without the option nothing is compressed.
    const std::string compression = !command.compression_codec ? "none"
                                    : command.compression_codec->empty() ? "gzip"
                                                                          : *command.compression_codec;
    properties.push_back(CliProperty{"compression.type", compression});
    if (!property_value(properties, "client.id")) properties.push_back(CliProperty{"client.id", "console-producer"});
    merge_option(properties, "linger.ms", as_text(command.send_timeout_ms), "1000");
    merge_option(properties, "acks", command.request_required_acks, "-1");
    merge_option(properties, "request.timeout.ms", as_text(command.request_timeout_ms), "1500");
    merge_option(properties, "retries", as_text(command.message_send_max_retries), "3");
    merge_option(properties, "batch.size", as_text(command.batch_size), "16384");
    return properties;
}

ProducerLine read_producer_line(const LineReaderConfig& reader, const std::string& line, std::int64_t line_number) {
    ProducerLine result;
    std::size_t value_start = 0;
    if (reader.parse_key) {
        const std::size_t separator = line.find(reader.key_separator);
        if (separator == std::string::npos && !reader.ignore_error) {
            result.error = fmt::format("No key separator found on line number {}: '{}'", line_number, line);
            return result;
        }
        // With ignore.error a line without separator is sent whole, with a null key.
        if (separator != std::string::npos) {
            result.key = line.substr(0, separator);
            value_start = separator + reader.key_separator.size();
        }
    }
    result.value = line.substr(value_start);
    if (reader.null_marker && result.key == reader.null_marker) result.key.reset();
    if (reader.null_marker && result.value == reader.null_marker) result.value.reset();
    return result;
}

}  // namespace kafkalab::scenarios
