#include "sim/content_hash.h"

#include <bit>
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
    constexpr std::uint64_t step = 0x9e3779b97f4a7c15ULL;        // 2^64 / golden ratio
    constexpr std::uint64_t other_step = 0xc2b2ae3d27d4eb4fULL;  // an odd constant from xxHash
    // Two lanes take alternate 8-byte words: each step waits on the multiply before it,
    // so two independent chains run twice as fast as one. Seeding with the length
    // separates "a" from "a\0".
    std::uint64_t even = (bytes.size() + step) * other_step;
    std::uint64_t odd = (bytes.size() + other_step) * step;
    auto word_at = [&](std::size_t at) {
        std::uint64_t word;
        std::memcpy(&word, bytes.data() + at, 8);
        return word;
    };
    auto absorb = [](std::uint64_t lane, std::uint64_t word, std::uint64_t multiplier) {
        lane = (lane ^ word) * multiplier;
        return lane ^ (lane >> 32);
    };
    std::size_t at = 0;
    for (; at + 16 <= bytes.size(); at += 16) {
        even = absorb(even, word_at(at), step);
        odd = absorb(odd, word_at(at + 8), other_step);
    }
    if (at + 8 <= bytes.size()) {
        even = absorb(even, word_at(at), step);
        at += 8;
    }
    std::uint64_t tail = 0;
    if (at < bytes.size()) std::memcpy(&tail, bytes.data() + at, bytes.size() - at);
    // One finaliser over both lanes: the rotation keeps equal lanes from cancelling.
    return mix(even ^ std::rotl(odd, 29) ^ tail);
}

}  // namespace kafkalab::sim
