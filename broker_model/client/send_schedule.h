#pragma once
// When a simulated producer sends: a schedule the producer node asks, each time it
// wakes, how many records to send now and how long to wait before asking again. The
// first call is made when the producer starts.
//
//   every 3s                one record every 3 s (the beginner's notes' producer)
//   1000/s, 50/100ms, 0.5/s R records per period, evenly spaced, with no drift: the
//                           n-th record goes at exactly floor(n * period / R)
//   poisson 50/s            a Poisson process of rate R: exponential gaps of mean
//                           period / R; the first record comes after one such gap
//   burst 100 every 10s     K records at once, every N
//
// Rates and periods accept the units of sim::parse_duration ("ns", "us", "ms", "s",
// "m", "h"); a bare unit after the slash means one of it ("/s" is "/1s").
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sim/random.h"
#include "sim/time.h"

namespace kafkalab::kafka {

struct SendStep {
    /// Records to send now; 0 when the schedule only sets the first wait.
    std::uint32_t records = 0;
    /// Time until the next call to next(); never negative.
    sim::Duration wait{0};
};

class SendSchedule {
public:
    virtual ~SendSchedule() = default;
    virtual SendStep next(sim::RandomStream& random) = 0;
    /// The schedule in the form parse_send_schedule reads, e.g. "poisson 50/s".
    virtual std::string describe() const = 0;
};

/// The largest burst accepted, a bound on the records one step can create.
constexpr std::uint32_t max_burst_records = 1'000'000;

/// Parses the forms above. Throws std::invalid_argument saying what was expected, for
/// unknown forms, missing or zero durations, rates of zero, above one record per
/// nanosecond or below one in three years, and bursts of 0 or more than max_burst_records.
std::unique_ptr<SendSchedule> parse_send_schedule(std::string_view text);

}  // namespace kafkalab::kafka
