#include "sim/content_hash.h"

#include <cstring>

namespace kafkalab::sim {
namespace {

/// SplitMix64's finaliser: every input bit reaches every output bit.
std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

}  // namespace

std::uint64_t content_hash(std::string_view bytes) {
    constexpr std::uint64_t step = 0x9e3779b97f4a7c15ULL;  // 2^64 / golden ratio
    // Seeding with the length separates "a" from "a\0".
    std::uint64_t hash = mix(bytes.size() + step);
    std::size_t at = 0;
    for (; at + 8 <= bytes.size(); at += 8) {
        std::uint64_t word;
        std::memcpy(&word, bytes.data() + at, 8);
        hash = (hash ^ word) * step;
        hash ^= hash >> 32;
    }
    std::uint64_t tail = 0;
    if (at < bytes.size()) std::memcpy(&tail, bytes.data() + at, bytes.size() - at);
    return mix(hash ^ tail);
}

}  // namespace kafkalab::sim
