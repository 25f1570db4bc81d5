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

void Network::rename_host(VertexId v, std::string name) {
    if (find(name)) throw std::invalid_argument("network: duplicate vertex name '" + name + "'");
    graph_[v].name = std::move(name);
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
    blocked_.clear();
    for (VertexId v = 0; v < vertex_count(); ++v) graph_[v].group = 0;
    for (auto [it, end] = boost::edges(graph_); it != end; ++it) graph_[*it].up = true;
    partitioned_ = false;
    changed();
}

namespace {

// filtered_graph copies its predicates into every iterator; small concrete functors
// cost nothing there, where std::function would be copied and called indirectly.
/// Time to put `bytes` on a link: bytes * 1e9 / bandwidth, rounded down; 0 if the
/// bandwidth is unlimited (0). 64-bit division is several times cheaper than 128-bit,
/// and exact whenever the product fits, as it does for any message under 18 GB.
Duration serialization_time(std::size_t bytes, std::uint64_t bandwidth_bytes_per_s) {
    if (bandwidth_bytes_per_s == 0) return Duration{0};
    constexpr std::uint64_t ns_per_s = 1'000'000'000;
    if (bytes <= UINT64_MAX / ns_per_s) {
        return Duration{static_cast<std::int64_t>(bytes * ns_per_s / bandwidth_bytes_per_s)};
    }
    auto ns = static_cast<unsigned __int128>(bytes) * ns_per_s / bandwidth_bytes_per_s;
    return Duration{static_cast<std::int64_t>(ns)};
}

template <class Graph>
struct LinkIsUp {
    const Graph* graph = nullptr;
    template <class Edge>
    bool operator()(const Edge& e) const { return (*graph)[e].up; }
};
template <class Graph>
struct VertexIsUp {
    const Graph* graph = nullptr;
    bool operator()(VertexId v) const { return (*graph)[v].up; }
};

}  // namespace

Network::RouteTree& Network::routes_from(VertexId source) const {
    if (route_cache_.size() < vertex_count()) route_cache_.resize(vertex_count());
    RouteTree& tree = route_cache_[source];
    if (tree.version == topology_version_) return tree;

    // Only links that are up, and only vertices that are up, carry traffic.
    boost::filtered_graph<Graph, LinkIsUp<Graph>, VertexIsUp<Graph>> usable(graph_, LinkIsUp<Graph>{&graph_},
                                                                              VertexIsUp<Graph>{&graph_});
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
    // Routes built in an older version are stale: their versions no longer match.
    tree.routes.resize(n);
    tree.hops.clear();
    tree.version = topology_version_;
    return tree;
}

const Network::Route& Network::route(VertexId from, VertexId to) {
    RouteTree& tree = routes_from(from);
    Route& cached = tree.routes[to];
    if (cached.version == tree.version) return cached;
    cached = Route{tree.version, static_cast<std::uint32_t>(tree.hops.size()), 0, reachable(from, to)};
    if (!cached.reachable) return cached;
    // Walk the path backwards from the destination via predecessors, then store it
    // forwards, so that transmit books bandwidth in the order the message crosses links.
    for (VertexId v = to; v != from; v = tree.predecessor[v]) {
        const VertexId previous = tree.predecessor[v];
        tree.hops.push_back({&graph_[*edge_between(previous, v)], static_cast<std::uint8_t>(previous < v ? 0 : 1)});
    }
    cached.hop_count = static_cast<std::uint32_t>(tree.hops.size()) - cached.first_hop;
    std::reverse(tree.hops.begin() + cached.first_hop, tree.hops.end());
    return cached;
}

void Network::set_blocked(VertexId a, VertexId b, bool blocked) {
    auto pair = std::minmax(a, b);
    if (blocked) {
        blocked_.insert(pair);
    } else {
        blocked_.erase(pair);
    }
    changed();
}

void Network::set_isolated(VertexId v, bool isolated) {
    if (isolated) {
        isolated_.insert(v);
    } else if (auto it = isolated_.find(v); it != isolated_.end()) {
        isolated_.erase(it);
    }
    changed();
}

bool Network::blocked(VertexId a, VertexId b) const {
    return !blocked_.empty() && blocked_.count(std::minmax(a, b)) != 0;
}

