#pragma once
// Loading a scenario file: YAML text in, a validated Scenario or precise diagnostics
// out. The loader never throws and never crashes, whatever the input: oversized,
// binary, deeply nested or malformed files are refused with a message.
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "scenarios/spec/diagnostic.h"
#include "scenarios/spec/scenario.h"

namespace kafkalab::scenarios {

/// Files larger than this are refused before parsing; scenarios are a few kilobytes.
constexpr std::size_t max_scenario_bytes = 4 * 1024 * 1024;

/// Flow collections ("[[...]]") and block nesting deeper than this are refused before
/// parsing; the deepest real scenario structure is four levels.
constexpr int max_nesting_depth = 64;

struct LoadResult {
    /// Present exactly when no diagnostic is an error.
    std::optional<Scenario> scenario;
    /// Errors and warnings in the order found (file order within each section).
    std::vector<Diagnostic> diagnostics;

    bool ok() const { return scenario.has_value(); }
};

/// Reads and loads a scenario file. `properties-file` paths are relative to its folder.
LoadResult load_scenario(const std::filesystem::path& path) noexcept;

/// Loads scenario text. `display_name` names it in diagnostics; `base_directory` is
/// where relative `properties-file` paths are looked up.
LoadResult load_scenario_text(std::string_view text, std::string_view display_name,
                              const std::filesystem::path& base_directory = {}) noexcept;

}  // namespace kafkalab::scenarios
