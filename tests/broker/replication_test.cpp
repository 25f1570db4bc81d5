// Replication as Kafka does it, through messages on the simulated network.
#include <catch2/catch.hpp>

#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {
const TopicPartition payments0{"payments", 0};
}

TEST_CASE("a leader assigns offsets in order and followers replicate every batch") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    auto first = cluster.produce(payments0, {"a", "b"}, Acks::all);
    auto second = cluster.produce(payments0, {"c"}, Acks::all);
    REQUIRE(first.error == Error::none);
    REQUIRE(second.error == Error::none);
    CHECK(first.base_offset == Offset{0});
    CHECK(second.base_offset == Offset{2});
    cluster.run_for(2s);
    for (int broker = 1; broker <= 3; ++broker) {
        CHECK(cluster.log_values(broker, payments0) == std::vector<std::string>{"a", "b", "c"});
    }
    CHECK(cluster.isr(payments0) == std::vector<int>{1, 2, 3});
}

TEST_CASE("the high watermark waits for every ISR member and moves on once a dead follower leaves the ISR") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    int leader = cluster.leader(payments0);
    int follower = leader == 1 ? 2 : 1;
    cluster.sim().partition({{cluster.broker_node(follower)}});  // cut off from everyone
    REQUIRE(cluster.produce(payments0, {"x"}, Acks::leader).error == Error::none);
    cluster.run_for(5s);
    PartitionLog* log = cluster.log(leader, payments0);
    CHECK(log->log_end_offset() == Offset{1});
    CHECK(log->high_watermark() == Offset{0});  // the silent follower is still in the ISR
    // Its ZooKeeper session expires (zookeeper.session.timeout.ms, 18 s): the controller
    // removes it from the ISR, and the high watermark catches up with the others.
    REQUIRE(cluster.run_until([&] { return cluster.isr(payments0).size() == 2; }, 40s));
    REQUIRE(cluster.run_until([&] { return log->high_watermark() == Offset{1}; }, 5s));
    CHECK(cluster.produce(payments0, {"y"}, Acks::all).error == Error::none);
    CHECK(log->high_watermark() == Offset{2});
}

TEST_CASE("a stalled follower leaves the ISR after replica.lag.time.max.ms and rejoins after catching up") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    int leader = cluster.leader(payments0);
    int follower = leader == 3 ? 2 : 3;
    // Cut only the follower and its leader apart: both keep their ZooKeeper sessions,
    // so only the leader's replica.lag.time.max.ms can take the follower out.
    cluster.sim().cut_link("broker-" + std::to_string(leader), "broker-" + std::to_string(follower));
    cluster.produce(payments0, {"1"}, Acks::leader);
    cluster.run_for(20s);
    CHECK(cluster.isr(payments0).size() == 3);  // 20 s < replica.lag.time.max.ms (30 s)
    cluster.run_for(30s);
    auto isr = cluster.isr(payments0);
    CHECK(isr.size() == 2);
    CHECK(std::find(isr.begin(), isr.end(), follower) == isr.end());
    cluster.sim().heal();
    cluster.run_for(5s);
    CHECK(cluster.isr(payments0) == std::vector<int>{1, 2, 3});
    CHECK(cluster.log_values(follower, payments0) == std::vector<std::string>{"1"});
}

TEST_CASE("acks=all is refused with NOT_ENOUGH_REPLICAS when the ISR is below min.insync.replicas; acks=1 is not") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3, {{"min.insync.replicas", "2"}}).error == Error::none);
    int leader = cluster.leader(payments0);
    for (int id = 1; id <= 3; ++id) {
        if (id != leader) cluster.crash(id);
    }
    // The controller removes the dead brokers from the ISR once their sessions expire.
    REQUIRE(cluster.run_until([&] { return cluster.isr(payments0) == std::vector<int>{leader}; }, 40s));
    cluster.run_for(1s);
    auto refused = cluster.produce(payments0, {"r"}, Acks::all);
    CHECK(refused.error == Error::not_enough_replicas);
    CHECK(cluster.log(leader, payments0)->log_end_offset() == Offset{0});  // refused before the append
    auto accepted = cluster.produce(payments0, {"a"}, Acks::leader);
    CHECK(accepted.error == Error::none);
}

