#include "viz/model/live_fault.h"

#include <fmt/format.h>

namespace kafkalab::viz {

const char* to_string(LiveFaultKind kind) {
    switch (kind) {
        case LiveFaultKind::crash: return "crash";
        case LiveFaultKind::restart: return "restart";
        case LiveFaultKind::power_loss: return "power-loss";
    }
    return "?";
}

std::string LiveFault::to_yaml() const {
    return fmt::format("- {{at: {}, {}: {}}}", sim::format_duration(at.time), to_string(kind), host);
}

}  // namespace kafkalab::viz
