#include "broker_model/config/config_def.h"

#include <limits>

#include "broker_model/config/value_parsing.h"

namespace kafkalab::kafka {
namespace {

struct TypeRange {
    std::int64_t low;
    std::int64_t high;
    const char* article_and_name;
};

std::optional<TypeRange> range_of(ConfigType type) {
    switch (type) {
        case ConfigType::int16: return TypeRange{INT16_MIN, INT16_MAX, "a short"};
        case ConfigType::int32: return TypeRange{INT32_MIN, INT32_MAX, "an int"};
        case ConfigType::int64: return TypeRange{INT64_MIN, INT64_MAX, "a long"};
        default: return std::nullopt;
    }
}

/// "an int of at least 1", "an int from 1 to 5", "a long".
std::string describe_number(const ConfigDef& def, const TypeRange& range) {
    std::string text = range.article_and_name;
    if (def.min && def.max) return text + " from " + std::to_string(*def.min) + " to " + std::to_string(*def.max);
    if (def.min) return text + " of at least " + std::to_string(*def.min);
    if (def.max) return text + " of at most " + std::to_string(*def.max);
    return text;
}

std::string describe_choices(const ConfigDef& def) {
    std::string text;
    for (const auto& choice : def.choices) {
        if (!text.empty()) text += ", ";
        text += choice.name;
        for (auto alias : choice.aliases) text += ", " + std::string(alias);
    }
    return text;
}

std::string found(const ConfigDef& def, std::string_view expected, std::string_view value) {
    return std::string(def.name) + " must be " + std::string(expected) + "; found '" + std::string(value) + "'";
}

std::optional<std::string> check_number(const ConfigDef& def, std::string_view value) {
    auto range = *range_of(def.type);
    auto number = parse_int64(value);
    bool ok = number && *number >= range.low && *number <= range.high && (!def.min || *number >= *def.min) &&
              (!def.max || *number <= *def.max);
    if (ok) return std::nullopt;
    return found(def, describe_number(def, range), value);
}

}  // namespace

const char* to_string(ConfigScope scope) {
    switch (scope) {
        case ConfigScope::broker: return "server.properties";
        case ConfigScope::topic: return "topic config";
        case ConfigScope::producer: return "producer config";
        case ConfigScope::consumer: return "consumer config";
        case ConfigScope::zookeeper: return "zookeeper.properties";
    }
    return "config";
}

const char* to_string(ConfigType type) {
    switch (type) {
        case ConfigType::boolean: return "boolean";
        case ConfigType::int16: return "short";
        case ConfigType::int32: return "int";
        case ConfigType::int64: return "long";
        case ConfigType::float64: return "double";
        case ConfigType::string: return "string";
        case ConfigType::list: return "list";
        case ConfigType::class_name: return "class";
    }
    return "string";
}

bool ConfigChoice::matches(std::string_view value) const {
    if (value == name || (!class_name.empty() && value == class_name)) return true;
    for (auto alias : aliases) {
        if (value == alias) return true;
    }
    return false;
}

std::optional<std::string_view> ConfigDef::default_for(KafkaVersion era) const {
    std::optional<std::string_view> value = defaults.front().value;
    for (const auto& entry : defaults) {
        if (entry.since <= era) value = entry.value;
    }
    return value;
}

ConfigDef& ConfigDef::changed(KafkaVersion from, std::optional<std::string_view> value, std::string_view note) {
    defaults.push_back(DefaultSince{from, value});
    version_note = note;
    return *this;
}

ConfigDef config_key(std::string_view name, ConfigScope scope, ConfigType type,
                     std::optional<std::string_view> default_value, std::string_view doc) {
    ConfigDef def;
    def.name = name;
    def.scope = scope;
    def.type = type;
    def.defaults.push_back(DefaultSince{oldest_kafka_version, default_value});
    def.doc = doc;
    return def;
}

const ConfigChoice* find_choice(const ConfigDef& def, std::string_view value) {
    value = trim(value);
    for (const auto& choice : def.choices) {
        if (choice.matches(value)) return &choice;
    }
    return nullptr;
}

std::optional<std::string> check_value(const ConfigDef& def, std::string_view value) {
    switch (def.type) {
        case ConfigType::boolean:
            if (parse_bool(value)) return std::nullopt;
            return found(def, "true or false", value);
        case ConfigType::int16:
        case ConfigType::int32:
        case ConfigType::int64:
            return check_number(def, value);
        case ConfigType::float64:
            if (parse_double(value)) return std::nullopt;
            return found(def, "a number", value);
        case ConfigType::list:
            if (!def.choices.empty()) {
                auto items = split_list(value);
                for (const auto& item : items) {
                    if (!find_choice(def, item)) {
                        return found(def, "a comma-separated list of " + describe_choices(def), value);
                    }
                }
                if (items.empty()) return found(def, "a comma-separated list of " + describe_choices(def), value);
            }
            break;
        case ConfigType::string:
        case ConfigType::class_name:
            if (!def.choices.empty() && !find_choice(def, value)) {
                return found(def, "one of " + describe_choices(def), value);
            }
            break;
    }
    if (def.check) {
        if (auto expected = def.check(trim(value))) return found(def, *expected, value);
    }
    return std::nullopt;
}

}  // namespace kafkalab::kafka
