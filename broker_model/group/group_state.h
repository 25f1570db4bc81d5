#pragma once
// The states of a classic consumer group, as Kafka's GroupCoordinator names them
// (kafka.coordinator.group.GroupState) and kafka-consumer-groups --state prints them.
//
//           a member joins                          every known member rejoined,
//   Empty ──────────────────> PreparingRebalance ── or the rebalance timeout passed ──> CompletingRebalance
//     ^                         ^  ^      │                                                │      │
//     │  nobody rejoined: a new │  │      │                                                │      │ the leader's
//     └─ generation, empty ─────┼──┼──────┘      a member joins, leaves or fails            │      │ SyncGroup is
//                               │  └───────────────────────────────────────────────────────┘      │ in the log
//                               │                                                                  v
//                               └──────── a member joins with new metadata, leaves or fails ──── Stable
//
//   Any state ──> Dead when the coordinator unloads the group (another broker took it over).
#include <cstdint>

namespace kafkalab::kafka {

enum class GroupState : std::uint8_t { empty, preparing_rebalance, completing_rebalance, stable, dead };

/// Kafka's spelling: "Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead".
const char* to_string(GroupState state);

/// Whether Kafka allows `from` -> `to` (GroupState.validPreviousStates).
bool is_valid_transition(GroupState from, GroupState to);

}  // namespace kafkalab::kafka
