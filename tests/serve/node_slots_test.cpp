// What serve's churn relies on in the simulation kernel: a retired node's slot taken
// by a new node that inherits nothing, and per-pair connection state kept in a map for
// nodes beyond the dense matrix, with TCP's order and a crash's reset intact there.
#include <catch2/catch.hpp>

#include "sim/test_nodes.h"

using namespace std::chrono_literals;
using namespace kafkalab::sim;
using namespace kafkalab::sim::testing;

TEST_CASE("a retired node's slot is reused by a new node that inherits nothing of the old one") {
    Simulation sim(1);
    std::vector<Arrival> server_log, old_log, new_log;
    const NodeIndex server = sim.add_node("server", recorder(server_log));
    const NodeIndex client = sim.add_node("real-1", recorder(old_log));
    sim.run_for(1ms);
    send_note(sim, server, client, 1);  // on the wire when the client goes
    sim.retire(client);
    CHECK(sim.is_retired(client));
    sim.restart(client);  // a retired node stays down
    CHECK_FALSE(sim.is_up(client));
    sim.reuse_node(client, "real-2", recorder(new_log));
    CHECK(sim.find_node("real-2") == client);
    CHECK_FALSE(sim.find_node("real-1"));
    CHECK(sim.network().name(sim.vertex(client)) == "real-2");
    sim.run_for(1s);
    CHECK(old_log.empty());
    CHECK(new_log.empty());  // the old node's message died with it
    send_note(sim, server, client, 2);
    send_note(sim, client, server, 3);
    sim.run_for(1s);
    REQUIRE(new_log.size() == 1);
    CHECK(new_log[0].number == 2);
    REQUIRE(server_log.size() == 1);
    CHECK(server_log[0].from == client);
    CHECK_THROWS(sim.reuse_node(server, "other", recorder(new_log)));  // not retired
}

TEST_CASE("beyond the dense matrix connections keep their order and a crash still resets them") {
    Simulation sim(1);
    std::vector<Arrival> log;
    std::vector<NodeIndex> nodes;
    for (int i = 0; i < 1100; ++i) nodes.push_back(sim.add_node("n" + std::to_string(i), recorder(log)));
    sim.run_for(1ms);
    const NodeIndex far = nodes[1099], near = nodes[3], other = nodes[1050];
    for (int n = 1; n <= 50; ++n) {
        send_note(sim, far, near, n);
        send_note(sim, near, far, 100 + n);
    }
    sim.run_for(1s);
    std::vector<int> at_near, at_far;
    for (const auto& a : log) (a.from == far ? at_near : at_far).push_back(a.number);
    REQUIRE(at_near.size() == 50);
    REQUIRE(at_far.size() == 50);
    CHECK(std::is_sorted(at_near.begin(), at_near.end()));
    CHECK(std::is_sorted(at_far.begin(), at_far.end()));
    // far talks to other; other crashes; far hears the reset as from a real kernel.
    send_note(sim, far, other, 1);
    sim.run_for(1s);
    sim.crash(other);
    sim.run_for(1s);
    const auto* far_node = sim.node_as<Recorder>(far);
    REQUIRE(far_node);
    CHECK(far_node->disconnects == std::vector<NodeIndex>{other});
}
