#pragma once
// kafka-console-producer as typed. Options follow Kafka's ConsoleProducer (3.6); the
// lines to send come separately, as they would on standard input.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/cli_tools/cli_property.h"

namespace kafkalab::scenarios {

/// Settings of Kafka's LineMessageReader, from --property.
struct LineReaderConfig {
    bool parse_key = false;             // parse.key: split each line into key and value.
    std::string key_separator = "\t";   // key.separator
    bool ignore_error = false;          // ignore.error: a line without separator is all value.
    std::optional<std::string> null_marker;  // null.marker: this text means null.

    bool operator==(const LineReaderConfig&) const = default;
};

struct ConsoleProducerCommand {
    std::string program;
    /// --bootstrap-server entries, or those of the deprecated --broker-list when
    /// --bootstrap-server is absent (Kafka then ignores --broker-list).
    std::vector<std::string> servers;
    bool used_broker_list = false;  // The servers came from --broker-list.
    std::string topic;              // --topic, required.

    CliProperties reader_properties;    // Every --property, as typed.
    CliProperties producer_properties;  // Every --producer-property, as typed.
    LineReaderConfig reader;            // What reader_properties configure.

    // The tool's own producer options. Absent means Kafka's tool default applies, which
    // a --producer-property of the same setting overrides (see console_producer_properties).
    std::optional<std::string> request_required_acks;    // --request-required-acks (acks)
    std::optional<std::int64_t> send_timeout_ms;         // --timeout (linger.ms)
    std::optional<std::int32_t> request_timeout_ms;      // --request-timeout-ms
    std::optional<std::int32_t> message_send_max_retries;  // --message-send-max-retries
    std::optional<std::int32_t> batch_size;              // --batch-size
    std::optional<std::string> compression_codec;        // --compression-codec ("" means gzip)
    bool sync = false;                                   // --sync: wait for each send.

    /// The lines the student types, one record each. The parser leaves this empty; the
    /// caller fills it in.
    std::vector<std::string> input_lines;

    bool operator==(const ConsoleProducerCommand&) const = default;
};

/// The producer configuration the tool builds (ConsoleProducer.producerProps), in a fixed
/// order: the --producer-property values first, then bootstrap.servers, compression.type,
/// client.id ("console-producer" unless set), and the tool options merged Kafka's way: an
/// explicit tool option wins, else a --producer-property value, else the tool's default
/// (acks -1, linger.ms 1000, request.timeout.ms 1500, retries 3, batch.size 16384).
CliProperties console_producer_properties(const ConsoleProducerCommand& command);

/// One input line turned into a record, or the reason the tool stops there.
struct ProducerLine {
    std::optional<std::string> key;    // Absent: null key.
    std::optional<std::string> value;  // Absent: null value (null.marker).
    /// Kafka's message when the line cannot be read, e.g.
    /// "No key separator found on line number 2: 'abc'"; empty when the line is fine.
    std::string error;
};

/// Reads `line` (line numbers count from 1) the way LineMessageReader does.
ProducerLine read_producer_line(const LineReaderConfig& reader, const std::string& line,
                                std::int64_t line_number);

}  // namespace kafkalab::scenarios