bool Network::reachable(VertexId from, VertexId to) const {
    if (from == to) return graph_[from].up;
    if (!graph_[from].up || !graph_[to].up) return false;
    if (graph_[from].group != graph_[to].group) return false;
    if (blocked(from, to)) return false;
    if (!isolated_.empty() && (isolated(from) || isolated(to))) return false;
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

Transmission Network::transmit(VertexId from, VertexId to, std::size_t bytes, Time now, RandomStream& random,
                               bool draw_loss) {
    const Route& cached = route(from, to);
    if (!cached.reachable) return {TransmitOutcome::no_route, {}};
    const Hop* hops = route_cache_[from].hops.data() + cached.first_hop;
    const std::uint64_t connection = (static_cast<std::uint64_t>(from) << 32) | static_cast<std::uint64_t>(to);
    // Each link's queue is a cache miss in a large cluster: ask for all of them first,
    // so that the misses overlap instead of coming one hop after another.
    for (std::uint32_t i = 0; i < cached.hop_count; ++i) {
        __builtin_prefetch(&hops[i].link->spec);
        __builtin_prefetch(&hops[i].link->queue[hops[i].direction]);
    }
    Time head = now;
    Duration slowest_serialization{0};
    for (std::uint32_t i = 0; i < cached.hop_count; ++i) {
        EdgeProps& link = *hops[i].link;
        if (draw_loss && random.chance(link.spec.loss_probability)) return {TransmitOutcome::lost, {}};
        const Duration serialization = serialization_time(bytes, link.spec.bandwidth_bytes_per_s);
        const Time start = book(link.queue[hops[i].direction], connection, head, serialization, now);
        head = start + link.spec.latency + random.jitter(link.spec.jitter);
        slowest_serialization = std::max(slowest_serialization, serialization);
    }
    return {TransmitOutcome::delivered, head + slowest_serialization};
}

// Links are shared the way TCP flows share a NIC queue or a switch port (fair
// queueing, fq_codel being Linux's default): roughly processor sharing between
// connections. A message first waits for its own connection's earlier bytes; then each
// other connection with bytes still queued holds it back by at most the message's own
// serialization time, and never longer than the link's whole backlog. So a heartbeat
// crosses a link that a bulk sender has booked for seconds within microseconds, as in
// a real network, instead of waiting behind every byte booked before it (or booked for
// later: a message reaches a downstream hop only once its upstream queue drains, and
// that future slot must not hold back messages that arrive there first). Bulk messages
// of equal size still share the link first come, first served, and the link never
// carries more than its bandwidth in total: the backlog grows by every message.
Time Network::book(LinkQueue& queue, std::uint64_t connection, Time head, Duration serialization, Time now) {
    Time own = head;
    Backlog* mine = nullptr;
    // The other connections' share, summed in the same pass on the guess that this
    // connection has nothing queued here (own == head), which holds for nearly every
    // request and response; the second pass below runs only when it does not.
    Duration shared{0};
    // Connections whose bytes have all left by now compete with nothing that comes later.
    auto& backlogs = queue.backlogs;
    for (std::size_t k = 0; k < backlogs.size();) {
        if (backlogs[k].done <= now) {
            backlogs[k] = backlogs.back();
            backlogs.pop_back();
            continue;
        }
        if (backlogs[k].connection == connection) {
            mine = &backlogs[k];
        } else if (backlogs[k].done > head) {
            shared += std::min(serialization, backlogs[k].done - head);
        }
        ++k;
    }
    if (mine && mine->done > own) {
        own = mine->done;
        shared = Duration{0};
        for (const Backlog& other : backlogs) {
            if (&other == mine || other.done <= own) continue;
            shared += std::min(serialization, other.done - own);
        }
    }
    const Time start = own + std::min(shared, std::max(Duration{0}, queue.free_at - own));
    const Time done = start + serialization;
    queue.free_at = std::max(queue.free_at, head) + serialization;
    if (serialization > Duration{0}) {
        if (mine) {
            mine->done = done;
        } else {
            backlogs.push_back(Backlog{connection, done});
        }
    }
    return start;
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
