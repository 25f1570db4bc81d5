#include "broker_model/config/invalid_topic_config.h"

#include "broker_model/config/config_catalog.h"
#include "broker_model/config/config_exception.h"

namespace kafkalab::kafka {

std::optional<std::string> invalid_topic_config(std::string_view key, std::string_view value) {
    const ConfigDef* def = find_config(ConfigScope::topic, key);
    if (!def) return "Unknown topic config name: " + std::string(key);
    return config_exception_message(*def, value);
}

std::optional<std::string> invalid_topic_configs(const std::map<std::string, std::string>& configs) {
    for (const auto& [key, value] : configs) {
        if (auto invalid = invalid_topic_config(key, value)) return invalid;
    }
    return std::nullopt;
}

}  // namespace kafkalab::kafka
