#pragma once
// Simulated time: integer nanoseconds since the start of a run. Nothing in the
// simulator reads a wall clock; time moves only when the event queue fires an event.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kafkalab::sim {

using Duration = std::chrono::nanoseconds;

/// The clock of one simulation run. Only Scheduler advances it.
struct SimClock {
    using rep = std::int64_t;
    using period = std::nano;
    using duration = Duration;
    using time_point = std::chrono::time_point<SimClock>;
    static constexpr bool is_steady = true;
};

using Time = SimClock::time_point;

constexpr Time time_zero{};
constexpr Time time_never{Duration::max()};

/// Parses "250us", "3s", "1.5s", "1m", "2h", "10ms", "100ns", "0". A bare number is
/// refused (the unit is what makes a duration readable). Returns nothing on bad input
/// or on overflow of the nanosecond range.
std::optional<Duration> parse_duration(std::string_view text);

/// Formats the shortest exact form in the largest fitting unit: "3s", "250us", "1.5s".
std::string format_duration(Duration d);

/// "12.345678s" style, for timelines: seconds with microsecond precision.
std::string format_time(Time t);

}  // namespace kafkalab::sim
