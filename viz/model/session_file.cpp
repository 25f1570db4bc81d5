#include "viz/model/session_file.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <yaml-cpp/yaml.h>

namespace kafkalab::viz {

namespace {

void absolute_properties_files(YAML::Node node, const std::filesystem::path& base_directory) {
    if (node.IsSequence()) {
        for (auto child : node) absolute_properties_files(child, base_directory);
        return;
    }
    if (!node.IsMap()) return;
    for (auto entry : node) {
        YAML::Node value = entry.second;
        if (entry.first.Scalar() == "properties-file" && value.IsScalar()) {
            std::filesystem::path file(value.Scalar());
            if (file.is_relative()) value = (base_directory / file).lexically_normal().string();
        } else {
            absolute_properties_files(value, base_directory);
        }
    }
}

}  // namespace

std::string session_as_scenario(std::string_view original, const std::filesystem::path& base_directory,
                                const std::vector<LiveFault>& faults) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(original));
    } catch (const YAML::Exception& error) {
        throw std::runtime_error(std::string("the scenario is not YAML: ") + error.what());
    }
    if (!root.IsMap()) throw std::runtime_error("the scenario is not a YAML mapping");
    absolute_properties_files(root, base_directory);
    for (const auto& fault : faults) {
        // Console commands are steps, added clients are producers or consumers.
        const char* section = fault.kind == LiveFaultKind::command        ? "steps"
                              : fault.kind == LiveFaultKind::add_producer ? "producers"
                              : fault.kind == LiveFaultKind::add_consumer ? "consumers"
                                                                          : "faults";
        // `faults:` with nothing after it is null: it becomes the list.
        if (!root[section] || !root[section].IsSequence()) root[section] = YAML::Node(YAML::NodeType::Sequence);
        // to_yaml() is a list item: "- {at: ..., crash: ...}"; the map is what is appended.
        YAML::Node entry = YAML::Load(fault.to_yaml().substr(2));
        entry.SetStyle(YAML::EmitterStyle::Flow);
        YAML::Node list = root[section];
        list.push_back(entry);
    }
    YAML::Emitter out;
    out << root;
    return std::string(out.c_str()) + "\n";
}

std::optional<std::string> save_session(const std::filesystem::path& original_file, const std::filesystem::path& out,
                                        const std::vector<LiveFault>& faults) {
    std::ifstream in(original_file, std::ios::binary);
    if (!in) return "cannot read " + original_file.string();
    std::ostringstream text;
    text << in.rdbuf();
    std::string saved;
    try {
        saved = session_as_scenario(text.str(), original_file.parent_path(), faults);
    } catch (const std::runtime_error& error) {
        return original_file.string() + ": " + error.what();
    }
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    if (!file) return "cannot write " + out.string();
    file << saved;
    file.close();
    if (!file) return "cannot write " + out.string();
    return std::nullopt;
}

}  // namespace kafkalab::viz
