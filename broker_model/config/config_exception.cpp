#include "broker_model/config/config_exception.h"

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

/// ConfigDef.ValidString's words for a string outside its choices.
std::optional<std::string> not_a_choice(const ConfigDef& def, std::string_view value) {
    if (def.type != ConfigType::string || def.choices.empty() || find_choice(def, value)) return std::nullopt;
    std::string names;
    for (const auto& choice : def.choices) {
        names += (names.empty() ? "" : ", ") + std::string(choice.name);
        for (auto alias : choice.aliases) names += ", " + std::string(alias);
    }
    return "String must be one of: " + names;
}

}  // namespace

std::optional<std::string> config_exception_message(const ConfigDef& def, std::string_view value) {
    auto reason = type_mismatch(def, value);
    if (!reason) reason = out_of_range(def, value);
    if (!reason) reason = not_a_choice(def, value);
    // Anything else the catalog refuses (a list element, a host:port), in its words.
    if (!reason) reason = check_value(def, value);
    if (!reason) return std::nullopt;
    return "Invalid value " + std::string(trim(value)) + " for configuration " + std::string(def.name) + ": " +
           *reason;
}

}  // namespace kafkalab::kafka
