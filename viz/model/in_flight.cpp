#include "viz/model/in_flight.h"

#include <algorithm>
#include <tuple>

namespace kafkalab::viz {

std::vector<InFlightMessage> messages_in_flight(sim::Simulation& sim, const std::vector<HostRole>& roles) {
    struct Pending {
        sim::Time arrival;
        std::uint64_t sequence;
        sim::EventInfo info;
    };
    std::vector<Pending> pending;
    sim.scheduler().for_each_pending(
        [&](sim::Time arrival, std::uint64_t sequence, const sim::EventInfo& info) {
            // Disconnect notices are deliveries too, but carry no message.
            if (info.kind == sim::EventKind::delivery && info.message) pending.push_back({arrival, sequence, info});
        });
    std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
        return std::tie(a.arrival, a.sequence) < std::tie(b.arrival, b.sequence);
    });
    std::vector<InFlightMessage> out;
    out.reserve(pending.size());
    const auto& network = sim.network();
    for (const auto& p : pending) {
        InFlightMessage m;
        m.from = p.info.peer;
        m.to = p.info.node;
        if (m.from >= roles.size() || m.to >= roles.size()) continue;
        m.name = p.info.label;
        m.kind = classify_message(m.name, roles[m.from], roles[m.to]);
        m.arrival = p.arrival;
        m.from_vertex = sim.vertex(m.from);
        m.to_vertex = sim.vertex(m.to);
        m.route = network.path(m.from_vertex, m.to_vertex);
        auto latency = network.path_latency(m.from_vertex, m.to_vertex);
        sim::Duration flight = latency && latency->count() > 0 ? *latency : sim::Duration{1};
        double left = static_cast<double>((p.arrival - sim.now()).count()) / static_cast<double>(flight.count());
        m.progress = std::clamp(1.0 - left, 0.0, 1.0);
        out.push_back(m);
    }
    return out;
}

}  // namespace kafkalab::viz
