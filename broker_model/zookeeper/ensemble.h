#pragma once
// Builds a ZooKeeper ensemble on a simulation: servers zk-1..zk-N that know one
// another, and a few questions about it (who leads, who serves) for scenarios,
// checkers and tests.
#include <optional>
#include <string_view>
#include <vector>

#include "broker_model/zookeeper/zookeeper_config.h"
#include "broker_model/zookeeper/zookeeper_server.h"
#include "sim/simulation.h"

namespace kafkalab::kafka::zk {

class Ensemble {
public:
    /// Adds `size` servers (1, 3 or 5 make sense; any positive number works), named
    /// zk-1..zk-N with server ids 1..N, linked to `switch_name` (the core switch if empty).
    static Ensemble add_to(sim::Simulation& simulation, int size, ZooKeeperConfig config = {},
                           std::string_view switch_name = "");
    /// The same with one switch per server, zk-N on switch_names[N-1]: servers spread
    /// over racks, each linked to its own rack's switch only.
    static Ensemble add_to(sim::Simulation& simulation, const std::vector<std::string>& switch_names,
                           ZooKeeperConfig config = {});

    /// The connect string for ZooKeeperClient: node indexes in server id order.
    const std::vector<sim::NodeIndex>& servers() const { return servers_; }
    const ZooKeeperConfig& config() const { return config_; }
    /// The node of server `sid` (1-based).
    sim::NodeIndex node(int sid) const { return servers_.at(sid - 1); }
    /// The running server `sid`, or nullptr while it is down.
    ZooKeeperServer* server(sim::Simulation& simulation, int sid) const;
    /// The server id of the established leader, if one is up.
    std::optional<int> leader(sim::Simulation& simulation) const;
    /// How many servers answer clients right now.
    int serving_count(sim::Simulation& simulation) const;

private:
    std::vector<sim::NodeIndex> servers_;
    ZooKeeperConfig config_;
};

}  // namespace kafkalab::kafka::zk
