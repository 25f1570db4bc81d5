#include "broker_model/group/group_state.h"

namespace kafkalab::kafka {

const char* to_string(GroupState state) {
    switch (state) {
        case GroupState::empty: return "Empty";
        case GroupState::preparing_rebalance: return "PreparingRebalance";
        case GroupState::completing_rebalance: return "CompletingRebalance";
        case GroupState::stable: return "Stable";
        case GroupState::dead: return "Dead";
    }
    return "Unknown";
}

bool is_valid_transition(GroupState from, GroupState to) {
    switch (to) {
        case GroupState::preparing_rebalance:
            return from == GroupState::stable || from == GroupState::completing_rebalance || from == GroupState::empty;
        case GroupState::completing_rebalance: return from == GroupState::preparing_rebalance;
        case GroupState::stable: return from == GroupState::completing_rebalance;
        case GroupState::empty: return from == GroupState::preparing_rebalance;
        case GroupState::dead: return true;  // unloading or deleting a group ends it from anywhere
    }
    return false;
}

}  // namespace kafkalab::kafka
