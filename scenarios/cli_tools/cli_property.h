#pragma once
// key=value pairs as the Kafka tools take them (--config, --property, --consumer-property,
// --producer-property), kept in the order the user typed them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kafkalab::scenarios {

struct CliProperty {
    std::string key;
    std::string value;

    bool operator==(const CliProperty&) const = default;
};

using CliProperties = std::vector<CliProperty>;

/// Splits "key=value" at the first '=' as Kafka's CommandLineUtils.parseKeyValueArgs does:
/// a missing '=' or an empty value gives the value "".
CliProperty split_key_value(std::string_view text);

/// The value Kafka would use for `key`: the last one typed wins, as in java.util.Properties.
std::optional<std::string> property_value(const CliProperties& properties, std::string_view key);

/// Kafka's boolean reading of a tool property: true only for "true", ignoring case and
/// surrounding blanks; anything else is false.
bool property_is_true(std::string_view value);

}  // namespace kafkalab::scenarios
