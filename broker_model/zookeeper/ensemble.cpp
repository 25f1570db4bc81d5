#include "broker_model/zookeeper/ensemble.h"


#include <memory>
#include <stdexcept>
#include <string>

#include "broker_model/common/host_names.h"

namespace kafkalab::kafka::zk {

Ensemble Ensemble::add_to(sim::Simulation& simulation, int size, ZooKeeperConfig config,
                          std::string_view switch_name) {
    if (size < 1) throw std::invalid_argument("zookeeper ensemble: size must be at least 1");
    return add_to(simulation, std::vector<std::string>(static_cast<std::size_t>(size), std::string(switch_name)), config);
}

Ensemble Ensemble::add_to(sim::Simulation& simulation, const std::vector<std::string>& switch_names,
                          ZooKeeperConfig config) {
    const auto size = static_cast<int>(switch_names.size());
    if (size < 1) throw std::invalid_argument("zookeeper ensemble: size must be at least 1");
    Ensemble ensemble;
    ensemble.config_ = config;
    // Every server must know the whole ensemble at boot, and node indexes are handed
    // out in order, so the indexes are known before the nodes exist.
    auto first = static_cast<sim::NodeIndex>(simulation.node_count());
    for (int sid = 1; sid <= size; ++sid) ensemble.servers_.push_back(first + static_cast<sim::NodeIndex>(sid - 1));
    for (int sid = 1; sid <= size; ++sid) {
        auto factory = [sid, servers = ensemble.servers_, config](sim::NodeContext& context) {
            return std::make_unique<ZooKeeperServer>(context, sid, servers, config);
        };
        sim::NodeIndex index = simulation.add_node(kafka::zookeeper_host(sid), factory, switch_names[sid - 1]);
        if (index != ensemble.servers_[sid - 1]) throw std::logic_error("zookeeper ensemble: unexpected node index");
    }
    return ensemble;
}

ZooKeeperServer* Ensemble::server(sim::Simulation& simulation, int sid) const {
    return simulation.node_as<ZooKeeperServer>(node(sid));
}

std::optional<int> Ensemble::leader(sim::Simulation& simulation) const {
    for (int sid = 1; sid <= static_cast<int>(servers_.size()); ++sid) {
        auto* running = server(simulation, sid);
        if (running && running->established_leader()) return sid;
    }
    return std::nullopt;
}

int Ensemble::serving_count(sim::Simulation& simulation) const {
    int count = 0;
    for (int sid = 1; sid <= static_cast<int>(servers_.size()); ++sid) {
        auto* running = server(simulation, sid);
        if (running && running->serving()) ++count;
    }
    return count;
}

}  // namespace kafkalab::kafka::zk
