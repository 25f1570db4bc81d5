#pragma once
// How kafka-console-consumer prints a record: the settings of Kafka's
// DefaultMessageFormatter, which the user sets with --property.
#include <string>

#include "scenarios/cli_tools/cli_property.h"

namespace kafkalab::scenarios {

/// Defaults are Kafka's: the value alone, fields separated by a tab, records by "\n".
struct RecordFormat {
    bool print_timestamp = false;  // "CreateTime:<ms>", "LogAppendTime:<ms>" or "NO_TIMESTAMP".
    bool print_partition = false;  // "Partition:<p>"
    bool print_offset = false;     // "Offset:<o>"
    bool print_headers = false;    // "k1:v1,k2:v2" or "NO_HEADERS"
    bool print_key = false;
    bool print_value = true;
    std::string key_separator = "\t";  // Between every two printed fields, not only after the key.
    std::string line_separator = "\n";
    std::string headers_separator = ",";
    std::string null_literal = "null";  // Printed for a null key, value or header value.

    bool operator==(const RecordFormat&) const = default;
};

/// Applies print.timestamp, print.partition, print.offset, print.headers, print.key,
/// print.value, key.separator, line.separator, headers.separator and null.literal from
/// `properties` over the defaults; other keys are ignored, as the formatter ignores them.
RecordFormat record_format_from_properties(const CliProperties& properties);

}  // namespace kafkalab::scenarios
