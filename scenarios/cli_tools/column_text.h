#pragma once
// Java's "%-Ns": the text left-aligned in at least N columns, as Kafka's tools print tables.
#include <cstddef>
#include <string>
#include <string_view>

namespace kafkalab::scenarios {

/// `text` followed by spaces up to `width` characters; longer text is never cut.
inline std::string left_aligned(std::string_view text, std::size_t width) {
    std::string cell(text);
    if (cell.size() < width) cell.append(width - cell.size(), ' ');
    return cell;
}

}  // namespace kafkalab::scenarios
