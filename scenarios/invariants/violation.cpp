#include "scenarios/invariants/violation.h"

#include <fmt/format.h>

namespace kafkalab::invariants {

std::string Violation::to_string() const {
    return fmt::format("invariant '{}' violated at {}, event {} (seed {}): {}", invariant, sim::format_time(time),
                       event_number, seed, detail);
}

}  // namespace kafkalab::invariants
