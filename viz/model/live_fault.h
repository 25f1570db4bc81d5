#pragma once
// A fault a teacher injects from the window. It is recorded with the exact point of
// the run it was applied at (events fired and scenario time), so a rewind replays it
// at that very point, and a session can be saved as scenario `faults:` lines.
#include <cstdint>
#include <string>

#include "sim/time.h"

namespace kafkalab::viz {

/// A point of a run: after `event_number` events, with the clock at `time`.
struct RunPosition {
    std::uint64_t event_number = 0;
    sim::Duration time{0};  // scenario time
    auto operator<=>(const RunPosition&) const = default;
};

enum class LiveFaultKind : std::uint8_t { crash, restart, power_loss };
const char* to_string(LiveFaultKind kind);

struct LiveFault {
    RunPosition at;
    LiveFaultKind kind = LiveFaultKind::crash;
    std::string host;
    bool operator==(const LiveFault&) const = default;

    /// The scenario line that replays it: "- {at: 12.5s, crash: broker-2}".
    std::string to_yaml() const;
};

}  // namespace kafkalab::viz
