#include "sim/simulation.h"

#include <cassert>
#include <stdexcept>

namespace kafkalab::sim {

namespace {

FaultEvent host_fault(FaultEventKind kind, std::string host) {
    FaultEvent event;
    event.kind = kind;
    event.host = std::move(host);
    return event;
}

FaultEvent link_fault(FaultEventKind kind, std::string_view from, std::string_view to) {
    FaultEvent event;
    event.kind = kind;
    event.link_from = std::string(from);
    event.link_to = std::string(to);
    return event;
}

}  // namespace

Time NodeContext::now() const { return simulation_.now(); }

std::uint32_t NodeContext::incarnation() const { return simulation_.scheduler().incarnation(index_); }

void NodeContext::send(NodeIndex to, MessagePtr message) { simulation_.send(index_, to, std::move(message)); }

void NodeContext::close_connection(NodeIndex to) { simulation_.close_connection(index_, to); }

TimerId NodeContext::set_timer(Duration delay, const char* label, Callback fn) {
    return simulation_.scheduler().schedule_after(delay, EventInfo{EventKind::timer, index_, no_node, label, nullptr},
                                                  std::move(fn));
}

bool NodeContext::cancel_timer(TimerId id) { return simulation_.scheduler().cancel(id); }

Simulation::Simulation(std::uint64_t seed, NetworkOptions options)
    : seed_(seed), options_(options), network_random_(RandomStream::derive(seed, "network")) {
    core_switch_ = network_.add_switch("core");
    // Deliveries record themselves (they know whether they were dropped); timers and
    // control events are recorded as they fire.
    scheduler_.add_observer([this](const FiredEvent& event) {
        if (!trace_ || event.info.kind == EventKind::delivery) return;
        record(to_string(event.info.kind), no_node, event.info.node, event.info.label);
    });
}

Simulation::~Simulation() = default;

VertexId Simulation::switch_for(std::string_view switch_name) {
    if (switch_name.empty()) return core_switch_;
    if (auto existing = network_.find(switch_name)) return *existing;
    VertexId rack = network_.add_switch(std::string(switch_name));
    network_.connect(rack, core_switch_, options_.link);
    return rack;
}

NodeIndex Simulation::add_node(std::string name, NodeFactory factory, std::string_view switch_name) {
    if (find_node(name)) throw std::invalid_argument("simulation: duplicate node name '" + name + "'");
    NodeIndex index = scheduler_.add_owner();
    assert(index == nodes_.size());
    nodes_.push_back(std::make_unique<NodeSlot>(*this, index, name, seed_));
    node_by_name_.emplace(name, index);
    NodeSlot& slot = *nodes_.back();
    slot.factory = std::move(factory);
    slot.vertex = network_.add_host(std::move(name));
    network_.connect(slot.vertex, switch_for(switch_name), options_.link);
    grow_connections();
    boot(index);
    return index;
}

std::optional<NodeIndex> Simulation::find_node(std::string_view name) const {
    auto it = node_by_name_.find(name);
    if (it == node_by_name_.end()) return std::nullopt;
    return it->second;
}

void Simulation::grow_connections() {
    if (nodes_.size() <= capacity_ || capacity_ == dense_connection_nodes) return;
    std::size_t capacity = capacity_ == 0 ? 16 : capacity_ * 2;
    while (capacity < nodes_.size() && capacity < dense_connection_nodes) capacity *= 2;
    std::vector<Connection> grown(capacity * capacity);
    for (std::size_t from = 0; from < capacity_; ++from) {
        for (std::size_t to = 0; to < capacity_; ++to) grown[from * capacity + to] = connections_[from * capacity_ + to];
    }
    connections_ = std::move(grown);
    capacity_ = capacity;
}

void Simulation::boot(NodeIndex index) {
    NodeSlot& slot = *nodes_[index];
    slot.instance = slot.factory(slot.context);
    scheduler_.schedule_after(Duration{0}, EventInfo{EventKind::timer, index, no_node, "start", nullptr},
                              [this, index] { nodes_[index]->instance->on_start(); });
}

void Simulation::take_down(NodeIndex index, HostState state, FaultEventKind fault) {
    NodeSlot& slot = *nodes_[index];
    if (slot.state != HostState::up) return;
    record_fault(host_fault(fault, node_name(index)), no_node, index);
    for (NodeIndex peer = 0; peer < nodes_.size(); ++peer) {
        // A pair that never talked has nothing to reset (and a sparse one no entry to make).
        if (!has_connection(index, peer) && !has_connection(peer, index)) continue;
        const Connection& out = connection(index, peer);
        const Connection& in = connection(peer, index);
        bool was_open = out.open || in.open;
        reset_connection(index, peer, "sender crashed");
        reset_connection(peer, index, "receiver down");
        if (was_open && state == HostState::powered_off) {
            // The peer's kernel still holds its end: its next segment goes to this
            // life's address and meets whatever runs there by then.
            Connection& held = connection(peer, index);
            held.open = true;
            held.receiver_life = scheduler_.incarnation(index);  // the life going down now
        }
        // A killed or exiting process's kernel resets its connections; a dead host says nothing.
        if (!was_open || state == HostState::powered_off || !is_up(peer)) continue;
        auto latency = network_.path_latency(slot.vertex, nodes_[peer]->vertex);
        if (!latency) continue;
        std::uint32_t peer_incarnation = scheduler_.incarnation(peer);
        scheduler_.schedule_after(*latency, EventInfo{EventKind::delivery, peer, index, "disconnect", nullptr},
                                  [this, peer, index, peer_incarnation] {
                                      if (!is_up(peer) || scheduler_.incarnation(peer) != peer_incarnation) return;
                                      record("disconnect", index, peer, "connection reset");
                                      nodes_[peer]->instance->on_disconnect(index);
                                  });
    }
    scheduler_.bump_incarnation(index);
    slot.instance.reset();
    slot.state = state;
    network_.set_up(slot.vertex, false);
}

void Simulation::crash(NodeIndex index) { take_down(index, HostState::crashed, FaultEventKind::crash); }

void Simulation::exit_process(NodeIndex index) { take_down(index, HostState::exited, FaultEventKind::exit); }

void Simulation::power_loss(NodeIndex index) {
    if (!is_up(index)) return;
    take_down(index, HostState::powered_off, FaultEventKind::power_loss);
    nodes_[index]->context.disk().lose_unflushed();
}

void Simulation::retire(NodeIndex index) {
    take_down(index, HostState::crashed, FaultEventKind::retire);
    nodes_[index]->retired = true;
}

void Simulation::reuse_node(NodeIndex index, std::string name, NodeFactory factory) {
    if (!nodes_[index]->retired) throw std::logic_error("simulation: reuse of node " + node_name(index) + ", which is not retired");
    if (find_node(name)) throw std::invalid_argument("simulation: duplicate node name '" + name + "'");
    const VertexId vertex = nodes_[index]->vertex;
    node_by_name_.erase(node_name(index));
    network_.rename_host(vertex, name);
    node_by_name_.emplace(name, index);
    // A fresh slot: a new name, its own random stream and an empty disk.
    nodes_[index] = std::make_unique<NodeSlot>(*this, index, std::move(name), seed_);
    NodeSlot& slot = *nodes_[index];
    slot.factory = std::move(factory);
    slot.vertex = vertex;
    slot.state = HostState::up;
    network_.set_up(vertex, true);
    boot(index);
}

void Simulation::restart(NodeIndex index) {
    NodeSlot& slot = *nodes_[index];
    if (slot.state == HostState::up || slot.retired) return;
    slot.state = HostState::up;
    network_.set_up(slot.vertex, true);
    record_fault(host_fault(FaultEventKind::restart, node_name(index)), no_node, index);
    boot(index);
}

void Simulation::partition(const std::vector<std::vector<NodeIndex>>& groups) {
    std::vector<std::vector<VertexId>> vertex_groups;
    FaultEvent event;
    event.kind = FaultEventKind::partition;
    for (const auto& group : groups) {
        vertex_groups.emplace_back();
        event.sides.emplace_back();
        for (NodeIndex node : group) {
            vertex_groups.back().push_back(nodes_[node]->vertex);
            event.sides.back().push_back(node_name(node));
        }
    }
    network_.partition(vertex_groups);
    record_fault(std::move(event), no_node, no_node);
}

void Simulation::heal() {
    network_.heal();
    FaultEvent event;
    event.kind = FaultEventKind::heal;
    record_fault(std::move(event), no_node, no_node);
}

void Simulation::isolate(NodeIndex node) {
    network_.set_isolated(nodes_[node]->vertex, true);
    record_fault(host_fault(FaultEventKind::isolate, node_name(node)), node, no_node);
}

void Simulation::unisolate(NodeIndex node) {
    network_.set_isolated(nodes_[node]->vertex, false);
    record_fault(host_fault(FaultEventKind::unisolate, node_name(node)), node, no_node);
}

bool Simulation::cut_link(std::string_view a, std::string_view b) {
    auto va = network_.find(a);
    auto vb = network_.find(b);
    if (!va || !vb) return false;
    // Two hosts with no cable between them are cut by a firewall rule instead.
    if (!network_.set_link_up(*va, *vb, false)) network_.set_blocked(*va, *vb, true);
    record_fault(link_fault(FaultEventKind::cut, a, b), no_node, no_node);
    return true;
}

bool Simulation::restore_link(std::string_view a, std::string_view b) {
    auto va = network_.find(a);
    auto vb = network_.find(b);
    if (!va || !vb) return false;
    if (!network_.set_link_up(*va, *vb, true)) network_.set_blocked(*va, *vb, false);
    record_fault(link_fault(FaultEventKind::restore, a, b), no_node, no_node);
    return true;
}

TimerId Simulation::at(Time when, const char* label, Callback fn) {
    return scheduler_.schedule_at(when, EventInfo{EventKind::control, no_node, no_node, label, nullptr}, std::move(fn));
}

void Simulation::record_fault(FaultEvent event, NodeIndex source, NodeIndex destination) {
    std::string summary = render_summary(event);
    record(trace_kind(event.kind), source, destination, std::move(summary), std::move(event));
}

void Simulation::record(std::string kind, NodeIndex source, NodeIndex destination, std::string summary, std::any event) {
    bool notable = kind != "timer" && kind != "deliver" && kind != "drop" && kind != "retransmit" && kind != "stall" && kind != "close" && kind != "control" && kind != "disconnect" && kind != "retire";
    if (!trace_ && !(listener_ && notable)) return;
    TraceRecord record{now(), trace_ ? trace_->count() : notable_records_, std::move(kind),
                       source == no_node ? "" : node_name(source), destination == no_node ? "" : node_name(destination),
                       std::move(summary), std::move(event)};
    if (listener_ && notable) {
        ++notable_records_;
        listener_(record);
    }
    if (trace_) trace_->add(std::move(record));
}

}  // namespace kafkalab::sim
