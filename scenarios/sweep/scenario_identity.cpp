#include "scenarios/sweep/scenario_identity.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "scenarios/spec/load_scenario.h"
#include "sim/content_hash.h"

namespace kafkalab::scenarios {
namespace {

void add_properties(std::string& content, const char* scope, const kafka::Properties& properties) {
    for (const auto& e : properties.entries()) content += fmt::format("\n{}:{}={}", scope, e.key, e.value);
}

}  // namespace

std::string scenario_content_hash(std::string_view text, const Scenario& scenario) {
    // The properties as loaded, after the file's: what a properties-file contributed
    // is there whichever file it came from.
    std::string content(text);
    content += "\n--- properties";
    add_properties(content, "zookeeper", scenario.cluster.zookeeper.properties);
    add_properties(content, "cluster", scenario.cluster.properties);
    for (const auto& b : scenario.cluster.brokers) add_properties(content, b.host.c_str(), b.properties);
    return fmt::format("{:016x}", sim::content_hash(content));
}

std::optional<std::string> scenario_file_hash(const std::filesystem::path& file, const Scenario& scenario) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec) || std::filesystem::file_size(file, ec) > max_scenario_bytes) {
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) return std::nullopt;
    return scenario_content_hash(text.str(), scenario);
}

}  // namespace kafkalab::scenarios
