#include "scenarios/cli_tools/cli_property.h"

#include <algorithm>
#include <cctype>

namespace kafkalab::scenarios {

CliProperty split_key_value(std::string_view text) {
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos) return CliProperty{std::string(text), ""};
    return CliProperty{std::string(text.substr(0, equals)), std::string(text.substr(equals + 1))};
}

std::optional<std::string> property_value(const CliProperties& properties, std::string_view key) {
    const auto last = std::find_if(properties.rbegin(), properties.rend(),
                                   [&](const CliProperty& property) { return property.key == key; });
    if (last == properties.rend()) return std::nullopt;
    return last->value;
}

bool property_is_true(std::string_view value) {
    const auto is_blank = [](unsigned char c) { return std::isspace(c) != 0; };
    while (!value.empty() && is_blank(value.front())) value.remove_prefix(1);
    while (!value.empty() && is_blank(value.back())) value.remove_suffix(1);
    if (value.size() != 4) return false;
    return std::equal(value.begin(), value.end(), "true", [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
    });
}

}  // namespace kafkalab::scenarios
