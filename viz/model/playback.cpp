#include "viz/model/playback.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace kafkalab::viz {

std::string Playback::speed_label() const { return fmt::format("{:g}\u00d7", speed()); }

sim::Duration Playback::advance_for(double wall_seconds) const {
    if (!playing_ || wall_seconds <= 0) return sim::Duration{0};
    double seconds = std::min(wall_seconds, 0.1) * speed();
    return sim::Duration{static_cast<std::int64_t>(std::llround(seconds * 1e9))};
}

}  // namespace kafkalab::viz
