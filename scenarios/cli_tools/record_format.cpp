#include "scenarios/cli_tools/record_format.h"

namespace kafkalab::scenarios {

RecordFormat record_format_from_properties(const CliProperties& properties) {
    RecordFormat format;
    const auto apply_flag = [&](std::string_view key, bool& flag) {
        if (const auto value = property_value(properties, key)) flag = property_is_true(*value);
    };
    const auto apply_text = [&](std::string_view key, std::string& text) {
        if (const auto value = property_value(properties, key)) text = *value;
    };
    apply_flag("print.timestamp", format.print_timestamp);
    apply_flag("print.key", format.print_key);
    apply_flag("print.offset", format.print_offset);
    apply_flag("print.partition", format.print_partition);
    apply_flag("print.headers", format.print_headers);
    apply_flag("print.value", format.print_value);
    apply_text("key.separator", format.key_separator);
    apply_text("line.separator", format.line_separator);
    apply_text("headers.separator", format.headers_separator);
    apply_text("null.literal", format.null_literal);
    return format;
}

}  // namespace kafkalab::scenarios
