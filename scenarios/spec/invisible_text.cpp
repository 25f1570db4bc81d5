#include "scenarios/spec/invisible_text.h"

#include <fmt/format.h>

namespace kafkalab::scenarios {
namespace {

struct Named {
    char32_t code;
    const char* name;
};

constexpr Named invisible[] = {
    {0x00AD, "SOFT HYPHEN"},
    {0x061C, "ARABIC LETTER MARK"},
    {0x200B, "ZERO WIDTH SPACE"},
    {0x200C, "ZERO WIDTH NON-JOINER"},
    {0x200D, "ZERO WIDTH JOINER"},
    {0x200E, "LEFT-TO-RIGHT MARK"},
    {0x200F, "RIGHT-TO-LEFT MARK"},
    {0x202A, "LEFT-TO-RIGHT EMBEDDING"},
    {0x202B, "RIGHT-TO-LEFT EMBEDDING"},
    {0x202C, "POP DIRECTIONAL FORMATTING"},
    {0x202D, "LEFT-TO-RIGHT OVERRIDE"},
    {0x202E, "RIGHT-TO-LEFT OVERRIDE"},
    {0x2060, "WORD JOINER"},
    {0x2066, "LEFT-TO-RIGHT ISOLATE"},
    {0x2067, "RIGHT-TO-LEFT ISOLATE"},
    {0x2068, "FIRST STRONG ISOLATE"},
    {0x2069, "POP DIRECTIONAL ISOLATE"},
    {0xFEFF, "ZERO WIDTH NO-BREAK SPACE (byte order mark)"},
};

const Named* find_named(char32_t code) {
    for (const auto& n : invisible) {
        if (n.code == code) return &n;
    }
    return nullptr;
}

/// The code point at `text[i]` and its length in bytes; length 0 when the bytes are not
/// well-formed UTF-8 (the loader refuses those before any name is read).
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return {0, 0};
    char32_t code = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return {0, 0};
        code = (code << 6) | (byte(i + k) & 0x3F);
    }
    return {code, length};
}

}  // namespace

std::optional<InvisibleCharacter> find_invisible(std::string_view text, bool joiners_allowed) {
    for (std::size_t i = 0; i < text.size();) {
        auto [code, length] = decode(text, i);
        if (length == 0) return std::nullopt;
        if (const Named* n = find_named(code); n && !(joiners_allowed && (code == 0x200C || code == 0x200D))) {
            return InvisibleCharacter{code, n->name, i};
        }
        i += length;
    }
    return std::nullopt;
}

std::string describe_invisible(const InvisibleCharacter& c) {
    return fmt::format("U+{:04X} {}", static_cast<std::uint32_t>(c.code), c.name);
}

std::string escape_invisible(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        auto [code, length] = decode(text, i);
        if (length == 0) {
            out += fmt::format("\\x{{{:02X}}}", static_cast<unsigned char>(text[i]));
            ++i;
            continue;
        }
        const bool control = (code < 0x20 && code != '\n') || (code >= 0x7F && code < 0xA0);
        if (control || find_named(code)) {
            out += fmt::format("\\u{{{:04X}}}", static_cast<std::uint32_t>(code));
        } else {
            out.append(text.substr(i, length));
        }
        i += length;
    }
    return out;
}

}  // namespace kafkalab::scenarios
