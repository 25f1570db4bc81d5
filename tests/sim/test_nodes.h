#pragma once
// Small nodes and messages for testing the kernel without any Kafka in it.
#include <string>
#include <vector>

#include "sim/simulation.h"

namespace kafkalab::sim::testing {

struct Note final : Message {
    explicit Note(int n, std::size_t bytes = 100) : Message(1), number(n), bytes(bytes) {}
    const char* name() const override { return "Note"; }
    std::size_t size_bytes() const override { return bytes; }
    std::string summary() const override { return "note " + std::to_string(number); }
    int number;
    std::size_t bytes;
};

struct Arrival {
    NodeIndex from;
    int number;
    Time at;
};

/// Records every arrival into a log the test owns (so it survives the node's crashes),
/// and keeps a counter in memory and on disk to show what a crash keeps.
struct Counter final : DurableState {
    int value = 0;
    int flushed = 0;
    void lose_unflushed() override { value = flushed; }
};

class Recorder final : public Node {
public:
    Recorder(NodeContext& context, std::vector<Arrival>& log) : Node(context), log_(log) {}
    void on_message(NodeIndex from, const MessagePtr& message) override {
        const auto& note = static_cast<const Note&>(*message);
        log_.push_back({from, note.number, context().now()});
        ++in_memory;
        ++context().disk().get_or_create<Counter>("counter").value;
    }
    void on_disconnect(NodeIndex peer) override { disconnects.push_back(peer); }
    int in_memory = 0;
    std::vector<NodeIndex> disconnects;

private:
    std::vector<Arrival>& log_;
};

inline NodeFactory recorder(std::vector<Arrival>& log) {
    return [&log](NodeContext& context) { return std::make_unique<Recorder>(context, log); };
}

inline void send_note(Simulation& sim, NodeIndex from, NodeIndex to, int number, std::size_t bytes = 100) {
    sim.context(from).send(to, std::make_shared<Note>(number, bytes));
}

}  // namespace kafkalab::sim::testing
