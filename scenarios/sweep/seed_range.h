#pragma once
// The seeds of a sweep, and how `--shard K/N` slices them.
//
// Slicing: the seeds first..last (inclusive, M of them) are cut into N consecutive
// blocks; block K (1-based) holds the seeds at positions floor((K-1)*M/N) up to,
// not including, floor(K*M/N). Blocks differ in size by at most one, every seed is in
// exactly one block, and the slicing depends only on (first, last, K, N), so N
// independent jobs (a Slurm array, a Kubernetes Indexed Job, GNU parallel) cover the
// range with no coordinator.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace kafkalab::scenarios {

/// The largest seed: a scenario's `seed` is a YAML integer, signed 64-bit, so a sweep's
/// seeds stop where a scenario's do and every seed a sweep runs can be written down.
constexpr std::uint64_t max_seed = 9'223'372'036'854'775'807;  // 2^63 - 1

/// first..last, inclusive; empty when first > last (only a slice can be empty).
struct SeedRange {
    std::uint64_t first = 1;
    std::uint64_t last = 0;

    std::uint64_t size() const { return first > last ? 0 : last - first + 1; }
    bool contains(std::uint64_t seed) const { return seed >= first && seed <= last; }
};

/// K of N, 1 <= K <= N.
struct Shard {
    std::uint64_t index = 1;
    std::uint64_t count = 1;
};

/// One seed for `flag` ("--seed"): decimal digits only (no sign, no 0x, not empty), at
/// most max_seed; otherwise the message to print, naming the flag.
std::variant<std::uint64_t, std::string> parse_seed(std::string_view text, std::string_view flag);
/// "A..B" with A <= B <= max_seed, or one seed "A"; otherwise the message to print.
std::variant<SeedRange, std::string> parse_seed_range(std::string_view text);
/// "K/N" with 1 <= K <= N; otherwise the message to print.
std::variant<Shard, std::string> parse_shard(std::string_view text);

/// The seeds of `range` that shard `shard` runs.
SeedRange slice(const SeedRange& range, const Shard& shard);

}  // namespace kafkalab::scenarios
