#include "broker_model/controller/replica_assignment.h"

#include <algorithm>
#include <map>
#include <set>

namespace kafkalab::kafka {
namespace {

/// AdminUtils.replicaIndex: the j-th follower of a partition whose leader sits at `first`.
std::size_t replica_index(std::size_t first, std::size_t shift, std::size_t j, std::size_t n) {
    std::size_t offset = 1 + (shift + j) % (n - 1);
    return (first + offset) % n;
}

/// AdminUtils.getRackAlternatedBrokerList: brokers taken from each rack in turn.
std::vector<BrokerRack> rack_alternated(const std::vector<BrokerRack>& brokers) {
    std::map<std::string, std::vector<BrokerRack>> by_rack;
    for (const auto& broker : brokers) by_rack[broker.rack].push_back(broker);
    std::vector<BrokerRack> out;
    for (std::size_t round = 0; out.size() < brokers.size(); ++round) {
        for (const auto& [rack, members] : by_rack) {
            if (round < members.size()) out.push_back(members[round]);
        }
    }
    return out;
}

}  // namespace

AssignmentResult assign_replicas(std::vector<BrokerRack> brokers, std::int32_t partitions,
                                 std::int32_t replication_factor, sim::RandomStream& random,
                                 std::int32_t first_partition, std::optional<std::int32_t> start_index,
                                 std::optional<std::int32_t> replica_shift) {
    AssignmentResult result;
    if (partitions <= 0) {
        result.error = "Number of partitions must be larger than 0.";
        return result;
    }
    if (replication_factor <= 0) {
        result.error = "Replication factor must be larger than 0.";
        return result;
    }
    if (static_cast<std::size_t>(replication_factor) > brokers.size()) {
        result.error = "Replication factor: " + std::to_string(replication_factor) +
                       " larger than available brokers: " + std::to_string(brokers.size()) + ".";
        return result;
    }
    std::sort(brokers.begin(), brokers.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    bool rack_aware = std::all_of(brokers.begin(), brokers.end(), [](const auto& b) { return !b.rack.empty(); });
    std::vector<BrokerRack> arranged = rack_aware ? rack_alternated(brokers) : brokers;
    std::set<std::string> racks;
    for (const auto& b : brokers) racks.insert(b.rack);
    const std::size_t n = arranged.size();
    const std::size_t rack_count = racks.size();

    std::size_t start = start_index ? static_cast<std::size_t>(*start_index) : random.below(n);
    std::size_t shift = replica_shift ? static_cast<std::size_t>(*replica_shift) : random.below(n);
    for (std::int32_t p = first_partition; p < first_partition + partitions; ++p) {
        auto partition = static_cast<std::size_t>(p);
        if (partition > 0 && partition % n == 0) ++shift;
        std::size_t first = (partition + start) % n;
        std::vector<BrokerId> replicas{arranged[first].id};
        if (!rack_aware) {
            for (std::int32_t j = 0; j + 1 < replication_factor; ++j) {
                replicas.push_back(arranged[replica_index(first, shift, static_cast<std::size_t>(j), n)].id);
            }
        } else {
            std::set<std::string> used_racks{arranged[first].rack};
            std::set<BrokerId> used{arranged[first].id};
            std::size_t k = 0;
            for (std::int32_t j = 0; j + 1 < replication_factor; ++j) {
                for (;; ++k) {
                    const BrokerRack& candidate = arranged[replica_index(first, shift * rack_count, k, n)];
                    bool rack_ok = !used_racks.count(candidate.rack) || used_racks.size() == rack_count;
                    bool broker_ok = !used.count(candidate.id) || used.size() == n;
                    if (rack_ok && broker_ok) {
                        replicas.push_back(candidate.id);
                        used_racks.insert(candidate.rack);
                        used.insert(candidate.id);
                        ++k;
                        break;
                    }
                }
            }
        }
        result.replicas.push_back(std::move(replicas));
    }
    return result;
}

}  // namespace kafkalab::kafka
