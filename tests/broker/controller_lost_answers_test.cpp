// The controller when ZooKeeper's answer to one of its writes is lost but the write
// went through. Electing itself, Kafka's registerControllerAndIncrementControllerEpoch
// retries until connected and on NODEEXISTS accepts a /controller that holds its own
// id (checkControllerAndEpoch). Writing a partition's state, a retry meets BADVERSION,
// and the state is read back (ZkPartitionStateMachine) so the controller's view never
// lags ZooKeeper.
#include <algorithm>

#include <catch2/catch.hpp>

#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

/// Steps until ZooKeeper receives a request from `from` whose summary starts with
/// `request`, then closes that connection from ZooKeeper's side: a single server has
/// committed and answered at once, and the answer is lost.
void lose_answer_to(TestCluster& cluster, const std::string& from, const std::string& request) {
    sim::Trace trace;
    cluster.sim().set_trace(&trace);
    bool delivered = false;
    for (int steps = 0; steps < 200000 && !delivered && cluster.sim().step(); ++steps) {
        if (trace.records().empty()) continue;
        const auto& last = trace.records().back();
        delivered = last.kind == "deliver" && last.source == from && last.summary.rfind(request, 0) == 0;
    }
    cluster.sim().set_trace(nullptr);
    REQUIRE(delivered);
    const sim::NodeIndex zk = *cluster.sim().find_node("zk-1");
    cluster.sim().context(zk).close_connection(*cluster.sim().find_node(from));
}

}  // namespace

TEST_CASE("a broker whose create of /controller went through but whose answer was lost still takes office") {
    ClusterOptions options;
    options.brokers = 2;
    TestCluster cluster(options);
    const int old_controller = cluster.controller_id();
    const int candidate = old_controller == 1 ? 2 : 1;
    // A clean stop closes the controller's session: /controller goes at once.
    cluster.broker(old_controller)->begin_controlled_shutdown([] {});
    lose_answer_to(cluster, "broker-" + std::to_string(candidate), "create /controller ephemeral");
    cluster.crash(old_controller);
    REQUIRE(cluster.run_until([&] { return cluster.controller_id() == candidate; }, 30s));
    CHECK(cluster.broker(candidate)->controller()->epoch() > ControllerEpoch{1});
}

TEST_CASE("a partition state write whose answer was lost is read back, and the ISR grows again afterwards") {
    // The controller's retry of the write meets BADVERSION (its first attempt bumped the
    // version). Its view used to keep the old version: every later conditional write of
    // the partition failed, and the leader's AlterPartition was refused for good.
    TestCluster cluster;
    const TopicPartition orders0{"orders", 0};
    REQUIRE(cluster.create_topic("orders", 1, 3).error == Error::none);
    cluster.wait_for_leader(orders0);
    const int controller = cluster.controller_id();
    const int leader = cluster.leader(orders0);
    int follower = 1;
    while (follower == leader || follower == controller) ++follower;
    cluster.crash(follower);
    // Its session expires after 18 s; the controller then writes the shrunk ISR.
    cluster.run_for(15s);
    lose_answer_to(cluster, "broker-" + std::to_string(controller), "setData /brokers/topics/orders/partitions/0/state");
    REQUIRE(cluster.run_until([&] { return cluster.isr(orders0).size() == 2; }, 10s));
    cluster.restart(follower);
    REQUIRE(cluster.run_until([&] { return cluster.broker(follower) && cluster.broker(follower)->registered(); }, 10s));
    REQUIRE(cluster.produce(orders0, {"a"}, Acks::all).error == Error::none);
    CHECK(cluster.run_until([&] { return cluster.isr(orders0).size() == 3; }, 15s));
}
