#include "scenarios/runner/tool_client_properties.h"

#include "broker_model/config/config_catalog.h"
#include "broker_model/config/config_exception.h"

namespace kafkalab::scenarios {

std::variant<kafka::Properties, std::string> tool_client_properties(const CliProperties& typed,
                                                                    kafka::ConfigScope scope, kafka::KafkaVersion era) {
    kafka::Properties properties(scope, era);
    for (const auto& property : typed) {
        if (kafka::find_config(scope, property.key)) properties.set(property.key, property.value);
    }
    for (const auto& entry : properties.entries()) {
        if (auto refused = kafka::config_exception_message(*kafka::find_config(scope, entry.key), entry.value)) {
            return *refused;
        }
    }
    return properties;
}

}  // namespace kafkalab::scenarios
