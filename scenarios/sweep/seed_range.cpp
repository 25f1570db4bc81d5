#include "scenarios/sweep/seed_range.h"

#include <charconv>

namespace kafkalab::scenarios {
namespace {

/// A whole number written in decimal digits only (no sign, no spaces).
std::optional<std::uint64_t> parse_number(std::string_view text) {
    std::uint64_t value = 0;
    if (text.empty()) return std::nullopt;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

std::variant<std::uint64_t, std::string> parse_seed(std::string_view text, std::string_view flag) {
    auto seed = parse_number(text);
    if (seed && *seed <= max_seed) return *seed;
    return std::string(flag) + " expects a whole number from 0 to " + std::to_string(max_seed) +
           " (2^63 - 1, as a scenario's seed), in decimal digits, got '" + std::string(text) + "'";
}

std::variant<SeedRange, std::string> parse_seed_range(std::string_view text) {
    const std::string expected = "--seeds expects A..B with A <= B (whole numbers, such as 1..1000), got '" +
                                 std::string(text) + "'";
    auto dots = text.find("..");
    auto first = parse_number(text.substr(0, dots));
    auto last = dots == std::string_view::npos ? first : parse_number(text.substr(dots + 2));
    if (!first || !last || *first > *last) return expected;
    if (*last > max_seed) {
        return "--seeds stops at " + std::to_string(max_seed) + " (2^63 - 1, the largest seed a scenario may have), got '" +
               std::string(text) + "'";
    }
    return SeedRange{*first, *last};
}

std::variant<Shard, std::string> parse_shard(std::string_view text) {
    auto slash = text.find('/');
    auto index = slash == std::string_view::npos ? std::nullopt : parse_number(text.substr(0, slash));
    auto count = slash == std::string_view::npos ? std::nullopt : parse_number(text.substr(slash + 1));
    if (!index || !count || *index < 1 || *index > *count) {
        return "--shard expects K/N with 1 <= K <= N (such as 3/8), got '" + std::string(text) + "'";
    }
    return Shard{*index, *count};
}

SeedRange slice(const SeedRange& range, const Shard& shard) {
    // 128-bit products: M * K overflows 64 bits for the widest ranges.
    const unsigned __int128 m = range.size();
    const auto begin = static_cast<std::uint64_t>(m * (shard.index - 1) / shard.count);
    const auto end = static_cast<std::uint64_t>(m * shard.index / shard.count);
    if (begin == end) return SeedRange{1, 0};
    return SeedRange{range.first + begin, range.first + end - 1};
}

}  // namespace kafkalab::scenarios
