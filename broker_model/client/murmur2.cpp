#include "broker_model/client/murmur2.h"

#include <cassert>

namespace kafkalab::kafka {

std::int32_t murmur2(std::string_view bytes) {
    // Java's int arithmetic wraps modulo 2^32, and its >>> is an unsigned shift, so the
    // whole computation is done on uint32_t and reinterpreted as a signed int at the end.
    constexpr std::uint32_t seed = 0x9747b28c;
    constexpr std::uint32_t m = 0x5bd1e995;
    constexpr int r = 24;

    const auto length = static_cast<std::uint32_t>(bytes.size());
    const auto byte_at = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])); };

    std::uint32_t h = seed ^ length;
    const std::size_t blocks = bytes.size() / 4;
    for (std::size_t i = 0; i < blocks; ++i) {
        const std::size_t i4 = i * 4;
        std::uint32_t k = byte_at(i4) | (byte_at(i4 + 1) << 8) | (byte_at(i4 + 2) << 16) | (byte_at(i4 + 3) << 24);
        k *= m;
        k ^= k >> r;
        k *= m;
        h *= m;
        h ^= k;
    }

    // The Java switch falls through from case 3 to case 1; only the last case multiplies.
    const std::size_t tail = bytes.size() & ~std::size_t{3};
    switch (bytes.size() % 4) {
        case 3:
            h ^= byte_at(tail + 2) << 16;
            [[fallthrough]];
        case 2:
            h ^= byte_at(tail + 1) << 8;
            [[fallthrough]];
        case 1:
            h ^= byte_at(tail);
            h *= m;
            break;
        default:
            break;
    }

    h ^= h >> 13;
    h *= m;
    h ^= h >> 15;
    return static_cast<std::int32_t>(h);
}

std::int32_t partition_for_key(std::string_view key_bytes, std::int32_t num_partitions) {
    assert(num_partitions > 0);
    return to_positive(murmur2(key_bytes)) % num_partitions;
}

}  // namespace kafkalab::kafka
