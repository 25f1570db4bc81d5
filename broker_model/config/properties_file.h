#pragma once
// Reading real server.properties and zookeeper.properties files, as Java's
// java.util.Properties reads them: `#` and `!` comments, blank lines, `key=value`,
// `key: value` and `key value`, a trailing backslash continuing a line, and the
// escapes \t \n \r \f \\ \uXXXX. Every entry keeps its line number for messages.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "broker_model/config/config_validation.h"

namespace kafkalab::kafka {

/// The largest properties file read; real ones are a few kilobytes.
constexpr std::size_t max_properties_file_bytes = 1 << 20;

struct PropertiesFileResult {
    Properties properties;
    /// Syntax problems, then validate_entries()'s issues, each with its line.
    /// Combinations of keys are checked where the file is used (validate_combination),
    /// since a file is often only one layer of a configuration.
    std::vector<ConfigIssue> issues;

    bool ok() const;  // no issue of error severity
};

/// Parses and validates text in `scope`, with defaults of `era`.
PropertiesFileResult parse_properties_text(std::string_view text, ConfigScope scope,
                                           KafkaVersion era = default_kafka_version);

/// Reads a file (refusing one larger than max_properties_file_bytes) and parses it.
PropertiesFileResult load_properties_file(const std::filesystem::path& path, ConfigScope scope,
                                          KafkaVersion era = default_kafka_version);

/// "file:line:column: error: message" (or "warning:"); line and column 1 when unknown.
std::string format_issue(std::string_view file, const ConfigIssue& issue);

}  // namespace kafkalab::kafka
