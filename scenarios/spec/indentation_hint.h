#pragma once
// When yaml-cpp refuses a file it says what it expected ("end of map not found"), not
// which line broke the block structure. Nearly always one key is indented differently
// from its siblings; this finds the first such line, so the error can name the key and
// the indentation its siblings have.
#include <optional>
#include <string>
#include <string_view>

namespace kafkalab::scenarios::detail {

struct IndentationHint {
    int line = 0;    // 1-based
    int column = 0;  // 1-based, where the key starts
    /// "'properties' is indented 1 space, its siblings 2 (like 'brokers', line 2)"
    std::string message;
};

/// The first line whose indentation matches no block open above it, or that is deeper
/// than the line before allows; nothing when every line's indentation is consistent.
/// Lines inside flow collections ([...], {...} over several lines) and block scalars
/// (| and >) are not judged.
std::optional<IndentationHint> find_misindented_line(std::string_view text);

}  // namespace kafkalab::scenarios::detail
