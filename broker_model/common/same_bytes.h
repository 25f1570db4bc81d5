#pragma once
// Equality of two short byte strings without a call into libc. Names (topics,
// producers) are compared on every send, usually against the name the caller used
// last, and memcmp's call and dispatch cost more than the few bytes compared: a
// name of 4 to 16 bytes is two overlapping loads from each side.
#include <cstdint>
#include <cstring>
#include <string_view>

namespace kafkalab::kafka {

/// Equality of the first and last sizeof(Word) bytes of a and b, which cover all n
/// bytes when sizeof(Word) <= n <= 2 * sizeof(Word).
template <class Word>
bool same_ends(const char* a, const char* b, std::size_t n) {
    Word a_head, a_tail, b_head, b_tail;
    std::memcpy(&a_head, a, sizeof(Word));
    std::memcpy(&a_tail, a + n - sizeof(Word), sizeof(Word));
    std::memcpy(&b_head, b, sizeof(Word));
    std::memcpy(&b_tail, b + n - sizeof(Word), sizeof(Word));
    return ((a_head ^ b_head) | (a_tail ^ b_tail)) == 0;
}

inline bool same_bytes(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    if (n >= 8 && n <= 16) return same_ends<std::uint64_t>(a.data(), b.data(), n);
    if (n >= 4 && n < 8) return same_ends<std::uint32_t>(a.data(), b.data(), n);
    if (n < 4) {
        for (std::size_t i = 0; i < n; ++i) {
            if (a[i] != b[i]) return false;
        }
        return true;
    }
    return std::memcmp(a.data(), b.data(), n) == 0;
}

}  // namespace kafkalab::kafka
