#include <catch2/catch.hpp>

#include <sstream>

#include "sim/simulation.h"
#include "test_nodes.h"

using namespace kafkalab::sim;
using namespace kafkalab::sim::testing;
using namespace std::chrono_literals;

TEST_CASE("a crash loses in-flight messages and memory but keeps the disk") {
    Simulation sim(9, NetworkOptions{LinkSpec{5ms, 0ns, 0, 0.0}, 10s});
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    sim.run_for(1ms);
    send_note(sim, a, b, 1);
    sim.run_for(1s);
    REQUIRE(sim.node_as<Recorder>(b)->in_memory == 1);

    send_note(sim, a, b, 2);
    send_note(sim, b, a, 3);  // b's own message, still on the wire when b dies
    sim.run_for(2ms);
    sim.crash(b);
    CHECK(sim.node(b) == nullptr);
    sim.run_for(1s);
    CHECK(log.size() == 1);  // neither 2 (to b) nor 3 (from b) arrived

    sim.restart(b);
    sim.run_for(1ms);
    CHECK(sim.node_as<Recorder>(b)->in_memory == 0);                              // memory is gone
    CHECK(sim.context(b).disk().find<Counter>("counter")->value == 1);           // the disk is not
    send_note(sim, a, b, 4);
    sim.run_for(1s);
    REQUIRE(log.size() == 2);
    CHECK(log[1].number == 4);
}

TEST_CASE("a power loss also loses unflushed disk data; a crash keeps it") {
    Simulation sim(9);
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    sim.run_for(1ms);
    for (int i = 0; i < 3; ++i) send_note(sim, a, b, i);
    sim.run_for(1s);
    auto& counter = sim.context(b).disk().get_or_create<Counter>("counter");
    counter.flushed = 1;  // as if fsync ran after the first write
    sim.crash(b);
    sim.restart(b);
    CHECK(counter.value == 3);
    sim.power_loss(b);
    sim.restart(b);
    CHECK(counter.value == 1);
}

TEST_CASE("peers of a crashed process see a reset at once; of a powered-off host, nothing") {
    Simulation sim(9);
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    auto c = sim.add_node("c", recorder(log));
    sim.run_for(1ms);
    send_note(sim, a, b, 1);
    send_note(sim, a, c, 2);
    sim.run_for(1s);
    sim.crash(b);
    sim.power_loss(c);
    sim.run_for(100ms);
    CHECK(sim.node_as<Recorder>(a)->disconnects == std::vector<NodeIndex>{b});
}

TEST_CASE("timers of a crashed node never fire, even after it restarts") {
    Simulation sim(1);
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    sim.run_for(1ms);
    bool fired = false;
    sim.context(a).set_timer(1s, "t", [&] { fired = true; });
    sim.crash(a);
    sim.restart(a);
    sim.run_for(5s);
    CHECK_FALSE(fired);
}

namespace {

/// Two chatty nodes, random sizes and jitter: enough to expose any nondeterminism.
std::uint64_t run_and_hash(std::uint64_t seed, std::string* jsonl = nullptr) {
    NetworkOptions options;
    options.link = LinkSpec{1ms, 500us, 10'000'000, 0.05};
    Simulation sim(seed, options);
    Trace trace;
    sim.set_trace(&trace);
    std::vector<Arrival> log;
    std::vector<NodeIndex> nodes;
    for (const char* name : {"n1", "n2", "n3", "n4"}) nodes.push_back(sim.add_node(name, recorder(log)));
    for (int round = 0; round < 50; ++round) {
        for (NodeIndex from : nodes) {
            auto& random = sim.context(from).random();
            NodeIndex to = nodes[random.below(nodes.size())];
            if (to != from) send_note(sim, from, to, round, 10 + random.below(5000));
        }
        if (round == 20) sim.crash(nodes[2]);
        if (round == 30) sim.restart(nodes[2]);
        sim.run_for(3ms);
    }
    sim.run_for(1s);
    if (jsonl) {
        std::ostringstream out;
        trace.write_jsonl(out);
        *jsonl = out.str();
    }
    return trace.hash();
}

}  // namespace

TEST_CASE("the same seed gives the same trace, byte for byte") {
    std::string first, second;
    CHECK(run_and_hash(42, &first) == run_and_hash(42, &second));
    CHECK(first == second);
    CHECK(first.find("\"kind\":\"crash\"") != std::string::npos);
    CHECK(first.find("\"kind\":\"drop\"") != std::string::npos);
}

TEST_CASE("a different seed gives a different trace") { CHECK(run_and_hash(42) != run_and_hash(43)); }

TEST_CASE("adding a node does not change another node's random draws") {
    auto draws = [](bool extra) {
        Simulation sim(77);
        std::vector<Arrival> log;
        sim.add_node("a", recorder(log));
        if (extra) sim.add_node("newcomer", recorder(log));
        auto b = sim.add_node("b", recorder(log));
        std::vector<std::uint64_t> values;
        for (int i = 0; i < 5; ++i) values.push_back(sim.context(b).random().next_u64());
        return values;
    };
    CHECK(draws(false) == draws(true));
}

TEST_CASE("trace lines are JSON with time, kind, source and destination") {
    Simulation sim(1);
    Trace trace;
    sim.set_trace(&trace);
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    sim.run_for(1ms);
    send_note(sim, a, b, 5);
    sim.run_for(1s);
    // Sent at 1 ms; two 500 us links; 100 bytes at 1 Gbit/s take 800 ns.
    const auto& records = trace.records();
    auto delivered = std::find_if(records.begin(), records.end(), [](auto& r) { return r.kind == "deliver"; });
    REQUIRE(delivered != records.end());
    CHECK(delivered->to_json_line() ==
          R"({"t_ns":2000800,"seq":2,"kind":"deliver","src":"a","dst":"b","summary":"note 5"})");
}
