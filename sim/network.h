#pragma once
// The simulated network: hosts and switches joined by links, on Boost.Graph. A message
// follows the lowest-latency path over links that are up, pays each link's latency and
// jitter, waits for its share of the link (bandwidth), and may be lost on any hop.
//
// Partitions are modelled the way Jepsen makes them, as firewall rules between groups
// of hosts rather than as cut cables: a host can reach only hosts of its own group.
#include <algorithm>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/container/small_vector.hpp>
#include <boost/graph/adjacency_list.hpp>

#include "sim/random.h"
#include "sim/time.h"

namespace kafkalab::sim {

/// One link's character. Units last: bandwidth in bytes per second (0: unlimited).
struct LinkSpec {
    Duration latency{std::chrono::microseconds(500)};
    Duration jitter{0};
    std::uint64_t bandwidth_bytes_per_s = 125'000'000;  // 1 Gbit/s
    double loss_probability = 0.0;
};

using VertexId = std::size_t;

enum class TransmitOutcome : std::uint8_t { delivered, lost, no_route };
const char* to_string(TransmitOutcome outcome);

struct Transmission {
    TransmitOutcome outcome = TransmitOutcome::no_route;
    Time arrival{};  // meaningful when delivered
};

class Network {
public:
    VertexId add_host(std::string name);
    VertexId add_switch(std::string name);
    /// Joins two vertices; joining them again replaces the link's spec.
    void connect(VertexId a, VertexId b, LinkSpec spec);
    std::optional<VertexId> find(std::string_view name) const;
    /// Gives a host a new name (a retired node's host taken by a new node); routes,
    /// links and state are untouched. Throws on a name already in use.
    void rename_host(VertexId v, std::string name);
    const std::string& name(VertexId v) const;
    bool is_switch(VertexId v) const;
    std::size_t vertex_count() const;

    /// A host that is down neither sends, receives nor forwards.
    void set_up(VertexId v, bool up);
    bool is_up(VertexId v) const;

    /// Cuts or restores the link between two adjacent vertices; false if there is none.
    bool set_link_up(VertexId a, VertexId b, bool up);
    bool set_link_spec(VertexId a, VertexId b, LinkSpec spec);
    std::optional<LinkSpec> link_spec(VertexId a, VertexId b) const;
    /// Sets the spec of every link touching `v` (a slow or lossy host).
    void set_links_of(VertexId v, LinkSpec spec);

    /// Splits hosts into groups that cannot reach one another. Hosts named in no
    /// group form one more group together.
    void partition(const std::vector<std::vector<VertexId>>& groups);
    /// Blocks or unblocks all traffic between two hosts, like a firewall rule between
    /// them (Jepsen's way to cut a leader off from its followers but not from ZooKeeper).
    void set_blocked(VertexId a, VertexId b, bool blocked);
    bool blocked(VertexId a, VertexId b) const;
    /// Takes a host off the network, or puts it back, apart from any partition, block
    /// or cut link: a frozen process (a paused broker) neither sends nor answers. Counts
    /// nest, so two overlapping pauses end with the later one; heal() leaves them alone.
    void set_isolated(VertexId v, bool isolated);
    bool isolated(VertexId v) const { return isolated_.count(v) != 0; }
    /// Removes every partition, block and cut link.
    void heal();
    bool partitioned() const { return partitioned_; }

    /// True if a message from `from` to `to` could be routed right now.
    bool reachable(VertexId from, VertexId to) const;
    /// The vertices on the current path from `from` to `to`, both included; empty if none.
    std::vector<VertexId> path(VertexId from, VertexId to) const;
    /// Sum of link latencies on the current path (no jitter, no queueing).
    std::optional<Duration> path_latency(VertexId from, VertexId to) const;

    /// Sends `bytes` from `from` to `to` at `now`: picks the route, draws loss and
    /// jitter from `random`, and books the links' bandwidth. Messages are cut-through:
    /// each hop adds its latency, and the slowest link's serialization time is paid once.
    /// A link is shared fairly between connections, as TCP flows share a NIC and a
    /// switch port: a message queues behind its own connection's earlier bytes, but
    /// another connection's backlog delays it by at most its own size per connection.
    /// `draw_loss` false sends without drawing loss (data TCP got across already).
    Transmission transmit(VertexId from, VertexId to, std::size_t bytes, Time now, RandomStream& random,
                          bool draw_loss = true);

