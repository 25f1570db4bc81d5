#pragma once
// Runs a simulation in fixed steps until a condition holds: how the benches wait for a
// cluster to form or a failover to finish without knowing in advance how long it takes.
#include "sim/simulation.h"

namespace kafkalab::bench {

/// Runs in steps of `step` until `done` or `limit` of simulated time; false on timeout.
template <typename Done>
bool run_until(sim::Simulation& sim, sim::Duration step, sim::Duration limit, Done done) {
    sim::Time start = sim.now();
    while (!done()) {
        if (sim.now() - start >= limit) return false;
        sim.run_for(step);
    }
    return true;
}

}  // namespace kafkalab::bench