TEST_CASE("an ISR that shrinks below min.insync.replicas after the append answers NOT_ENOUGH_REPLICAS_AFTER_APPEND") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 2, {{"min.insync.replicas", "2"}}).error == Error::none);
    int leader = cluster.leader(payments0);
    int follower = 3 - leader == 0 ? 1 : 0;
    for (int id = 1; id <= 3; ++id) {
        const auto* p = cluster.broker(id)->replicas().partition(payments0);
        if (id != leader && p) follower = id;
    }
    REQUIRE(follower > 0);
    cluster.sim().partition({{cluster.broker_node(follower)}});
    auto outcome = cluster.produce(payments0, {"late"}, Acks::all, -1, 60s);
    CHECK(outcome.error == Error::not_enough_replicas_after_append);
}

TEST_CASE("a follower fetch beyond the leader's log end offset does not count as the follower's log end offset") {
    // ReplicaManager.updateFollowerFetchState skips a read that failed: an
    // OFFSET_OUT_OF_RANGE fetch (a follower ahead of a leader that lost its unflushed
    // tail) must not lift the high watermark over offsets the follower will truncate.
    TestCluster cluster;
    const TopicPartition orders0{"orders", 0};
    REQUIRE(cluster.create_topic("orders", 1, 3).error == Error::none);
    cluster.wait_for_leader(orders0);
    REQUIRE(cluster.produce(orders0, {"a", "b", "c"}, Acks::all).error == Error::none);
    const int leader = cluster.leader(orders0);
    const int follower = leader == 3 ? 2 : 3;
    const Partition& partition = *cluster.broker(leader)->replicas().partition(orders0);
    auto request = std::make_shared<FetchRequest>();
    request->replica_id = BrokerId{follower};
    request->max_wait_ms = 0;
    request->partitions.push_back({orders0, Offset{100}, partition.leader_epoch(), 1'048'576});
    Error error = Error::none;
    bool answered = false;
    cluster.client().network().send(cluster.broker_node(leader), request, 5s, [&](Error e, const sim::MessagePtr& response) {
        answered = true;
        error = e == Error::none ? message_as<FetchResponse>(*response).partitions.at(0).error : e;
    });
    REQUIRE(cluster.run_until([&] { return answered; }, 1s));
    CHECK(error == Error::offset_out_of_range);
    CHECK(partition.followers().at(BrokerId{follower}).log_end_offset <= Offset{3});
}

TEST_CASE("a leader re-elected under a new epoch keeps its followers' log end offsets (Replica.resetReplicaState)") {
    // Kafka's Partition.makeLeader resets a follower's whole state only when the broker
    // becomes leader anew; a leader that stays leader with a new epoch (here: the
    // controller took a dead follower out of the ISR) still knows how far the others are.
    TestCluster cluster;
    REQUIRE(cluster.create_topic("orders", 1, 3).error == Error::none);
    const TopicPartition tp{"orders", 0};
    cluster.wait_for_leader(tp);
    REQUIRE(cluster.produce(tp, {"a", "b", "c"}, Acks::all).error == Error::none);
    cluster.run_for(1s);
    const int leader = cluster.leader(tp);
    const int controller = cluster.controller_id();
    // The follower to lose is not the controller, so the controller stays.
    int lost = 0, kept = 0;
    for (int id = 1; id <= 3; ++id) {
        if (id == leader) continue;
        if (lost == 0 && id != controller) lost = id; else kept = id;
    }
    REQUIRE(lost != 0);
    const Partition& partition = *cluster.broker(leader)->replicas().partition(tp);
    const LeaderEpoch epoch = partition.state().leadership.leader_epoch;
    const Offset end = cluster.log(leader, tp)->log_end_offset();
    REQUIRE(partition.followers().at(BrokerId{kept}).log_end_offset == end);
    cluster.crash(lost);
    // Step by step to the moment the leader applies the controller's new epoch.
    bool applied = false;
    for (int steps = 0; steps < 10'000'000 && !applied && cluster.sim().step(); ++steps) {
        applied = partition.state().leadership.leader_epoch != epoch;
    }
    REQUIRE(applied);
    CHECK(partition.state().leadership.leader.value == leader);
    CHECK(partition.followers().at(BrokerId{kept}).log_end_offset == end);
}
