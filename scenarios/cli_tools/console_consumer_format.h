#pragma once
// What kafka-console-consumer prints: each record as Kafka's DefaultMessageFormatter
// writes it, then the count the tool reports on standard error when it stops.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "scenarios/cli_tools/console_consumer_command.h"
#include "scenarios/cli_tools/record_format.h"
#include "scenarios/cli_tools/tool_output.h"

namespace kafkalab::scenarios {

/// Kafka's TimestampType, printed by its name.
enum class TimestampType { no_timestamp, create_time, log_append_time };

struct RecordHeader {
    std::string key;
    std::optional<std::string> value;  // Absent: a null header value.
};

/// A record as the consumer received it.
struct ConsumedRecord {
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t offset = 0;
    std::int64_t timestamp_ms = -1;
    TimestampType timestamp_type = TimestampType::create_time;
    std::optional<std::string> key;    // Absent: a null key, printed as null.literal.
    std::optional<std::string> value;  // Absent: a null value (a tombstone).
    std::vector<RecordHeader> headers;
};

/// One record as DefaultMessageFormatter.writeTo writes it, e.g.
/// "CreateTime:1700000000000\tPartition:0\tOffset:5\tkey\tvalue\n".
std::string format_consumer_record(const RecordFormat& format, const ConsumedRecord& record);

/// "Processed a total of N messages\n", which the tool writes to standard error on exit.
std::string processed_total_line(std::int64_t message_count);

/// A whole run: the records in order (at most --max-messages of them) on standard
/// output, then the total on standard error. The caller decides when the run ended
/// (--timeout-ms, Ctrl-C, the record limit) and passes what was received by then.
ToolOutput format_console_consumer_output(const ConsoleConsumerCommand& command,
                                          std::span<const ConsumedRecord> records);

}  // namespace kafkalab::scenarios
