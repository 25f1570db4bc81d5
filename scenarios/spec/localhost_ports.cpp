#include "scenarios/spec/localhost_ports.h"

#include <map>
#include <set>

namespace kafkalab::scenarios {

void assign_localhost_ports(std::vector<BrokerSpec>& brokers) {
    std::map<std::uint16_t, int> listening;
    for (const auto& b : brokers) ++listening[b.port];
    std::set<std::uint32_t> taken;
    for (auto& b : brokers) {
        if (listening[b.port] == 1) taken.insert(b.localhost_port = b.port);
    }
    for (auto& b : brokers) {
        if (listening[b.port] == 1) continue;
        std::uint32_t port = b.port;
        while (taken.count(port)) ++port;
        // Past 65535 there is no port left: the broker keeps its own and stays
        // reachable by name (a cluster of 60,000 brokers on one machine is not a case).
        b.localhost_port = port > 65535 ? b.port : static_cast<std::uint16_t>(port);
        taken.insert(port);
    }
}

const BrokerSpec* broker_on_localhost(const std::vector<BrokerSpec>& brokers, std::uint16_t port) {
    for (const auto& b : brokers) {
        if (b.localhost_port == port) return &b;
    }
    return nullptr;
}

std::string localhost_ports_listing(const std::vector<BrokerSpec>& brokers) {
    constexpr std::size_t most_listed = 8;
    std::string listing;
    for (std::size_t i = 0; i < brokers.size() && i < most_listed; ++i) {
        listing += (i ? ", " : "") + brokers[i].host + " localhost:" + std::to_string(brokers[i].localhost_port);
    }
    if (brokers.size() > most_listed) listing += ", ...";
    return listing;
}

}  // namespace kafkalab::scenarios
