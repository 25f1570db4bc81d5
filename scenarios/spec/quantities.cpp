#include "scenarios/spec/quantities.h"

#include <array>
#include <cmath>
#include <string>

#include "broker_model/config/value_parsing.h"

namespace kafkalab::scenarios {
namespace {

constexpr std::int64_t most_records_per_rate = 1'000'000'000;
// 10 Tbit/s: far beyond any link worth simulating, and safe from overflow.
constexpr double fastest_link_bytes_per_s = 1.25e12;

struct BandwidthUnit {
    std::string_view suffix;
    double bytes_per_s;
};

// Longest suffixes first, so "MiB/s" is not read as "B/s" after a junk "Mi".
constexpr std::array<BandwidthUnit, 11> bandwidth_units{{
    {"Gbit/s", 1e9 / 8}, {"Mbit/s", 1e6 / 8}, {"Kbit/s", 1e3 / 8}, {"GiB/s", 1073741824.0},
    {"MiB/s", 1048576.0}, {"KiB/s", 1024.0}, {"bit/s", 1.0 / 8}, {"GB/s", 1e9}, {"MB/s", 1e6},
    {"KB/s", 1e3}, {"B/s", 1.0},
}};

}  // namespace

std::optional<Rate> parse_rate(std::string_view text) {
    text = kafka::trim(text);
    std::size_t slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    auto records = kafka::parse_int64(text.substr(0, slash));
    if (!records || *records < 1 || *records > most_records_per_rate) return std::nullopt;
    std::string per_text(kafka::trim(text.substr(slash + 1)));
    // "1000/s" means per one second: a bare unit is one of that unit.
    if (!per_text.empty() && (per_text.front() < '0' || per_text.front() > '9')) per_text.insert(0, "1");
    auto per = sim::parse_duration(per_text);
    if (!per || *per <= sim::Duration{0}) return std::nullopt;
    return Rate{*records, *per};
}

std::optional<std::uint64_t> parse_bandwidth(std::string_view text) {
    text = kafka::trim(text);
    if (text == "unlimited") return 0;
    for (const auto& unit : bandwidth_units) {
        if (!text.ends_with(unit.suffix)) continue;
        auto number = kafka::parse_double(text.substr(0, text.size() - unit.suffix.size()));
        if (!number || *number <= 0) return std::nullopt;
        double bytes = *number * unit.bytes_per_s;
        if (bytes < 1 || bytes > fastest_link_bytes_per_s) return std::nullopt;
        return static_cast<std::uint64_t>(std::llround(bytes));
    }
    return std::nullopt;
}

std::optional<double> parse_probability(std::string_view text) {
    text = kafka::trim(text);
    bool percent = text.ends_with('%');
    if (percent) text.remove_suffix(1);
    auto number = kafka::parse_double(text);
    if (!number) return std::nullopt;
    double p = percent ? *number / 100 : *number;
    if (p < 0 || p > 1) return std::nullopt;
    return p;
}

}  // namespace kafkalab::scenarios
