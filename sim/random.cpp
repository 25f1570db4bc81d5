#include "sim/random.h"

#include <cmath>

namespace kafkalab::sim {
namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

std::uint64_t stable_hash(std::string_view text) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

RandomStream::RandomStream(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (auto& word : state_) word = splitmix64(x);
}

RandomStream RandomStream::derive(std::uint64_t root_seed, std::string_view name) {
    // Mix the name's hash through SplitMix once more so nearby seeds give unrelated streams.
    std::uint64_t x = root_seed ^ rotl(stable_hash(name), 17);
    return RandomStream(splitmix64(x));
}

std::uint64_t RandomStream::next_u64() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
}

std::uint64_t RandomStream::below(std::uint64_t bound) {
    unsigned __int128 product = static_cast<unsigned __int128>(next_u64()) * bound;
    auto low = static_cast<std::uint64_t>(product);
    if (low < bound) {
        const std::uint64_t threshold = (0 - bound) % bound;
        while (low < threshold) {
            product = static_cast<unsigned __int128>(next_u64()) * bound;
            low = static_cast<std::uint64_t>(product);
        }
    }
    return static_cast<std::uint64_t>(product >> 64);
}

std::int64_t RandomStream::between(std::int64_t low, std::int64_t high) {
    const auto span = static_cast<std::uint64_t>(high - low);
    if (span == UINT64_MAX) return static_cast<std::int64_t>(next_u64());
    return low + static_cast<std::int64_t>(below(span + 1));
}

double RandomStream::unit() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

double RandomStream::exponential(double mean) { return -mean * std::log1p(-unit()); }

double RandomStream::normal(double mean, double stddev) {
    // 1 - unit() is in (0, 1], so the logarithm is finite.
    const double u1 = 1.0 - unit();
    const double u2 = unit();
    return mean + stddev * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

Duration RandomStream::jitter(Duration max) {
    if (max.count() <= 0) return Duration{0};
    return Duration{between(0, max.count())};
}

}  // namespace kafkalab::sim
