// `network:` — default link quality, racks (switches) and explicit links, resolved
// into the full topology described in scenario.h (NetworkSpec).
#include <algorithm>

#include "broker_model/config/did_you_mean.h"
#include "scenarios/spec/names.h"
#include "scenarios/spec/parse_parts.h"
#include "scenarios/spec/quantities.h"

namespace kafkalab::scenarios::detail {
namespace {

constexpr Duration slowest_link_latency = std::chrono::minutes(1);

/// Reads latency, jitter, bandwidth and loss present in `f` over `spec`.
void read_link_quality(Context& ctx, const Fields& f, sim::LinkSpec& spec) {
    auto read_delay = [&](std::string_view key, Duration& into) {
        const YAML::Node* n = f.find(key);
        if (!n) return;
        auto d = read_duration(ctx, *n, key, true);
        if (d && *d > slowest_link_latency) error_at(ctx, *n, std::string(key) + " must be at most 1m");
        if (d) into = *d;
    };
    read_delay("latency", spec.latency);
    read_delay("jitter", spec.jitter);
    if (const auto* n = f.find("bandwidth")) {
        auto b = n->IsScalar() ? parse_bandwidth(n->Scalar()) : std::nullopt;
        if (!b) {
            error_at(ctx, *n, "bandwidth must be a rate such as 1Gbit/s, 100Mbit/s, 100MB/s or unlimited; found " +
                                  describe(*n));
        } else {
            spec.bandwidth_bytes_per_s = *b;
        }
    }
    if (const auto* n = f.find("loss")) {
        auto p = n->IsScalar() ? parse_probability(n->Scalar()) : std::nullopt;
        if (!p) error_at(ctx, *n, "loss must be a probability from 0 to 1, or a percentage such as 1%; found " + describe(*n));
        if (p) spec.loss_probability = *p;
    }
}

HostSpec* host_named(NetworkSpec& net, std::string_view name) {
    for (auto& h : net.hosts) {
        if (h.name == name) return &h;
    }
    return nullptr;
}

void collect_hosts(const Scenario& s, NetworkSpec& net) {
    net.hosts.clear();
    for (const auto& b : s.cluster.brokers) net.hosts.push_back({b.host, HostKind::broker, b.rack});
    for (const auto& z : s.cluster.zookeeper.hosts) net.hosts.push_back({z, HostKind::zookeeper, ""});
    for (const auto& p : s.producers) net.hosts.push_back({p.name, HostKind::producer, ""});
    for (const auto& c : s.consumers) net.hosts.push_back({c.name, HostKind::consumer, ""});
}

void place_in_racks(Context& ctx, const YAML::Node& racks, NetworkSpec& net) {
    if (!is_map(ctx, racks, "racks")) return;
    for (auto it = racks.begin(); it != racks.end(); ++it) {
        const YAML::Node name_node = it->first;  // copies: the iterator's pair is a temporary
        const YAML::Node members_node = it->second;
        auto rack = read_string(ctx, name_node, "rack name");
        auto members = read_string_list(ctx, members_node, "rack members");
        if (!rack || !members) continue;
        if (find_host(ctx.scenario, *rack)) {
            error_at(ctx, name_node, "rack '" + *rack + "' has the name of a host");
            continue;
        }
        std::size_t index = 0;
        for (const auto& member : *members) {
            const YAML::Node at = members_node.IsSequence() ? members_node[index] : members_node;
            ++index;
            HostSpec* host = host_named(net, member);
            if (!host) {
                error_at(ctx, at, unknown_host_message(ctx.scenario, member));
            } else if (!host->switch_name.empty() && host->switch_name != *rack) {
                error_at(ctx, at, "host '" + member + "' is already in rack '" + host->switch_name + "'");
            } else {
                host->switch_name = *rack;
            }
        }
    }
}

void build_links(NetworkSpec& net) {
    for (auto& h : net.hosts) {
        if (h.switch_name.empty()) h.switch_name = std::string(default_switch);
        if (std::find(net.switches.begin(), net.switches.end(), h.switch_name) == net.switches.end()) {
            net.switches.push_back(h.switch_name);
        }
    }
    for (const auto& h : net.hosts) net.links.push_back({h.name, h.switch_name, net.defaults, {}});
    for (std::size_t i = 0; i < net.switches.size(); ++i) {
        for (std::size_t j = i + 1; j < net.switches.size(); ++j) {
            net.links.push_back({net.switches[i], net.switches[j], net.defaults, {}});
        }
    }
}

void parse_link(Context& ctx, const YAML::Node& entry, NetworkSpec& net) {
    if (!is_map(ctx, entry, "a link")) return;
    Fields f(ctx, entry, "in a link", {"between", "latency", "jitter", "bandwidth", "loss"});
    const YAML::Node* between = f.find("between");
    auto ends = between ? read_string_list(ctx, *between, "between") : std::nullopt;
    if (!ends || ends->size() != 2 || (*ends)[0] == (*ends)[1]) {
        error_at(ctx, between ? *between : entry, "a link needs between: [a, b], two different hosts or racks");
        return;
    }
    for (const auto& end : *ends) {
        bool is_switch = std::find(net.switches.begin(), net.switches.end(), end) != net.switches.end();
        if (!is_switch && !host_named(net, end)) {
            error_at(ctx, *between, unknown_host_message(ctx.scenario, end) + " (racks: " +
                                        [&] {
                                            std::string list;
                                            for (const auto& s : net.switches) list += (list.empty() ? "" : ", ") + s;
                                            return list;
                                        }() + ")");
            return;
        }
    }
    auto existing = std::find_if(net.links.begin(), net.links.end(), [&](const LinkEntry& l) {
        return (l.a == (*ends)[0] && l.b == (*ends)[1]) || (l.a == (*ends)[1] && l.b == (*ends)[0]);
    });
    if (existing == net.links.end()) {
        net.links.push_back({(*ends)[0], (*ends)[1], net.defaults, {}});
        existing = net.links.end() - 1;
    }
    existing->position = position_of(entry);
    read_link_quality(ctx, f, existing->spec);
}

}  // namespace

void parse_network(Context& ctx, const YAML::Node* node) {
    NetworkSpec& net = ctx.scenario.network;
    collect_hosts(ctx.scenario, net);
    std::optional<Fields> f;
    if (node && is_map(ctx, *node, "network")) {
        f.emplace(ctx, *node, "in network",
                  std::initializer_list<std::string_view>{"latency", "jitter", "bandwidth", "loss", "racks", "links"});
        read_link_quality(ctx, *f, net.defaults);
        if (const auto* racks = f->find("racks")) place_in_racks(ctx, *racks, net);
    }
    build_links(net);
    if (f) {
        if (const auto* links = f->find("links"); links && is_list_of_at_most(ctx, *links, "links", 10000)) {
            for (const auto& entry : *links) parse_link(ctx, entry, net);
        }
    }
}

}  // namespace kafkalab::scenarios::detail
