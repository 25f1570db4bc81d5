#pragma once
// Quantities written with units in scenario files: rates ("1000/s"), bandwidths
// ("1Gbit/s", "100MB/s") and probabilities ("1%", "0.01"). Pure functions; the
// loader reports what they refuse.
#include <cstdint>
#include <optional>
#include <string_view>

#include "sim/time.h"

namespace kafkalab::scenarios {

/// "1000/s", "5/10s", "50/ms": `records` per `per`. Records from 1 to 1e9.
struct Rate {
    std::int64_t records = 0;
    sim::Duration per{0};
};
std::optional<Rate> parse_rate(std::string_view text);

/// Bytes per second. Bits use decimal prefixes ("Gbit/s" = 10^9 bit/s); bytes take
/// decimal ("MB/s" = 10^6 B/s) or binary ("MiB/s" = 2^20 B/s) prefixes. "unlimited"
/// is 0, as sim::LinkSpec reads it.
std::optional<std::uint64_t> parse_bandwidth(std::string_view text);

/// A probability in [0, 1], as "0.01" or "1%".
std::optional<double> parse_probability(std::string_view text);

}  // namespace kafkalab::scenarios
