#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "sim/simulation.h"
#include "test_nodes.h"

using namespace kafkalab::sim;
using namespace kafkalab::sim::testing;
using namespace std::chrono_literals;

TEST_CASE("messages on one connection arrive in the order sent, even with jitter") {
    NetworkOptions options;
    options.link = LinkSpec{1ms, 900us, 0, 0.0};  // jitter almost as large as latency
    Simulation sim(1, options);
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    sim.run_for(1ms);
    for (int i = 0; i < 200; ++i) {
        send_note(sim, a, b, i);
        sim.run_for(10us);
    }
    sim.run_for(1s);
    REQUIRE(log.size() == 200);
    for (int i = 0; i < 200; ++i) CHECK(log[i].number == i);
}

TEST_CASE("a 1 MB message on a 1 Gbit/s link arrives about 8 ms plus latency later") {
    Simulation sim(1, NetworkOptions{LinkSpec{10ms, 0ns, 0, 0.0}, 10s});  // the star is slow
    std::vector<Arrival> log;
    auto a = sim.add_node("a", [&](NodeContext& c) { return std::make_unique<Recorder>(c, log); }, "isolated-rack");
    auto b = sim.add_node("b", recorder(log));
    // A direct link between the two hosts: 1 ms latency, 1 Gbit/s.
    sim.network().connect(sim.vertex(a), sim.vertex(b), LinkSpec{1ms, 0ns, 125'000'000, 0.0});
    sim.run_for(1ms);
    Time sent = sim.now();
    send_note(sim, a, b, 1, 1'000'000);
    sim.run_for(1s);
    REQUIRE(log.size() == 1);
    CHECK(log[0].at - sent == 9ms);  // 8 ms of serialization + 1 ms of latency

    SECTION("a second message sent at once waits for the link") {
        Time second_sent = sim.now();
        send_note(sim, a, b, 2, 1'000'000);
        send_note(sim, a, b, 3, 1'000'000);
        sim.run_for(1s);
        REQUIRE(log.size() == 3);
        CHECK(log[2].at - second_sent == 17ms);
    }
}

TEST_CASE("a partition holds messages between groups and heal lets them through in order") {
    Simulation sim(3);
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    auto c = sim.add_node("c", recorder(log));
    sim.run_for(1ms);
    sim.partition({{a, b}, {c}});
    send_note(sim, a, b, 1);  // same side
    send_note(sim, a, c, 2);  // across
    sim.run_for(1s);
    REQUIRE(log.size() == 1);
    CHECK(log[0].number == 1);
    CHECK_FALSE(sim.network().reachable(sim.vertex(a), sim.vertex(c)));

    SECTION("the sender's connection fails after the unreachable timeout") {
        sim.run_for(10s);
        CHECK(sim.node_as<Recorder>(a)->disconnects == std::vector<NodeIndex>{c});
    }
    SECTION("after heal the held message and a new one get through in order") {
        sim.heal();
        send_note(sim, a, c, 3);
        sim.run_for(2s);
        REQUIRE(log.size() == 3);
        CHECK(log[1].number == 2);
        CHECK(log[2].number == 3);
    }
}

TEST_CASE("a message in flight when the partition starts does not arrive while it lasts") {
    Simulation sim(3, NetworkOptions{LinkSpec{50ms, 0ns, 0, 0.0}, 10s});
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    sim.run_for(1ms);
    send_note(sim, a, b, 1);
    sim.run_for(20ms);
    sim.partition({{a}, {b}});
    sim.run_for(1s);
    CHECK(log.empty());
}

TEST_CASE("cutting the only link holds traffic and restoring it lets it through in order") {
    Simulation sim(3);
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    sim.run_for(1ms);
    REQUIRE(sim.cut_link("a", "core"));
    send_note(sim, a, b, 1);
    sim.run_for(1s);
    CHECK(log.empty());
    REQUIRE(sim.restore_link("a", "core"));
    send_note(sim, a, b, 2);
    sim.run_for(1s);
    REQUIRE(log.size() == 2);
    CHECK(log[0].number == 1);
    CHECK(log[1].number == 2);
}

TEST_CASE("routes follow the lowest latency over links that are up") {
    Network network;
    auto a = network.add_host("a");
    auto b = network.add_host("b");
    auto fast = network.add_switch("fast");
    auto slow = network.add_switch("slow");
    network.connect(a, fast, LinkSpec{1ms});
    network.connect(fast, b, LinkSpec{1ms});
    network.connect(a, slow, LinkSpec{5ms});
    network.connect(slow, b, LinkSpec{5ms});
    CHECK(network.path(a, b) == std::vector<VertexId>{a, fast, b});
    CHECK(network.path_latency(a, b) == Duration{2ms});
    network.set_link_up(fast, b, false);
    CHECK(network.path(a, b) == std::vector<VertexId>{a, slow, b});
    CHECK(network.path_latency(a, b) == Duration{10ms});
}

