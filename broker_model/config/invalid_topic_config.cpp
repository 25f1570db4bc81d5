#include "broker_model/config/invalid_topic_config.h"

#include "broker_model/config/config_catalog.h"
#include "broker_model/config/config_def.h"
#include "broker_model/config/value_parsing.h"

namespace kafkalab::kafka {
namespace {

/// ConfigDef.parseType's words for a value that does not parse as the key's type.
std::optional<std::string> type_mismatch(const ConfigDef& def, std::string_view value) {
    const auto number = parse_int64(value);
    switch (def.type) {
        case ConfigType::boolean:
            if (parse_bool(value)) return std::nullopt;
            return "Expected value to be either true or false";
        case ConfigType::int16:
            if (number && *number >= INT16_MIN && *number <= INT16_MAX) return std::nullopt;
            return "Not a number of type SHORT";
        case ConfigType::int32:
            if (number && *number >= INT32_MIN && *number <= INT32_MAX) return std::nullopt;
            return "Not a number of type INT";
        case ConfigType::int64:
            if (number) return std::nullopt;
            return "Not a number of type LONG";
        case ConfigType::float64:
            if (parse_double(value)) return std::nullopt;
            return "Not a number of type DOUBLE";
        default: return std::nullopt;
    }
}

/// ConfigDef.Range's words for a number out of the key's bounds.
std::optional<std::string> out_of_range(const ConfigDef& def, std::string_view value) {
    const auto number = parse_int64(value);
    if (!number) return std::nullopt;
    if (def.min && *number < *def.min) return "Value must be at least " + std::to_string(*def.min);
    if (def.max && *number > *def.max) return "Value must be no more than " + std::to_string(*def.max);
    return std::nullopt;
}

}  // namespace

std::optional<std::string> invalid_topic_config(std::string_view key, std::string_view value) {
    const ConfigDef* def = find_config(ConfigScope::topic, key);
    if (!def) return "Unknown topic config name: " + std::string(key);
    auto reason = type_mismatch(*def, value);
    if (!reason) reason = out_of_range(*def, value);
    // Anything else the catalog refuses (a value not among a key's choices), in its words.
    if (!reason) reason = check_value(*def, value);
    if (!reason) return std::nullopt;
    return "Invalid value " + std::string(trim(value)) + " for configuration " + std::string(key) + ": " + *reason;
}

std::optional<std::string> invalid_topic_configs(const std::map<std::string, std::string>& configs) {
    for (const auto& [key, value] : configs) {
        if (auto invalid = invalid_topic_config(key, value)) return invalid;
    }
    return std::nullopt;
}

}  // namespace kafkalab::kafka
