#pragma once
// One run: the clock and event queue, the network, the nodes and the trace. Faults
// enter only here (crash, power loss, restart, partitions, cut links), so every layer
// above sees them the way a real system would: through lost messages, disconnects
// and timeouts.
#include <any>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/fault_event.h"
#include "sim/network.h"
#include "sim/node.h"
#include "sim/scheduler.h"
#include "sim/trace.h"

namespace kafkalab::sim {

using NodeFactory = std::function<std::unique_ptr<Node>(NodeContext&)>;

struct NetworkOptions {
    /// The spec of each link of the default star (host, switch, host: two links).
    LinkSpec link;
    /// How long a sender waits before a connection to an unreachable peer fails
    /// (Kafka's socket.connection.setup.timeout.ms is 10 s).
    Duration unreachable_timeout{std::chrono::seconds(10)};
    /// TCP's retransmission timeout: a message lost on a link or sent into a broken
    /// route is sent again after it, the wait doubling per attempt (Linux's bounds).
    Duration min_retransmit_timeout{std::chrono::milliseconds(200)};
    Duration max_retransmit_timeout{std::chrono::seconds(120)};
};

/// crashed: the process died (kill -9); exited: it ended normally after a clean
/// shutdown. Either way the host is alive and refuses connections. powered_off: the
/// host itself is dark and says nothing.
enum class HostState : std::uint8_t { up, crashed, powered_off, exited };

class Simulation {
public:
    explicit Simulation(std::uint64_t seed, NetworkOptions options = {});
    ~Simulation();
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    std::uint64_t seed() const { return seed_; }
    Time now() const { return scheduler_.now(); }
    Scheduler& scheduler() { return scheduler_; }
    Network& network() { return network_; }
    const Network& network() const { return network_; }

    /// Adds a node on a host of the same name, linked to `switch_name` (created on
    /// first use and linked to the core switch). The node boots at the current time.
    NodeIndex add_node(std::string name, NodeFactory factory, std::string_view switch_name = "");
    std::size_t node_count() const { return nodes_.size(); }
    std::optional<NodeIndex> find_node(std::string_view name) const;
    const std::string& node_name(NodeIndex node) const { return nodes_[node]->context.name(); }
    HostState host_state(NodeIndex node) const { return nodes_[node]->state; }
    bool is_up(NodeIndex node) const { return nodes_[node]->state == HostState::up; }
    VertexId vertex(NodeIndex node) const { return nodes_[node]->vertex; }
    NodeContext& context(NodeIndex node) { return nodes_[node]->context; }
    /// The running node object, or nullptr while it is down.
    Node* node(NodeIndex index) { return nodes_[index]->instance.get(); }
    template <class T>
    T* node_as(NodeIndex index) { return dynamic_cast<T*>(node(index)); }

    // Faults.
    /// kill -9: memory and in-flight messages are lost, the disk (page cache included)
    /// stays; peers with open connections see a reset.
    void crash(NodeIndex node);
    /// The process exits normally (after a controlled shutdown or a consumer's close):
    /// the network sees a crash, but it is recorded as "exit", not "crash".
    void exit_process(NodeIndex node);
    /// The host loses power: like a crash, but unflushed data is lost and peers are
    /// not told; they find out through timeouts, or through the reset the rebooted
    /// host's kernel answers to their next segment.
    void power_loss(NodeIndex node);
    void restart(NodeIndex node);
    /// Takes a node down for good, without a fault in the timeline: a real client whose
    /// socket closed (scenarios/serve/). Peers with open connections see a reset, as
    /// after a crash. Its slot (index, host, per-pair state) may then go to a new node
    /// through reuse_node(), so clients that connect and leave thousands of times keep
    /// the simulation as small as the most that were connected at once.
    void retire(NodeIndex node);
    /// Starts a new node named `name` in a retired node's slot. It is a new
    /// incarnation: nothing sent to or owed to the old node reaches it.
    void reuse_node(NodeIndex retired, std::string name, NodeFactory factory);
    bool is_retired(NodeIndex node) const { return nodes_[node]->retired; }
    void partition(const std::vector<std::vector<NodeIndex>>& groups);
    void heal();
    /// Takes a host off the network and puts it back without touching partitions or
    /// cut links (a paused process); see Network::set_isolated.
    void isolate(NodeIndex node);
    void unisolate(NodeIndex node);
    /// Cuts the cable between two adjacent vertices, or blocks traffic between two
    /// hosts that have none (a firewall rule). False for unknown names.
    bool cut_link(std::string_view a, std::string_view b);
    bool restore_link(std::string_view a, std::string_view b);

    /// Schedules a simulation-level action (a fault, a scenario step) at `at`.
    TimerId at(Time at, const char* label, Callback fn);

    // Running.
    bool step() { return scheduler_.step(); }
    void run_until(Time t) { scheduler_.run_until(t); }
    void run_for(Duration d) { scheduler_.run_for(d); }

    /// Starts recording; the trace object must outlive the simulation's use of it.
    void set_trace(Trace* trace) { trace_ = trace; }
    Trace* trace() { return trace_; }
    /// Adds a record with the current time to the trace, if one is set, and hands
    /// notable ones (everything but timers, deliveries and drops) to the listener.
    /// `event` is the typed happening that `kind` and `summary` render (see trace.h).
    void record(std::string kind, NodeIndex source, NodeIndex destination, std::string summary, std::any event = {});
    /// Called for every notable record (faults, elections, ISR changes...), with or
    /// without a trace: what a timeline or the viewer's event log shows.
    void set_event_listener(std::function<void(const TraceRecord&)> listener) { listener_ = std::move(listener); }
    /// The listener set now, so that an observer can chain itself after it.
    const std::function<void(const TraceRecord&)>& event_listener() const { return listener_; }