TEST_CASE("the topology exports as Graphviz DOT that dot accepts") {
    Simulation sim(1);
    std::vector<Arrival> log;
    sim.add_node("broker-1", recorder(log), "rack-a");
    sim.add_node("broker-2", recorder(log), "rack-b");
    sim.cut_link("broker-2", "rack-b");
    std::ostringstream dot;
    sim.network().write_dot(dot);
    const std::string text = dot.str();
    CHECK(text.rfind("graph G {", 0) == 0);
    CHECK(text.find("label=\"broker-1\"") != std::string::npos);
    CHECK(text.find("label=\"rack-a\"") != std::string::npos);
    CHECK(text.find("style=dashed") != std::string::npos);  // the cut link
    // 5 vertices (core, two racks, two brokers) and 4 links.
    std::size_t edges = 0;
    for (std::size_t pos = 0; (pos = text.find("--", pos)) != std::string::npos; pos += 2) ++edges;
    CHECK(edges == 4);
    if (std::system("command -v dot >/dev/null 2>&1") == 0) {
        std::string path = "kafkalab_dot_test.dot";
        std::ofstream(path) << text;
        CHECK(std::system(("dot -Tsvg " + path + " -o /dev/null").c_str()) == 0);
        std::remove(path.c_str());
    }
}

TEST_CASE("the route cache follows every topology change") {
    // Two paths from a to b: through `fast` (2 ms) and through `slow` (10 ms). Each
    // change below must reach transmit at once, though its route was cached before.
    Network network;
    auto a = network.add_host("a");
    auto b = network.add_host("b");
    auto fast = network.add_switch("fast");
    auto slow = network.add_switch("slow");
    network.connect(a, fast, LinkSpec{1ms, 0ns, 0, 0.0});
    network.connect(fast, b, LinkSpec{1ms, 0ns, 0, 0.0});
    network.connect(a, slow, LinkSpec{5ms, 0ns, 0, 0.0});
    network.connect(slow, b, LinkSpec{5ms, 0ns, 0, 0.0});
    RandomStream random(1);
    auto send = [&] { return network.transmit(a, b, 100, time_zero, random); };
    auto arrival = [&] { return send().arrival - time_zero; };

    REQUIRE(send().outcome == TransmitOutcome::delivered);
    CHECK(arrival() == 2ms);
    REQUIRE(network.set_link_up(fast, b, false));
    CHECK(arrival() == 10ms);
    REQUIRE(network.set_link_up(fast, b, true));
    CHECK(arrival() == 2ms);
    REQUIRE(network.set_link_spec(a, fast, LinkSpec{20ms, 0ns, 0, 0.0}));
    CHECK(arrival() == 10ms);
    network.set_up(slow, false);
    CHECK(arrival() == 21ms);
    network.partition({{a}, {b}});
    CHECK(send().outcome == TransmitOutcome::no_route);
    network.heal();
    CHECK(arrival() == 21ms);
    network.set_up(b, false);
    CHECK(send().outcome == TransmitOutcome::no_route);
    network.set_up(b, true);
    network.set_up(slow, true);
    CHECK(arrival() == 10ms);
    // A new, faster link joins a cached route's ends.
    network.connect(a, b, LinkSpec{1ms, 0ns, 0, 0.0});
    CHECK(arrival() == 1ms);
}

TEST_CASE("a cached route books bandwidth on the links it crosses, in each direction") {
    Network network;
    auto a = network.add_host("a");
    auto b = network.add_host("b");
    auto core = network.add_switch("core");
    network.connect(a, core, LinkSpec{1ms, 0ns, 1'000'000, 0.0});  // 1 MB/s: 100 B take 100 us
    network.connect(core, b, LinkSpec{1ms, 0ns, 1'000'000, 0.0});
    RandomStream random(1);
    CHECK(network.transmit(a, b, 100, time_zero, random).arrival == Time{2ms + 100us});
    // The second message waits for the first to leave each link.
    CHECK(network.transmit(a, b, 100, time_zero, random).arrival == Time{2ms + 200us});
    // The other direction has its own queue.
    CHECK(network.transmit(b, a, 100, time_zero, random).arrival == Time{2ms + 100us});
}

