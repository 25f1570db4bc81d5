#pragma once
// What identifies a scenario's content in a sweep line (SweepRunIdentity::scenario):
// a hash of the file's bytes and of every server.properties and zookeeper.properties
// entry the loaded scenario holds, so a properties-file edited between two shards
// changes it as surely as an edit of the scenario itself. The same content gives the
// same hash on every machine, in every build and under every file name.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "scenarios/spec/scenario.h"

namespace kafkalab::scenarios {

/// 16 hex digits, for `text` (the file's bytes) as loaded into `scenario`.
std::string scenario_content_hash(std::string_view text, const Scenario& scenario);

/// The same for a file read from disk; nothing when it cannot be read.
std::optional<std::string> scenario_file_hash(const std::filesystem::path& file, const Scenario& scenario);

}  // namespace kafkalab::scenarios
