#pragma once
// Equality of two short byte strings without a call into libc. Names (topics,
// producers) are compared on every send, usually against the name the caller used
// last, and memcmp's call and dispatch cost more than the few bytes compared: a
// name of 4 to 16 bytes is two overlapping loads from each side.
#include <cstdint>
#include <cstring>
#include <string_view>

namespace kafkalab::kafka {

inline bool same_bytes(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    if (n >= 8 && n <= 16) {
        std::uint64_t a_head, a_tail, b_head, b_tail;
        std::memcpy(&a_head, a.data(), 8);
        std::memcpy(&a_tail, a.data() + n - 8, 8);
        std::memcpy(&b_head, b.data(), 8);
        std::memcpy(&b_tail, b.data() + n - 8, 8);
        return ((a_head ^ b_head) | (a_tail ^ b_tail)) == 0;
    }
    if (n >= 4 && n < 8) {
        std::uint32_t a_head, a_tail, b_head, b_tail;
        std::memcpy(&a_head, a.data(), 4);
        std::memcpy(&a_tail, a.data() + n - 4, 4);
        std::memcpy(&b_head, b.data(), 4);
        std::memcpy(&b_tail, b.data() + n - 4, 4);
        return ((a_head ^ b_head) | (a_tail ^ b_tail)) == 0;
    }
    if (n < 4) {
        for (std::size_t i = 0; i < n; ++i) {
            if (a[i] != b[i]) return false;
        }
        return true;
    }
    return std::memcmp(a.data(), b.data(), n) == 0;
}

}  // namespace kafkalab::kafka