TEST_CASE("a bulk transfer holds back another connection's small message by its fair share only") {
    // Hosts share a NIC and a switch port between TCP connections (fair queueing), so a
    // ZooKeeper heartbeat is not stuck behind seconds of a controller's UpdateMetadata
    // to other brokers; before, one FIFO per link made it wait for every byte booked
    // on the link, even bytes booked for later on a downstream hop.
    Network network;
    auto a = network.add_host("a");
    auto b = network.add_host("b");
    auto z = network.add_host("z");
    auto core = network.add_switch("core");
    for (auto host : {a, b, z}) network.connect(host, core, LinkSpec{1ms, 0ns, 1'000'000, 0.0});  // 1 MB/s
    RandomStream random(1);
    // 10 MB from a to b books a's uplink and b's downlink for 10 s.
    CHECK(network.transmit(a, b, 10'000'000, time_zero, random).arrival == Time{2ms + 10s});
    // a's small message to z shares a's uplink: it waits 100 us (its own size), not 10 s.
    CHECK(network.transmit(a, z, 100, time_zero, random).arrival == Time{2ms + 200us});
    // z's small message to b shares b's downlink the same way.
    CHECK(network.transmit(z, b, 100, time_zero, random).arrival == Time{2ms + 200us});
    // A second message of the bulk connection still queues behind the first.
    CHECK(network.transmit(a, b, 100, Time{1s}, random).arrival == Time{2ms + 10s + 100us});
    // A message stuck behind its own connection's backlog reaches z's downlink 10 s
    // from now; that later slot does not hold back b's message, which arrives first.
    CHECK(network.transmit(a, z, 10'000'000, Time{1s}, random).arrival >= Time{20s});
    CHECK(network.transmit(b, z, 100, Time{2s}, random).arrival == Time{2s + 2ms + 200us});
    // Bulk transfers of two connections still share the link's bandwidth: 10 MB more
    // from z to b waits for the 10 MB already crossing b's downlink.
    CHECK(network.transmit(z, b, 10'000'000, Time{2s}, random).arrival >= Time{20s});
}

TEST_CASE("a message to itself is delivered at once while the host is up") {
    Network network;
    auto a = network.add_host("a");
    RandomStream random(1);
    auto sent = network.transmit(a, a, 100, Time{5ms}, random);
    CHECK(sent.outcome == TransmitOutcome::delivered);
    CHECK(sent.arrival == Time{5ms});
    network.set_up(a, false);
    CHECK(network.transmit(a, a, 100, Time{5ms}, random).outcome == TransmitOutcome::no_route);
}

TEST_CASE("cutting two hosts apart blocks only the traffic between them") {
    Simulation sim(3);
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    auto c = sim.add_node("c", recorder(log));
    sim.run_for(1ms);
    REQUIRE(sim.cut_link("a", "b"));
    send_note(sim, a, b, 1);  // blocked
    send_note(sim, a, c, 2);  // still fine
    send_note(sim, c, b, 3);  // still fine
    sim.run_for(1s);
    REQUIRE(log.size() == 2);
    CHECK(log[0].number == 2);
    CHECK(log[1].number == 3);
    REQUIRE(sim.restore_link("a", "b"));
    send_note(sim, a, b, 4);
    sim.run_for(1s);
    CHECK(log.back().number == 4);
}

TEST_CASE("isolating a host takes it off the network and unisolating leaves other partitions in place") {
    Simulation sim(3);
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    auto c = sim.add_node("c", recorder(log));
    sim.run_for(1ms);
    sim.partition({{a, b}, {c}});
    sim.isolate(b);
    CHECK_FALSE(sim.network().reachable(sim.vertex(a), sim.vertex(b)));
    sim.unisolate(b);
    CHECK(sim.network().reachable(sim.vertex(a), sim.vertex(b)));
    // The partition is still there: the end of an isolation is not a heal.
    CHECK_FALSE(sim.network().reachable(sim.vertex(a), sim.vertex(c)));
    send_note(sim, a, b, 1);
    sim.run_for(1s);
    REQUIRE(log.size() == 1);
}

TEST_CASE("overlapping isolations of one host end with the last one and heal leaves them alone") {
    Simulation sim(3);
    std::vector<Arrival> log;
    auto a = sim.add_node("a", recorder(log));
    auto b = sim.add_node("b", recorder(log));
    sim.run_for(1ms);
    sim.isolate(b);
    sim.isolate(b);
    sim.heal();
    CHECK_FALSE(sim.network().reachable(sim.vertex(a), sim.vertex(b)));
    sim.unisolate(b);
    CHECK_FALSE(sim.network().reachable(sim.vertex(a), sim.vertex(b)));
    sim.unisolate(b);
    CHECK(sim.network().reachable(sim.vertex(a), sim.vertex(b)));
}