    /// One link as the viewer draws it: its ends (lower vertex id first) and whether it is up.
    struct LinkState {
        VertexId a;
        VertexId b;
        bool up;
    };
    /// Every link of the topology. Read-only, for drawing.
    std::vector<LinkState> links() const {
        std::vector<LinkState> out;
        for (auto [it, end] = boost::edges(graph_); it != end; ++it) {
            VertexId a = boost::source(*it, graph_);
            VertexId b = boost::target(*it, graph_);
            out.push_back({std::min(a, b), std::max(a, b), graph_[*it].up});
        }
        return out;
    }
    /// Host pairs blocked by cut_link between non-adjacent hosts (lower id first).
    const std::set<std::pair<VertexId, VertexId>>& blocked_pairs() const { return blocked_; }
    /// The partition group of a host while partitioned() (0 when not).
    int partition_group(VertexId v) const { return graph_[v].group; }

    /// Increases on every change that can alter a route.
    std::uint64_t topology_version() const { return topology_version_; }

    /// The topology as Graphviz DOT; cut links are dashed, down hosts grey.
    void write_dot(std::ostream& out) const;

private:
    struct VertexProps {
        std::string name;
        bool is_switch = false;
        bool up = true;
        int group = 0;
    };
    /// One connection's (source host, destination host) bytes still queued on a link
    /// direction: when its last booked byte leaves.
    struct Backlog {
        std::uint64_t connection;
        Time done;
    };
    /// One direction of a link: when everything booked on it has left, and the
    /// connections that still have bytes queued on it. Outside bulk transfers that is
    /// none or one, kept inline: every message reads the backlog of each link it
    /// crosses, and a separate array was a cache miss per hop.
    struct LinkQueue {
        Time free_at{};
        boost::container::small_vector<Backlog, 2> backlogs;
    };
    struct EdgeProps {
        LinkSpec spec;
        bool up = true;
        LinkQueue queue[2]{};  // [0]: lower vertex id to higher, [1]: the other way
    };
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, VertexProps, EdgeProps>;
    using Edge = Graph::edge_descriptor;

    /// One link crossed by a cached route, in the direction it is crossed. Edge
    /// properties live in the graph's edge list, so the pointer stays valid while the
    /// edge exists; edges are never removed, and every cache dies with its version.
    struct Hop {
        EdgeProps* link;
        std::uint8_t direction;  // index into link->queue
    };
    /// A cached answer for one destination: whether it is reachable and, if so, the
    /// hops of its path. Valid while `version` equals the tree's version.
    struct Route {
        std::uint64_t version = UINT64_MAX;
        std::uint32_t first_hop = 0;  // index into RouteTree::hops
        std::uint32_t hop_count = 0;
        bool reachable = false;
    };
    /// Shortest paths from one source, and the routes built from them on demand. All of
    /// it is recomputed when topology_version_ moves past `version`; the vectors keep
    /// their capacity, so steady traffic allocates nothing.
    struct RouteTree {
        std::uint64_t version = UINT64_MAX;
        std::vector<VertexId> predecessor;
        std::vector<std::int64_t> distance_ns;
        std::vector<Route> routes;  // by destination
        std::vector<Hop> hops;      // the hops of every built route, back to back
    };

    RouteTree& routes_from(VertexId source) const;
    /// The cached route from `from` to `to`, built on first use in this topology version.
    const Route& route(VertexId from, VertexId to);
    std::optional<Edge> edge_between(VertexId a, VertexId b) const;
    /// Books `serialization` of a message of `connection` that reaches the link at
    /// `head`; returns when its first byte goes out.
    static Time book(LinkQueue& queue, std::uint64_t connection, Time head, Duration serialization, Time now);
    VertexId add_vertex(std::string name, bool is_switch);
    void changed() { ++topology_version_; }

    Graph graph_;
    bool partitioned_ = false;
    /// Host pairs that may not talk, each stored as (lower id, higher id).
    std::set<std::pair<VertexId, VertexId>> blocked_;
    std::multiset<VertexId> isolated_;  // one entry per isolation still in force
    std::uint64_t topology_version_ = 0;
    mutable std::vector<RouteTree> route_cache_;
};

}  // namespace kafkalab::sim
