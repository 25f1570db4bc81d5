// The transport between nodes: one TCP-like connection per ordered pair of hosts.
// What it keeps of TCP is what Kafka and ZooKeeper rely on: a connection delivers its
// messages in the order sent or not at all. A message lost on a link, or sent into a
// broken route, is sent again after a retransmission timeout, and everything sent
// after it waits behind it; a connection that cannot get its oldest message through
// for NetworkOptions::unreachable_timeout fails, and the sender is told. A connection
// belongs to one life of each end: a host that rebooted answers the old connection's
// next segment with a reset, as a fresh kernel does, and a connection closed by one
// end is seen closed by the other one path latency later (FIN or RST).
#include "sim/simulation.h"

namespace kafkalab::sim {

void Simulation::send(NodeIndex from, NodeIndex to, MessagePtr message) {
    if (!is_up(from)) return;
    Connection& c = connection(from, to);
    if (!c.open) {
        c.open = true;
        // While the receiver is down this is already its next life: the SYN gets
        // through once it is back.
        c.receiver_life = scheduler_.incarnation(to);
    }
    const Sequence sequence = c.next_sequence++;
    const NodeSlot& receiver = *nodes_[to];
    if (receiver.state == HostState::crashed || receiver.state == HostState::exited) {
        // The host is alive and refuses the connection: the sender hears of it at once.
        drop(from, to, *message, "connection refused");
        fail_connection_later(from, to, 2 * options_.link.latency, "connection timed out");
        return;
    }
    if (reaches_old_life(from, to)) {
        // The host rebooted since this connection opened: its kernel resets it.
        drop(from, to, *message, "connection reset by the rebooted host");
        fail_connection_later(from, to, 2 * options_.link.latency, "connection reset");
        return;
    }
    if (c.stalled) return hold(from, to, sequence, std::move(message), "behind a lost message");
    Transmission sent = receiver.state == HostState::up
                            ? network_.transmit(nodes_[from]->vertex, receiver.vertex, message->size_bytes(),
                                                now(), network_random_)
                            : Transmission{TransmitOutcome::no_route, {}};
    if (sent.outcome == TransmitOutcome::delivered) return put_on_wire(from, to, sequence, sent.arrival, std::move(message));
    const char* reason = sent.outcome == TransmitOutcome::lost ? "lost"
                         : receiver.state == HostState::up     ? "no route"
                                                               : "host down";
    hold(from, to, sequence, std::move(message), reason);
}

void Simulation::put_on_wire(NodeIndex from, NodeIndex to, Sequence sequence, Time arrival, MessagePtr message) {
    Connection& c = connection(from, to);
    // TCP never reorders a connection: a message cannot overtake the one before it.
    arrival = std::max(arrival, c.last_arrival);
    c.last_arrival = arrival;
    EventInfo info{EventKind::delivery, to, from, message->name(), message.get()};
    // The closure fills Callback's inline buffer exactly: the topology version is
    // narrowed, and the sequence number doubles as the connection's incarnation.
    scheduler_.schedule_at(arrival, info,
                           [this, from, to, sender = scheduler_.incarnation(from),
                            receiver_incarnation = scheduler_.incarnation(to),
                            version = static_cast<std::uint32_t>(network_.topology_version()), sequence,
                            message = std::move(message)]() mutable {
                               deliver(from, to, sender, receiver_incarnation, version, sequence, std::move(message));
                           });
}

void Simulation::deliver(NodeIndex from, NodeIndex to, std::uint32_t sender_incarnation,
                         std::uint32_t receiver_incarnation, std::uint32_t topology_version, Sequence sequence,
                         MessagePtr message) {
    if (scheduler_.incarnation(from) != sender_incarnation) return drop(from, to, *message, "sender crashed");
    if (!is_up(to) || scheduler_.incarnation(to) != receiver_incarnation) {
        return drop(from, to, *message, "receiver down");
    }
    Connection& c = connection(from, to);
    if (sequence_before(sequence, c.first_sequence)) return drop(from, to, *message, "connection reset");
    if (topology_version != static_cast<std::uint32_t>(network_.topology_version()) &&
        !network_.reachable(nodes_[from]->vertex, nodes_[to]->vertex)) {
        // The route broke while the message was on the wire.
        return hold(from, to, sequence, std::move(message), "no route");
    }
    if (c.stalled && sequence_before(stalls_.at(stall_key(from, to)).waiting.front().sequence, sequence)) {
        // An earlier message of this connection was lost: this one cannot be handed over before it.
        return hold(from, to, sequence, std::move(message), "behind a lost message");
    }
    ++delivered_;
    Connection& back = connection(to, from);
    if (back.open && back.receiver_life != scheduler_.incarnation(from)) {
        // `from` rebooted and reached us on a new connection; the one we held to its
        // previous life is dead (its next segment would meet a reset). Fail it first,
        // so that our answers go back on the new one.
        fail_connection(to, from, "connection reset");
    }
    if (!back.open) {
        back.open = true;
        back.receiver_life = scheduler_.incarnation(from);
    }
    if (trace_) record("deliver", from, to, message->summary());
    nodes_[to]->instance->on_message(from, message);
}

void Simulation::hold(NodeIndex from, NodeIndex to, Sequence sequence, MessagePtr message, std::string_view reason) {
    if (trace_) record("stall", from, to, message->summary() + " (" + std::string(reason) + "; waits for retransmission)");
    Connection& c = connection(from, to);
    Stall& stall = stalls_[stall_key(from, to)];
    auto position = stall.waiting.end();
    while (position != stall.waiting.begin() && sequence_before(sequence, std::prev(position)->sequence)) --position;
    stall.waiting.insert(position, Stall::Waiting{sequence, std::move(message)});
    if (c.stalled) return;
    c.stalled = true;
    stall.since = now();
    stall.retransmit_timeout = options_.min_retransmit_timeout;
    schedule_retransmit(from, to, now() + stall.retransmit_timeout);
}

void Simulation::schedule_retransmit(NodeIndex from, NodeIndex to, Time at) {
    scheduler_.schedule_at(at, EventInfo{EventKind::delivery, from, to, "retransmit", nullptr},
                           [this, from, to, incarnation = scheduler_.incarnation(from),
                            first = connection(from, to).first_sequence] {
                               if (scheduler_.incarnation(from) != incarnation) return;
                               if (connection(from, to).first_sequence != first) return;  // reset meanwhile
                               retransmit(from, to);
                           });
}

void Simulation::retransmit(NodeIndex from, NodeIndex to) {
    Connection& c = connection(from, to);
    auto found = stalls_.find(stall_key(from, to));
    if (!c.stalled || found == stalls_.end()) return;
    Stall& stall = found->second;
    const NodeSlot& receiver = *nodes_[to];
    // The retransmission reaches a host that rebooted meanwhile; it answers with a reset.
    if (reaches_old_life(from, to)) return fail_connection(from, to, "connection reset");
    // Only the oldest message is sent again. The ones behind it crossed the network
    // already (TCP's window) and waited in the receiver's buffer, so once it gets
    // through they are handed over with it: no second loss draw for them.
    for (bool oldest = true; !stall.waiting.empty(); oldest = false) {
        Stall::Waiting& head = stall.waiting.front();
        Transmission sent = receiver.state == HostState::up
                                ? network_.transmit(nodes_[from]->vertex, receiver.vertex, head.message->size_bytes(),
                                                    now(), network_random_, oldest)
                                : Transmission{TransmitOutcome::no_route, {}};
        if (sent.outcome != TransmitOutcome::delivered) break;
        if (trace_ && oldest) record("retransmit", from, to, head.message->summary());
        Stall::Waiting through = std::move(head);
        stall.waiting.pop_front();
        put_on_wire(from, to, through.sequence, sent.arrival, std::move(through.message));
    }
    if (stall.waiting.empty()) {
        c.stalled = false;
        stalls_.erase(found);
        return;
    }
    if (now() - stall.since >= options_.unreachable_timeout) return fail_connection(from, to, "connection timed out");
    stall.retransmit_timeout = std::min(2 * stall.retransmit_timeout, options_.max_retransmit_timeout);
    schedule_retransmit(from, to, std::min(now() + stall.retransmit_timeout, stall.since + options_.unreachable_timeout));
}

void Simulation::drop(NodeIndex from, NodeIndex to, const Message& message, std::string_view reason) {
    ++dropped_;
    if (trace_) record("drop", from, to, message.summary() + " (" + std::string(reason) + ")");
}

void Simulation::reset_connection(NodeIndex from, NodeIndex to, std::string_view reason) {
    Connection& c = connection(from, to);
    if (c.stalled) {
        auto found = stalls_.find(stall_key(from, to));
        for (const Stall::Waiting& waiting : found->second.waiting) drop(from, to, *waiting.message, reason);
        stalls_.erase(found);
    }
    // Sequence numbers go on, so that messages of the old connection still on the wire are recognised.
    const Sequence next = c.next_sequence + 1;
    c = Connection{};
    c.next_sequence = next;
    c.first_sequence = next;
}

bool Simulation::reaches_old_life(NodeIndex from, NodeIndex to) {
    const Connection& c = connection(from, to);
    return c.open && nodes_[to]->state == HostState::up && c.receiver_life != scheduler_.incarnation(to);
}

void Simulation::close_connection(NodeIndex from, NodeIndex to) {
    if (!is_up(from)) return;
    if (trace_) record("close", from, to, "");
    const bool was_open = connection(from, to).open || connection(to, from).open;
    reset_connection(from, to, "connection closed");
    reset_connection(to, from, "connection closed");
    if (!was_open || !is_up(to)) return;
    // The other end learns of the close when the FIN arrives, and fails what it had in
    // flight on the connection: without this a follower whose fetch response was
    // dropped by the leader's close waited out its whole request timeout.
    auto latency = network_.path_latency(nodes_[from]->vertex, nodes_[to]->vertex);
    if (!latency) return;
    scheduler_.schedule_after(*latency, EventInfo{EventKind::delivery, to, from, "disconnect", nullptr},
                              [this, from, to, incarnation = scheduler_.incarnation(to),
                               first = connection(to, from).first_sequence] {
                                  if (!is_up(to) || scheduler_.incarnation(to) != incarnation) return;
                                  if (connection(to, from).first_sequence != first) return;  // reset meanwhile
                                  record("disconnect", from, to, "connection closed by peer");
                                  nodes_[to]->instance->on_disconnect(from);
                              });
}

void Simulation::fail_connection(NodeIndex from, NodeIndex to, std::string_view reason) {
    reset_connection(from, to, reason);
    record("disconnect", to, from, std::string(reason));
    nodes_[from]->instance->on_disconnect(to);
}

void Simulation::fail_connection_later(NodeIndex from, NodeIndex to, Duration after, const char* reason) {
    Connection& c = connection(from, to);
    if (c.failing) return;
    c.failing = true;
    std::uint32_t incarnation = scheduler_.incarnation(from);
    scheduler_.schedule_after(after, EventInfo{EventKind::delivery, from, to, "disconnect", nullptr},
                              [this, from, to, incarnation, first = c.first_sequence, reason] {
                                  if (!is_up(from) || scheduler_.incarnation(from) != incarnation) return;
                                  const Connection& failed = connection(from, to);
                                  if (!failed.failing || failed.first_sequence != first) return;  // reset meanwhile
                                  fail_connection(from, to, reason);
                              });
}

}  // namespace kafkalab::sim
