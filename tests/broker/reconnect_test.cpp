// Connections that break are retried as Kafka's clients and fetchers retry them:
// reconnect.backoff.ms doubling to reconnect.backoff.max.ms (ClusterConnectionStates),
// and a follower that loses a fetch response fetches again after replica.fetch.backoff.ms.
#include <algorithm>

#include <catch2/catch.hpp>

#include "broker_model/protocol/metadata.h"
#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {
const TopicPartition orders0{"orders", 0};
}  // namespace

TEST_CASE("requests to a node whose connections keep failing wait reconnect.backoff.ms, doubling to its maximum") {
    sim::Simulation sim(7);
    auto client = sim.add_node("client", [](sim::NodeContext& c) { return std::make_unique<TestClient>(c); });
    auto server = sim.add_node("server", [](sim::NodeContext& c) { return std::make_unique<TestClient>(c); });
    sim.run_for(1ms);
    sim.crash(server);
    NetworkClient& network = sim.node_as<TestClient>(client)->network();
    const double expected_ms[] = {50, 100, 200, 400, 800, 1000, 1000, 1000};
    sim::Time previous_failure = sim.now();
    for (double expected : expected_ms) {
        bool failed = false;
        network.send(server, std::make_shared<MetadataRequest>(), 30s, [&](Error error, const sim::MessagePtr&) {
            CHECK(error == Error::network_exception);
            failed = true;
        });
        for (int steps = 0; !failed && steps < 1000 && sim.step(); ++steps) {}
        REQUIRE(failed);
        const double wait_ms = std::chrono::duration<double, std::milli>(network.reconnect_at(server) - sim.now()).count();
        INFO("after " << expected << " ms expected");
        CHECK(wait_ms >= 0.8 * expected);
        CHECK(wait_ms <= std::min(1.2 * expected, 1000.0));
        // The attempt itself waited out the backoff of the failure before.
        CHECK(sim.now() >= previous_failure);
        previous_failure = network.reconnect_at(server);
    }
}

TEST_CASE("a follower whose fetch response the leader's close dropped fetches again within replica.fetch.backoff.ms") {
    // Lesson 6 froze the high watermark for its last 20 s: the leader closed its
    // connection to a follower (a request of its own timed out), the follower's fetch
    // response was lost with it, and the follower waited out its 30 s request timeout.
    TestCluster cluster;
    REQUIRE(cluster.create_topic("orders", 1, 3).error == Error::none);
    cluster.wait_for_leader(orders0);
    REQUIRE(cluster.produce(orders0, {"a"}, Acks::all).error == Error::none);
    const int leader = cluster.leader(orders0);
    const int follower = leader == 3 ? 2 : 3;
    cluster.run_for(100ms);  // the follower's next fetch waits at the leader

    sim::Trace trace;
    cluster.sim().set_trace(&trace);
    cluster.produce(orders0, {"b"}, Acks::none);
    // The moment the leader appends it answers the waiting fetches; close then.
    for (int steps = 0; steps < 10000 && cluster.log(leader, orders0)->log_end_offset() < Offset{2}; ++steps) {
        cluster.sim().step();
    }
    cluster.sim().context(cluster.broker_node(leader)).close_connection(cluster.broker_node(follower));
    cluster.run_for(3s);
    cluster.sim().set_trace(nullptr);
    const bool response_dropped = std::any_of(trace.records().begin(), trace.records().end(), [&](const sim::TraceRecord& r) {
        return r.kind == "drop" && r.source == "broker-" + std::to_string(leader) &&
               r.destination == "broker-" + std::to_string(follower) && r.summary.find("FetchResponse") == 0;
    });
    REQUIRE(response_dropped);
    CHECK(cluster.log_values(follower, orders0) == std::vector<std::string>{"a", "b"});
    CHECK(cluster.log(leader, orders0)->high_watermark() == Offset{2});
}
