#pragma once
// Characters that change how text reads without being seen: bidirectional overrides
// and isolates (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F, U+061C), zero-width
// space and joiners (U+200B..U+200D), the word joiner (U+2060), the byte order mark
// (U+FEFF) and the soft hyphen (U+00AD). In a name they make "broker-1" and
// "broker-1\u200b" two hosts that print alike, or reorder what a terminal shows
// ("Trojan Source", CVE-2021-42574). The loader refuses them in names; every message
// it prints writes them, and control characters, as \u{XXXX}.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kafkalab::scenarios {

struct InvisibleCharacter {
    char32_t code = 0;
    const char* name = "";    // "RIGHT-TO-LEFT OVERRIDE"
    std::size_t offset = 0;   // of its first byte in the text
};

/// The first invisible character in UTF-8 `text`. With `joiners_allowed` (prose, record
/// values) the zero-width joiner and non-joiner pass: scripts such as Persian and emoji
/// sequences need them.
std::optional<InvisibleCharacter> find_invisible(std::string_view text, bool joiners_allowed);

/// "U+202E RIGHT-TO-LEFT OVERRIDE"
std::string describe_invisible(const InvisibleCharacter& c);

/// `text` with invisible and control characters (but newlines) written as \u{XXXX}, so
/// a message shows what is there; bytes that are not UTF-8 become \x{XX}.
std::string escape_invisible(std::string_view text);

}  // namespace kafkalab::scenarios
