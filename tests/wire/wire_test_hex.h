#pragma once
// Bytes written out in hex ("ac 02"), and back: how the wire tests spell the expected
// encodings.
#include <string>
#include <string_view>

namespace kafkalab::kafka::wire::testing {

/// "ac 02" for the bytes 0xac 0x02.
inline std::string hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (!text.empty()) text += ' ';
        text += digits[byte >> 4];
        text += digits[byte & 0x0f];
    }
    return text;
}

/// The bytes "ac 02" stands for.
inline std::string from_hex(std::string_view text) {
    std::string bytes;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == ' ') {
            ++i;
            continue;
        }
        bytes += static_cast<char>(std::stoi(std::string(text.substr(i, 2)), nullptr, 16));
        i += 2;
    }
    return bytes;
}

}  // namespace kafkalab::kafka::wire::testing
