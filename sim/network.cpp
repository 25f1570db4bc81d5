#include "sim/network.h"

#include <algorithm>
#include <ostream>
#include <stdexcept>

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/function_property_map.hpp>

namespace kafkalab::sim {

const char* to_string(TransmitOutcome outcome) {
    switch (outcome) {
        case TransmitOutcome::delivered: return "delivered";
        case TransmitOutcome::lost: return "lost";
        case TransmitOutcome::no_route: return "no route";
    }
    return "?";
}

VertexId Network::add_vertex(std::string name, bool is_switch) {
    if (find(name)) throw std::invalid_argument("network: duplicate vertex name '" + name + "'");
    VertexId v = boost::add_vertex(graph_);
    graph_[v].name = std::move(name);
    graph_[v].is_switch = is_switch;
    changed();
    return v;
}

VertexId Network::add_host(std::string name) { return add_vertex(std::move(name), false); }
VertexId Network::add_switch(std::string name) { return add_vertex(std::move(name), true); }

void Network::connect(VertexId a, VertexId b, LinkSpec spec) {
    if (a == b) throw std::invalid_argument("network: a link needs two different ends");
    if (auto existing = edge_between(a, b)) {
        graph_[*existing].spec = spec;
    } else {
        boost::add_edge(a, b, EdgeProps{spec, true, {}}, graph_);
    }
    changed();
}

std::optional<VertexId> Network::find(std::string_view name) const {
    for (VertexId v = 0; v < boost::num_vertices(graph_); ++v) {
        if (graph_[v].name == name) return v;
    }
    return std::nullopt;
}

const std::string& Network::name(VertexId v) const { return graph_[v].name; }
bool Network::is_switch(VertexId v) const { return graph_[v].is_switch; }
std::size_t Network::vertex_count() const { return boost::num_vertices(graph_); }
bool Network::is_up(VertexId v) const { return graph_[v].up; }

void Network::set_up(VertexId v, bool up) {
    if (graph_[v].up == up) return;
    graph_[v].up = up;
    changed();
}

std::optional<Network::Edge> Network::edge_between(VertexId a, VertexId b) const {
    auto [edge, found] = boost::edge(a, b, graph_);
    if (!found) return std::nullopt;
    return edge;
}

bool Network::set_link_up(VertexId a, VertexId b, bool up) {
    auto edge = edge_between(a, b);
    if (!edge) return false;
    graph_[*edge].up = up;
    changed();
    return true;
}

bool Network::set_link_spec(VertexId a, VertexId b, LinkSpec spec) {
    auto edge = edge_between(a, b);
    if (!edge) return false;
    graph_[*edge].spec = spec;
    changed();
    return true;
}

std::optional<LinkSpec> Network::link_spec(VertexId a, VertexId b) const {
    auto edge = edge_between(a, b);
    if (!edge) return std::nullopt;
    return graph_[*edge].spec;
}

void Network::set_links_of(VertexId v, LinkSpec spec) {
    for (auto [it, end] = boost::out_edges(v, graph_); it != end; ++it) graph_[*it].spec = spec;
    changed();
}

void Network::partition(const std::vector<std::vector<VertexId>>& groups) {
    for (VertexId v = 0; v < vertex_count(); ++v) graph_[v].group = 0;
    int group = 0;
    for (const auto& members : groups) {
        ++group;
        for (VertexId v : members) graph_[v].group = group;
    }
    partitioned_ = true;
    changed();
}

void Network::heal() {
    for (VertexId v = 0; v < vertex_count(); ++v) graph_[v].group = 0;
    for (auto [it, end] = boost::edges(graph_); it != end; ++it) graph_[*it].up = true;
    partitioned_ = false;
    changed();
}

const Network::RouteTree& Network::routes_from(VertexId source) const {
    if (route_cache_.size() < vertex_count()) route_cache_.resize(vertex_count());
    RouteTree& tree = route_cache_[source];
    if (tree.version == topology_version_) return tree;

    // Only links that are up, and only vertices that are up, carry traffic.
    auto edge_up = [this](Edge e) { return graph_[e].up; };
    auto vertex_up = [this](VertexId v) { return graph_[v].up; };
    boost::filtered_graph<Graph, std::function<bool(Edge)>, std::function<bool(VertexId)>> usable(
        graph_, edge_up, vertex_up);

    const std::size_t n = vertex_count();
    tree.predecessor.assign(n, 0);
    tree.distance_ns.assign(n, INT64_MAX);
    if (graph_[source].up) {
        auto weight = boost::make_function_property_map<Edge, std::int64_t>(
            [this](Edge e) { return graph_[e].spec.latency.count(); });
        boost::dijkstra_shortest_paths(
            usable, source,
            boost::predecessor_map(tree.predecessor.data())
                .distance_map(tree.distance_ns.data())
                .weight_map(weight)
                .vertex_index_map(boost::get(boost::vertex_index, graph_))
                .distance_inf(INT64_MAX));
    }
    tree.version = topology_version_;
    return tree;
}

bool Network::reachable(VertexId from, VertexId to) const {
    if (from == to) return graph_[from].up;
    if (!graph_[from].up || !graph_[to].up) return false;
    if (graph_[from].group != graph_[to].group) return false;
    return routes_from(from).distance_ns[to] != INT64_MAX;
}

std::vector<VertexId> Network::path(VertexId from, VertexId to) const {
    if (!reachable(from, to)) return {};
    const RouteTree& tree = routes_from(from);
    std::vector<VertexId> hops{to};
    while (hops.back() != from) hops.push_back(tree.predecessor[hops.back()]);
    std::reverse(hops.begin(), hops.end());
    return hops;
}

std::optional<Duration> Network::path_latency(VertexId from, VertexId to) const {
    if (!reachable(from, to)) return std::nullopt;
    return Duration{routes_from(from).distance_ns[to]};
}

Transmission Network::transmit(VertexId from, VertexId to, std::size_t bytes, Time now, RandomStream& random) {
    if (!reachable(from, to)) return {TransmitOutcome::no_route, {}};
    const RouteTree& tree = routes_from(from);
    Time head = now;
    Duration slowest_serialization{0};
    // Walk the path backwards from the destination via predecessors, then replay it
    // forwards, so that bandwidth is booked in the order the message crosses links.
    VertexId hops[64];
    std::size_t count = 0;
    for (VertexId v = to; v != from && count < 64; v = tree.predecessor[v]) hops[count++] = v;
    VertexId previous = from;
    for (std::size_t i = count; i-- > 0;) {
        VertexId next = hops[i];
        EdgeProps& link = graph_[*edge_between(previous, next)];
        if (random.chance(link.spec.loss_probability)) return {TransmitOutcome::lost, {}};
        Duration serialization{0};
        if (link.spec.bandwidth_bytes_per_s > 0) {
            auto ns = static_cast<unsigned __int128>(bytes) * 1'000'000'000u / link.spec.bandwidth_bytes_per_s;
            serialization = Duration{static_cast<std::int64_t>(ns)};
        }
        Time& free_at = link.free_at[previous < next ? 0 : 1];
        Time start = std::max(head, free_at);
        free_at = start + serialization;
        head = start + link.spec.latency + random.jitter(link.spec.jitter);
        slowest_serialization = std::max(slowest_serialization, serialization);
        previous = next;
    }
    return {TransmitOutcome::delivered, head + slowest_serialization};
}

void Network::write_dot(std::ostream& out) const {
    auto vertex_writer = [this](std::ostream& o, VertexId v) {
        const VertexProps& p = graph_[v];
        o << "[label=\"" << p.name << "\", shape=" << (p.is_switch ? "diamond" : "box");
        if (!p.up) o << ", style=filled, fillcolor=grey";
        o << "]";
    };
    auto edge_writer = [this](std::ostream& o, Edge e) {
        const EdgeProps& p = graph_[e];
        o << "[label=\"" << format_duration(p.spec.latency) << "\"";
        if (!p.up) o << ", style=dashed";
        o << "]";
    };
    boost::write_graphviz(out, graph_, vertex_writer, edge_writer);
}

}  // namespace kafkalab::sim
