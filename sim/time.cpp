#include "sim/time.h"

#include <cstdio>
#include <limits>

namespace kafkalab::sim {
namespace {

struct Unit {
    std::string_view suffix;
    std::int64_t nanoseconds;
};

// Longest suffixes first so "ms" is not read as "m" followed by junk.
constexpr Unit units[] = {
    {"ns", 1}, {"us", 1'000}, {"µs", 1'000}, {"ms", 1'000'000},
    {"s", 1'000'000'000}, {"m", 60'000'000'000}, {"h", 3'600'000'000'000},
};

std::optional<std::int64_t> unit_nanoseconds(std::string_view suffix) {
    for (const auto& unit : units) {
        if (unit.suffix == suffix) return unit.nanoseconds;
    }
    return std::nullopt;
}

}  // namespace

std::optional<Duration> parse_duration(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text == "0") return Duration{0};

    std::size_t pos = 0;
    std::int64_t whole = 0;
    bool any_digit = false;
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (whole > (max - 9) / 10) return std::nullopt;
        whole = whole * 10 + (text[pos] - '0');
        any_digit = true;
        ++pos;
    }
    // Up to nine fractional digits: enough for "1.5s" or "0.25ms", exact in integers.
    std::int64_t fraction = 0;
    std::int64_t fraction_scale = 1;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (fraction_scale >= 1'000'000'000) return std::nullopt;
            fraction = fraction * 10 + (text[pos] - '0');
            fraction_scale *= 10;
            any_digit = true;
            ++pos;
        }
    }
    if (!any_digit) return std::nullopt;

    auto scale = unit_nanoseconds(text.substr(pos));
    if (!scale) return std::nullopt;
    if (whole > max / *scale) return std::nullopt;
    std::int64_t nanos = whole * *scale;
    // fraction / fraction_scale of a unit, rounded down to whole nanoseconds.
    std::int64_t fractional_nanos = (*scale / fraction_scale) * fraction +
                                    (*scale % fraction_scale) * fraction / fraction_scale;
    if (nanos > max - fractional_nanos) return std::nullopt;
    return Duration{nanos + fractional_nanos};
}

std::string format_duration(Duration d) {
    std::int64_t n = d.count();
    if (n == 0) return "0s";
    std::string sign = n < 0 ? "-" : "";
    if (n < 0) n = -n;
    struct Named { const char* suffix; std::int64_t ns; };
    constexpr Named named[] = {{"h", 3'600'000'000'000}, {"m", 60'000'000'000}, {"s", 1'000'000'000},
                               {"ms", 1'000'000}, {"us", 1'000}, {"ns", 1}};
    for (const auto& unit : named) {
        if (n % unit.ns == 0) return sign + std::to_string(n / unit.ns) + unit.suffix;
        // Seconds read best with a fraction ("1.5s") rather than "1500ms".
        if (unit.ns == 1'000'000'000 && n >= unit.ns) {
            std::string frac = std::to_string(n % unit.ns);
            frac.insert(0, 9 - frac.size(), '0');
            while (frac.back() == '0') frac.pop_back();
            return sign + std::to_string(n / unit.ns) + "." + frac + "s";
        }
    }
    return sign + std::to_string(n) + "ns";
}

std::string format_time(Time t) {
    std::int64_t us = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%lld.%06llds", static_cast<long long>(us / 1'000'000),
                  static_cast<long long>(us % 1'000'000));
    return buffer;
}

}  // namespace kafkalab::sim
