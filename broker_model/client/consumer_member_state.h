#pragma once
// Where a consumer stands in its group (AbstractCoordinator.MemberState):
//
//   UNJOINED ──JoinGroup sent──> PREPARING_REBALANCE ──JoinGroup answered──>
//   COMPLETING_REBALANCE ──SyncGroup answered──> STABLE
//       ^                                           |
//       └── left the group, or fenced (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION)
//
// A rebalance asked for while STABLE (REBALANCE_IN_PROGRESS in a heartbeat) keeps the
// member STABLE until its application thread polls and sends the JoinGroup.
#include <cstdint>

namespace kafkalab::kafka {

enum class MemberState : std::uint8_t { unjoined, preparing_rebalance, completing_rebalance, stable };

/// Kafka's upper-case name, as its logs print it: "PREPARING_REBALANCE".
constexpr const char* member_state_name(MemberState state) {
    switch (state) {
        case MemberState::unjoined: return "UNJOINED";
        case MemberState::preparing_rebalance: return "PREPARING_REBALANCE";
        case MemberState::completing_rebalance: return "COMPLETING_REBALANCE";
        case MemberState::stable: return "STABLE";
    }
    return "?";
}

}  // namespace kafkalab::kafka