    // Used by NodeContext.
    void send(NodeIndex from, NodeIndex to, MessagePtr message);
    void close_connection(NodeIndex from, NodeIndex to);

    std::uint64_t messages_delivered() const { return delivered_; }
    std::uint64_t messages_dropped() const { return dropped_; }

private:
    struct NodeSlot {
        NodeSlot(Simulation& sim, NodeIndex index, std::string name, std::uint64_t seed)
            : context(sim, index, std::move(name), seed) {}
        NodeContext context;
        NodeFactory factory;
        std::unique_ptr<Node> instance;
        VertexId vertex = 0;
        HostState state = HostState::up;
        bool retired = false;
    };
    /// Per ordered pair of nodes: TCP-like FIFO and whether a connection is open.
    /// Sequence numbers are TCP's: 32 bits, compared modulo 2^32.
    using Sequence = std::uint32_t;
    static bool sequence_before(Sequence a, Sequence b) { return static_cast<std::int32_t>(a - b) < 0; }
    struct Connection {
        Time last_arrival{};
        Sequence next_sequence = 0;
        Sequence first_sequence = 0;  // of this incarnation of the connection: older ones were reset
        bool open = false;
        /// The life (incarnation) of the receiver this connection reached when it
        /// opened. A receiver that rebooted since knows nothing of it: its kernel
        /// answers the next segment with a reset.
        std::uint32_t receiver_life = 0;
        bool failing = false;  // a connection error is already scheduled
        bool stalled = false;  // a message awaits retransmission (see stalls_)
    };
    /// A connection whose oldest unacknowledged message was lost: it and everything
    /// sent after it wait, in order, for the retransmission to get through.
    struct Stall {
        struct Waiting {
            Sequence sequence;
            MessagePtr message;
        };
        std::deque<Waiting> waiting;  // by sequence
        Time since{};
        Duration retransmit_timeout{};
    };
    static std::uint64_t stall_key(NodeIndex from, NodeIndex to) { return std::uint64_t{from} << 32 | to; }

    /// Pairs of the first dense_connection_nodes nodes live in a matrix (every message
    /// reads one); pairs with a node beyond it live in a map, one entry per pair that
    /// ever exchanged a message, so thousands of short-lived nodes cost what they use.
    static constexpr std::size_t dense_connection_nodes = 1024;
    static bool dense(NodeIndex from, NodeIndex to) { return from < dense_connection_nodes && to < dense_connection_nodes; }
    Connection& connection(NodeIndex from, NodeIndex to) {
        return dense(from, to) ? connections_[from * capacity_ + to] : sparse_connections_[stall_key(from, to)];
    }
    /// Whether the pair has state of its own (a dense pair always has).
    bool has_connection(NodeIndex from, NodeIndex to) const {
        return dense(from, to) || sparse_connections_.count(stall_key(from, to)) != 0;
    }
    void grow_connections();
    void boot(NodeIndex node);
    void take_down(NodeIndex node, HostState state, FaultEventKind fault);
    /// Records a fault with its rendering (sim/fault_event.h).
    void record_fault(FaultEvent event, NodeIndex source, NodeIndex destination);
    // The transport (simulation_transport.cpp).
    void put_on_wire(NodeIndex from, NodeIndex to, Sequence sequence, Time arrival, MessagePtr message);
    void deliver(NodeIndex from, NodeIndex to, std::uint32_t sender_incarnation, std::uint32_t receiver_incarnation,
                 std::uint32_t topology_version, Sequence sequence, MessagePtr message);
    void hold(NodeIndex from, NodeIndex to, Sequence sequence, MessagePtr message, std::string_view reason);
    void retransmit(NodeIndex from, NodeIndex to);
    void schedule_retransmit(NodeIndex from, NodeIndex to, Time at);
    void drop(NodeIndex from, NodeIndex to, const Message& message, std::string_view reason);
    void reset_connection(NodeIndex from, NodeIndex to, std::string_view reason);
    void fail_connection(NodeIndex from, NodeIndex to, std::string_view reason);
    void fail_connection_later(NodeIndex from, NodeIndex to, Duration after, const char* reason);
    /// True if `from` still holds a connection to an earlier life of `to`, now up again.
    bool reaches_old_life(NodeIndex from, NodeIndex to);
    VertexId switch_for(std::string_view switch_name);

    std::uint64_t seed_;
    NetworkOptions options_;
    Scheduler scheduler_;
    Network network_;
    RandomStream network_random_;
    VertexId core_switch_;
    std::vector<std::unique_ptr<NodeSlot>> nodes_;
    /// Brokers resolve each other by host name on every request they send: a scan of
    /// nodes_ would make that cost grow with the cluster.
    struct NameHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view name) const noexcept { return std::hash<std::string_view>{}(name); }
    };
    std::unordered_map<std::string, NodeIndex, NameHash, std::equal_to<>> node_by_name_;
    std::vector<Connection> connections_;  // capacity_ x capacity_, row = sender
    std::size_t capacity_ = 0;             // at most dense_connection_nodes
    std::unordered_map<std::uint64_t, Connection> sparse_connections_;  // by stall_key; looked up, never iterated
    std::unordered_map<std::uint64_t, Stall> stalls_;  // by stall_key; looked up, never iterated
    Trace* trace_ = nullptr;
    std::function<void(const TraceRecord&)> listener_;
    std::uint64_t notable_records_ = 0;
    std::uint64_t delivered_ = 0;
    std::uint64_t dropped_ = 0;
};

}  // namespace kafkalab::sim
