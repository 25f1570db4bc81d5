#pragma once
// Checks on the raw text before it reaches the YAML parser, so that hostile or broken
// input gets a clear message instead of a parser's guess (or a parser's stack):
// size, text encoding, tabs used as indentation, and nesting depth.
#include <string_view>

#include "scenarios/spec/diagnostic.h"

namespace kafkalab::scenarios::detail {

/// Reports every problem found (at most one per kind) and returns false when the text
/// must not be parsed.
bool check_text(std::string_view text, DiagnosticSink& sink);

}  // namespace kafkalab::scenarios::detail
