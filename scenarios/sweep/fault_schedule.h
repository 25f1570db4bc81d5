#pragma once
// Random fault schedules for sweeps. A seed and a scenario's `sweep:` bounds give one
// schedule, always the same: the faults are drawn from their own random stream
// ("sweep-faults" under the seed), apart from the simulation's, so the schedule does
// not depend on anything the run does, and `kafkalab run --seed N --faults random`
// replays exactly what `kafkalab sweep` ran for seed N.
//
// A schedule is a list of episodes, each an ordinary FaultSpec pair the runner plays
// unchanged:
//
//   crash       {at: t, crash: h}        ... {at: t + lasts, restart: h}
//   power-loss  {at: t, power-loss: h}   ... {at: t + lasts, restart: h}
//   partition   {at: t, partition: {groups: [[h...]]}} ... {at: t + lasts, heal: all}
//   slow        {at: t, slow: h, latency: L, jitter: L/4, for: lasts}
//   pause       {at: t, pause: h, for: lasts}
//
// Bounds kept (tests/sweep checks them): between count_min and count_max episodes,
// each inside the window; starts at least min_gap apart; a host is in one episode
// at a time, and free min_gap after it; one partition at a time (a heal ends all of
// them); power-loss never draws a client. An episode that finds no free host is
// left out, so a crowded schedule may have fewer than count_min episodes.
//
// The scenario's own faults come first: an episode never touches a host, or the
// network, that one of them holds over the episode's span (scripted_faults.h), so a
// random restart cannot undo a scripted power loss nor a random heal a scripted
// partition. The two schedules compose; neither cancels the other.
#include <cstdint>
#include <string>
#include <vector>

#include "scenarios/spec/fault_yaml.h"  // fault_to_yaml: how reports list a schedule
#include "scenarios/spec/scenario.h"

namespace kafkalab::scenarios {

/// The random faults for `seed` under `scenario.sweep`, in time order.
std::vector<FaultSpec> random_faults(const Scenario& scenario, std::uint64_t seed);

/// Appends random_faults(scenario, seed) to the scenario's own faults.
void add_random_faults(Scenario& scenario, std::uint64_t seed);

}  // namespace kafkalab::scenarios
