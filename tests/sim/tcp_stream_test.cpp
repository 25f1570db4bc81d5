// The transport keeps what TCP guarantees: a connection delivers in the order sent or
// not at all. Lost messages are retransmitted after Linux's 200 ms minimum RTO,
// doubling; later messages wait behind them; a connection that cannot get through
// for the unreachable timeout fails and the sender is told.
#include <catch2/catch.hpp>

#include "sim/simulation.h"
#include "test_nodes.h"

using namespace kafkalab::sim;
using namespace kafkalab::sim::testing;
using namespace std::chrono_literals;

namespace {

std::vector<int> numbers(const std::vector<Arrival>& log) {
    std::vector<int> out;
    for (const Arrival& a : log) out.push_back(a.number);
    return out;
}

}  // namespace

TEST_CASE("a message sent into a partition is retransmitted after the heal on TCP's backoff") {
    Simulation sim(3);  // 1 ms per link: 2 ms from host to host
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    sim.run_for(1ms);
    sim.partition({{a}, {b}});
    const Time sent = sim.now();
    send_note(sim, a, b, 1);
    sim.run_for(1s);
    sim.heal();
    sim.run_for(2s);
    REQUIRE(log.size() == 1);
    // Attempts at 0.2 s, 0.6 s (both into the partition), then 1.4 s: through.
    CHECK(log[0].at - sent >= 1400ms);
    CHECK(log[0].at - sent < 1410ms);
    CHECK(sim.messages_dropped() == 0);
}

TEST_CASE("a message sent after a lost one waits behind it: the connection keeps its order") {
    Simulation sim(3);
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    sim.run_for(1ms);
    sim.partition({{a}, {b}});
    send_note(sim, a, b, 1);
    sim.run_for(100ms);
    sim.heal();
    send_note(sim, a, b, 2);  // the route is back, but 1 has not been retransmitted yet
    send_note(sim, a, b, 3);
    sim.run_for(1s);
    CHECK(numbers(log) == std::vector<int>{1, 2, 3});
}

TEST_CASE("messages caught on the wire by a partition arrive after the heal in the order sent") {
    Simulation sim(3, NetworkOptions{LinkSpec{50ms, 0ns, 0, 0.0}, 10s});
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    sim.run_for(1ms);
    send_note(sim, a, b, 1);
    sim.run_for(10ms);
    send_note(sim, a, b, 2);
    sim.run_for(20ms);
    sim.partition({{a}, {b}});  // both are on the wire
    sim.run_for(500ms);
    CHECK(log.empty());
    sim.heal();
    send_note(sim, a, b, 3);
    sim.run_for(2s);
    CHECK(numbers(log) == std::vector<int>{1, 2, 3});
}

TEST_CASE("a partition longer than the unreachable timeout fails the connection and drops what waited") {
    Simulation sim(3);
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    sim.run_for(1ms);
    sim.partition({{a}, {b}});
    send_note(sim, a, b, 1);
    send_note(sim, a, b, 2);
    sim.run_for(9s);
    CHECK(sim.node_as<Recorder>(a)->disconnects.empty());
    sim.run_for(1s + 1ms);
    CHECK(sim.node_as<Recorder>(a)->disconnects == std::vector<NodeIndex>{b});
    CHECK(sim.messages_dropped() == 2);
    sim.heal();
    send_note(sim, a, b, 3);  // a fresh connection
    sim.run_for(1s);
    CHECK(numbers(log) == std::vector<int>{3});
}

TEST_CASE("with 10 % loss per link every message still arrives in order and some arrive late") {
    NetworkOptions options;
    options.link.loss_probability = 0.1;  // per link; a message crosses two
    Simulation sim(5, options);
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    sim.run_for(1ms);
    const Time sent = sim.now();
    const int count = 1000;
    for (int i = 0; i < count; ++i) {
        send_note(sim, a, b, i);
        sim.run_for(10ms);
    }
    sim.run_for(5s);
    REQUIRE(log.size() == static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) CHECK(log[i].number == i);
    CHECK(sim.messages_dropped() == 0);
    // About 19 % of the messages are lost once; each waits 200 ms, and holds up the
    // ones sent in the meantime.
    int late = 0;
    for (int i = 0; i < count; ++i) late += log[i].at - (sent + i * 10ms) > 100ms;
    CHECK(late > 200);
    CHECK(late < 700);
}

TEST_CASE("closing a connection drops what it held in both directions and the next send opens a new one") {
    Simulation sim(3, NetworkOptions{LinkSpec{50ms, 0ns, 0, 0.0}, 10s});
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    sim.run_for(1ms);
    send_note(sim, a, b, 1);
    send_note(sim, b, a, 2);
    sim.run_for(10ms);
    sim.context(a).close_connection(b);
    sim.run_for(1s);
    CHECK(log.empty());
    CHECK(sim.messages_dropped() == 2);
    send_note(sim, a, b, 3);
    sim.run_for(1s);
    CHECK(numbers(log) == std::vector<int>{3});
}

TEST_CASE("closing a connection is seen by the other end one path latency later") {
    // Without the FIN, a peer with a request in flight on the connection waited out its
    // whole request timeout (a follower's fetch: 30 s of no replication).
    Simulation sim(3, NetworkOptions{LinkSpec{50ms, 0ns, 0, 0.0}, 10s});
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    sim.run_for(1ms);
    send_note(sim, b, a, 1);
    sim.run_for(1s);
    sim.context(a).close_connection(b);
    sim.run_for(99ms);
    CHECK(sim.node_as<Recorder>(b)->disconnects.empty());
    sim.run_for(2ms);
    CHECK(sim.node_as<Recorder>(b)->disconnects == std::vector<NodeIndex>{a});
    CHECK(sim.node_as<Recorder>(a)->disconnects.empty());
}

TEST_CASE("a host rebooted after a power loss resets its peers' old connection instead of reading it") {
    // A fresh kernel knows nothing of the old connection and answers RST: the rebooted
    // process must never receive what was sent to its previous life, and the sender
    // must learn that its peer is gone.
    Simulation sim(3);
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    sim.run_for(1ms);
    send_note(sim, a, b, 1);
    sim.run_for(100ms);
    REQUIRE(numbers(log) == std::vector<int>{1});
    sim.power_loss(b);
    send_note(sim, a, b, 2);  // into the void: retransmitted while b is off
    sim.run_for(1s);
    sim.restart(b);
    sim.run_for(5s);
    CHECK(numbers(log) == std::vector<int>{1});
    CHECK(sim.node_as<Recorder>(a)->disconnects == std::vector<NodeIndex>{b});
    // The next send opens a new connection, to the new life.
    send_note(sim, a, b, 3);
    sim.run_for(100ms);
    CHECK(numbers(log) == std::vector<int>{1, 3});
}

TEST_CASE("a connection opened while its peer is powered off reaches the peer's next life") {
    Simulation sim(3);
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    sim.run_for(1ms);
    sim.power_loss(b);
    send_note(sim, a, b, 1);  // a SYN, retransmitted until b is back
    sim.run_for(1s);
    sim.restart(b);
    sim.run_for(5s);
    CHECK(numbers(log) == std::vector<int>{1});
    CHECK(sim.node_as<Recorder>(a)->disconnects.empty());
}
