#pragma once
// Java's "%-Ns": the text left-aligned in at least N columns, as Kafka's tools print tables.
// Java counts String.length(), UTF-16 code units, not bytes: "café" is 4 wide, an emoji 2.
#include <cstddef>
#include <string>
#include <string_view>

namespace kafkalab::scenarios {

/// Java's String.length() of UTF-8 `text`: one unit per code point, two above U+FFFF;
/// a malformed byte counts as one (Java decodes it to U+FFFD).
inline std::size_t java_length(std::string_view text) {
    std::size_t units = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t bytes = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
        bool well_formed = i + bytes <= text.size();
        for (std::size_t k = 1; well_formed && k < bytes; ++k) {
            well_formed = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        }
        if (!well_formed) {
            ++units;
            ++i;
            continue;
        }
        units += bytes == 4 ? 2 : 1;
        i += bytes;
    }
    return units;
}

/// `text` followed by spaces up to `width` columns (Java's String.length()); longer
/// text is never cut.
inline std::string left_aligned(std::string_view text, std::size_t width) {
    std::string cell(text);
    const std::size_t length = java_length(text);
    if (length < width) cell.append(width - length, ' ');
    return cell;
}

}  // namespace kafkalab::scenarios
