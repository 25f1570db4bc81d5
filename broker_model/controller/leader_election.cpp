#include "broker_model/controller/leader_election.h"

#include <algorithm>

namespace kafkalab::kafka {
namespace {
bool contains(const std::vector<BrokerId>& ids, BrokerId id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }
}  // namespace

std::optional<ElectionResult> elect_offline_leader(const std::vector<BrokerId>& assignment,
                                                   const std::vector<BrokerId>& isr, const std::set<BrokerId>& live,
                                                   bool unclean_allowed) {
    for (BrokerId replica : assignment) {
        if (!live.count(replica) || !contains(isr, replica)) continue;
        ElectionResult result{replica, {}, false};
        for (BrokerId member : isr) {
            if (live.count(member)) result.isr.push_back(member);
        }
        return result;
    }
    if (!unclean_allowed) return std::nullopt;
    for (BrokerId replica : assignment) {
        if (live.count(replica)) return ElectionResult{replica, {replica}, true};
    }
    return std::nullopt;
}

std::optional<ElectionResult> elect_controlled_shutdown_leader(const std::vector<BrokerId>& assignment,
                                                               const std::vector<BrokerId>& isr,
                                                               const std::set<BrokerId>& live,
                                                               const std::set<BrokerId>& shutting_down) {
    std::vector<BrokerId> remaining_isr;
    for (BrokerId member : isr) {
        if (!shutting_down.count(member)) remaining_isr.push_back(member);
    }
    for (BrokerId replica : assignment) {
        if (live.count(replica) && !shutting_down.count(replica) && contains(remaining_isr, replica)) {
            return ElectionResult{replica, remaining_isr, false};
        }
    }
    return std::nullopt;
}

}  // namespace kafkalab::kafka
