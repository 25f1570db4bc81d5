#pragma once
// The controller's leader election rules (Kafka's PartitionLeaderElectionAlgorithms).
#include <optional>
#include <set>
#include <vector>

#include "broker_model/protocol/partition_state.h"

namespace kafkalab::kafka {

struct ElectionResult {
    BrokerId leader = no_broker;
    std::vector<BrokerId> isr;
    bool unclean = false;  // the leader was not in the ISR: committed records may be lost
};

/// An offline partition: the first replica in assignment order that is live and in
/// the ISR; with unclean.leader.election.enable, else the first live replica. The new
/// ISR is the live part of the old one, or just the unclean leader.
std::optional<ElectionResult> elect_offline_leader(const std::vector<BrokerId>& assignment,
                                                   const std::vector<BrokerId>& isr, const std::set<BrokerId>& live,
                                                   bool unclean_allowed);

/// Controlled shutdown: the first live ISR replica that is not shutting down; the
/// shutting-down brokers leave the ISR.
std::optional<ElectionResult> elect_controlled_shutdown_leader(const std::vector<BrokerId>& assignment,
                                                               const std::vector<BrokerId>& isr,
                                                               const std::set<BrokerId>& live,
                                                               const std::set<BrokerId>& shutting_down);

}  // namespace kafkalab::kafka
