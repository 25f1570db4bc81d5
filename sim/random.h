#pragma once
// Seeded random streams. One root seed per run; every node draws from its own stream,
// derived from (seed, node name), so adding a node never changes another node's draws.
// The distributions are our own: the standard library's differ between implementations.
#include <cstdint>
#include <string_view>

#include "sim/time.h"

namespace kafkalab::sim {

/// 64-bit FNV-1a: a stable hash of a name, the same on every platform.
std::uint64_t stable_hash(std::string_view text);

/// xoshiro256** seeded through SplitMix64.
class RandomStream {
public:
    explicit RandomStream(std::uint64_t seed = 0);
    /// The stream for `name` under `root_seed`; independent of every other name.
    static RandomStream derive(std::uint64_t root_seed, std::string_view name);

    std::uint64_t next_u64();
    /// Uniform integer in [0, bound); bound > 0. Unbiased (Lemire's method).
    std::uint64_t below(std::uint64_t bound);
    /// Uniform integer in [low, high], inclusive.
    std::int64_t between(std::int64_t low, std::int64_t high);
    /// Uniform double in [0, 1) with 53 random bits.
    double unit();
    bool chance(double probability) { return probability > 0 && unit() < probability; }
    /// Exponentially distributed with the given mean (inter-arrival times of a Poisson process).
    double exponential(double mean);
    /// Normally distributed (Box-Muller).
    double normal(double mean, double stddev);
    /// Uniform duration in [0, max].
    Duration jitter(Duration max);

private:
    std::uint64_t state_[4];
};

}  // namespace kafkalab::sim
