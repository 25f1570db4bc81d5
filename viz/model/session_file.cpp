#include "viz/model/session_file.h"

#include <algorithm>
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
    // The sections the live faults go to, in the order they first come: one the original
    // lacks is added after everything else, one it leaves empty (null) becomes a list.
    std::vector<std::string> sections;
    for (const auto& fault : faults) {
        if (std::find(sections.begin(), sections.end(), fault.section()) == sections.end()) sections.push_back(fault.section());
    }
    for (const auto& section : sections) {
        if (!root[section] || !root[section].IsSequence()) root[section] = YAML::Node(YAML::NodeType::Sequence);
    }
    // The original's entries as they were, then each live fault written by its own
    // writer (fault_yaml.h for faults) as one flow map.
    auto emit_section = [&](YAML::Emitter& out, const std::string& section) {
        out << YAML::BeginSeq;
        for (const auto& entry : root[section]) out << entry;
        for (const auto& fault : faults) {
            if (fault.section() == section) fault.emit(out);
        }
        out << YAML::EndSeq;
    };
    YAML::Emitter out;
    out << YAML::BeginMap;
    for (const auto& entry : root) {
        const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
        out << YAML::Key << entry.first << YAML::Value;
        if (std::find(sections.begin(), sections.end(), key) != sections.end()) {
            emit_section(out, key);
        } else {
            out << entry.second;
        }
    }
    out << YAML::EndMap;
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
