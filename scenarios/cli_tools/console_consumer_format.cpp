// DefaultMessageFormatter.writeTo and ConsoleConsumer.reportRecordCount (Kafka 3.6).
#include "scenarios/cli_tools/console_consumer_format.h"

#include <algorithm>
#include <fmt/format.h>

namespace kafkalab::scenarios {
namespace {

std::string timestamp_text(const ConsumedRecord& record) {
    switch (record.timestamp_type) {
        case TimestampType::create_time: return fmt::format("CreateTime:{}", record.timestamp_ms);
        case TimestampType::log_append_time: return fmt::format("LogAppendTime:{}", record.timestamp_ms);
        case TimestampType::no_timestamp: break;
    }
    return "NO_TIMESTAMP";
}

std::string headers_text(const RecordFormat& format, const ConsumedRecord& record) {
    if (record.headers.empty()) return "NO_HEADERS";
    std::string text;
    for (std::size_t i = 0; i < record.headers.size(); ++i) {
        if (i > 0) text += format.headers_separator;
        text += record.headers[i].key + ":" + record.headers[i].value.value_or(format.null_literal);
    }
    return text;
}

}  // namespace

std::string format_consumer_record(const RecordFormat& format, const ConsumedRecord& record) {
    // Every printed field is followed by the key separator when another field follows
    // and by the line separator when it is the last one; the value always ends the line.
    std::vector<std::string> fields;
    if (format.print_timestamp) fields.push_back(timestamp_text(record));
    if (format.print_partition) fields.push_back(fmt::format("Partition:{}", record.partition));
    if (format.print_offset) fields.push_back(fmt::format("Offset:{}", record.offset));
    if (format.print_headers) fields.push_back(headers_text(format, record));
    if (format.print_key) fields.push_back(record.key.value_or(format.null_literal));
    if (format.print_value) fields.push_back(record.value.value_or(format.null_literal));

    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        line += fields[i];
        line += i + 1 < fields.size() ? format.key_separator : format.line_separator;
    }
    return line;
}

std::string processed_total_line(std::int64_t message_count) {
    return fmt::format("Processed a total of {} messages\n", message_count);
}

ToolOutput format_console_consumer_output(const ConsoleConsumerCommand& command,
                                          std::span<const ConsumedRecord> records) {
    std::size_t count = records.size();
    if (command.max_messages) count = std::min(count, static_cast<std::size_t>(*command.max_messages));
    ToolOutput output;
    for (std::size_t i = 0; i < count; ++i) output.out(format_consumer_record(command.format, records[i]));
    output.err(processed_total_line(static_cast<std::int64_t>(count)));
    return output;
}

}  // namespace kafkalab::scenarios
