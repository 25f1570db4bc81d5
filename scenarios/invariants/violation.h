#pragma once
// A broken model invariant, with the place in the run where it was seen: a bug in the
// simulator, never a fault the scenario injected. Thrown out of the event loop to stop
// the run (see ModelInvariants).
#include <cstdint>
#include <stdexcept>
#include <string>

#include "sim/time.h"

namespace kafkalab::invariants {

struct Violation {
    /// Which invariant, as docs/RELIABILITY.md names it ("high watermark within the ISR").
    std::string invariant;
    /// The partition (or consumer) and the values that disagree.
    std::string detail;
    /// Simulated time of the event after which the state was wrong.
    sim::Time time{};
    /// That event's number: how many events the run had fired, it included.
    std::uint64_t event_number = 0;
    std::uint64_t seed = 0;

    /// "invariant 'one leader per epoch' violated at 12.5s, event 4711 (seed 42): ..."
    std::string to_string() const;
};

class InvariantViolation : public std::runtime_error {
public:
    explicit InvariantViolation(Violation violation)
        : std::runtime_error(violation.to_string()), violation_(std::move(violation)) {}
    const Violation& violation() const { return violation_; }

private:
    Violation violation_;
};

}  // namespace kafkalab::invariants
