#pragma once
// Nodes are the actors of a simulation: brokers, ZooKeeper servers, clients. A node
// object is its process memory: a crash destroys it, a restart builds a new one from
// the node's factory and its surviving Disk. So crash semantics are honest by
// construction: nothing in memory can survive a crash.
#include <memory>
#include <string>

#include "sim/disk.h"
#include "sim/message.h"
#include "sim/random.h"
#include "sim/scheduler.h"

namespace kafkalab::sim {

class Simulation;

/// What a node may do: send, set timers, draw random numbers, use its disk. Owned by
/// the Simulation; it outlives every incarnation of its node.
class NodeContext {
public:
    NodeContext(Simulation& simulation, NodeIndex index, std::string name, std::uint64_t seed)
        : simulation_(simulation), index_(index), name_(std::move(name)),
          random_(RandomStream::derive(seed, name_)) {}

    NodeIndex index() const { return index_; }
    const std::string& name() const { return name_; }
    Time now() const;
    Simulation& simulation() { return simulation_; }
    RandomStream& random() { return random_; }
    Disk& disk() { return disk_; }
    /// Which life of the node this is: 0 until it first goes down, one more each time.
    std::uint32_t incarnation() const;

    void send(NodeIndex to, MessagePtr message);
    /// Closes the connection to `to` in both directions, as a client does when a
    /// request times out: what either side still had queued or on the wire for the
    /// other is gone, and the next send opens a fresh connection.
    void close_connection(NodeIndex to);
    /// A timer that fires `fn` after `delay` unless cancelled or this node crashes first.
    TimerId set_timer(Duration delay, const char* label, Callback fn);
    bool cancel_timer(TimerId id);

private:
    Simulation& simulation_;
    NodeIndex index_;
    std::string name_;
    RandomStream random_;  // continues across restarts, so a rerun draws identically
    Disk disk_;
};

class Node {
public:
    explicit Node(NodeContext& context) : context_(context) {}
    virtual ~Node() = default;
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;

    /// Called once the node is in place: at first boot and after every restart.
    virtual void on_start() {}
    virtual void on_message(NodeIndex from, const MessagePtr& message) = 0;
    /// The connection to `peer` broke: the peer's process died (quickly, like a TCP
    /// reset) or it stayed unreachable past the network's connection timeout.
    virtual void on_disconnect(NodeIndex /*peer*/) {}

protected:
    NodeContext& context() { return context_; }
    const NodeContext& context() const { return context_; }

private:
    NodeContext& context_;
};

}  // namespace kafkalab::sim
