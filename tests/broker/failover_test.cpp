// Leader election, controller failover and ZooKeeper's role, as Kafka behaves.
#include <catch2/catch.hpp>

#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {
const TopicPartition payments0{"payments", 0};
}

TEST_CASE("when the leader crashes the controller elects an ISR member, bumps the epoch, and the old leader refuses produces") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    REQUIRE(cluster.produce(payments0, {"a", "b"}, Acks::all).error == Error::none);
    auto before = *cluster.state(payments0);
    int old_leader = before.leader.value;
    cluster.crash(old_leader);
    // The leader's ZooKeeper session expires after zookeeper.session.timeout.ms (18 s).
    REQUIRE(cluster.run_until([&] {
        auto now = cluster.state(payments0);
        return now && now->leader.value != old_leader && now->has_leader();
    }, 40s));
    auto after = *cluster.state(payments0);
    CHECK(after.leader_epoch > before.leader_epoch);
    CHECK(std::find(before.isr.begin(), before.isr.end(), after.leader) != before.isr.end());
    // The new leader is the first live ISR member in assignment order.
    cluster.wait_for_leader(payments0);
    CHECK(cluster.produce(payments0, {"c"}, Acks::all).error == Error::none);
    CHECK(cluster.committed_values(after.leader.value, payments0) == std::vector<std::string>{"a", "b", "c"});
    cluster.restart(old_leader);
    cluster.run_for(25s);
    CHECK(cluster.produce(payments0, {"d"}, Acks::all, old_leader).error == Error::not_leader_or_follower);
    CHECK(cluster.log_values(old_leader, payments0) == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("a returning follower truncates its divergent tail using the leader epoch (KIP-101)") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    REQUIRE(cluster.produce(payments0, {"a"}, Acks::all).error == Error::none);
    int old_leader = cluster.leader(payments0);
    // Cut the leader off from its followers only: it keeps its ZooKeeper session and
    // accepts acks=1 writes that nobody replicates.
    std::vector<sim::NodeIndex> others;
    for (int id = 1; id <= 3; ++id) {
        if (id != old_leader) others.push_back(cluster.broker_node(id));
    }
    cluster.sim().partition({{cluster.broker_node(old_leader), cluster.zookeeper().node(1), cluster.client_node()}, others});
    REQUIRE(cluster.produce(payments0, {"lost-1", "lost-2"}, Acks::leader).error == Error::none);
    cluster.crash(old_leader);
    cluster.sim().heal();
    REQUIRE(cluster.run_until([&] { return cluster.leader(payments0) != old_leader && cluster.leader(payments0) > 0; }, 40s));
    cluster.wait_for_leader(payments0);
    REQUIRE(cluster.produce(payments0, {"b"}, Acks::all).error == Error::none);
    cluster.restart(old_leader);
    REQUIRE(cluster.run_until([&] { return cluster.isr(payments0).size() == 3; }, 60s));
    cluster.run_for(2s);
    CHECK(cluster.log_values(old_leader, payments0) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("when the controller broker crashes another broker becomes controller with a higher epoch") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    int first = cluster.controller_id();
    ControllerEpoch first_epoch = cluster.controller()->controller()->epoch();
    cluster.crash(first);
    REQUIRE(cluster.run_until([&] { return cluster.controller_id() > 0 && cluster.controller_id() != first; }, 40s));
    CHECK(cluster.controller()->controller()->epoch() > first_epoch);
    // The new controller knows the cluster: it can create a topic and elect leaders.
    CHECK(cluster.create_topic("after-failover", 2, 2).error == Error::none);
}

TEST_CASE("without a ZooKeeper quorum leaders keep serving but no leader is elected and no topic is created") {
    ClusterOptions options;
    options.zookeepers = 3;
    TestCluster cluster(options);
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    cluster.sim().crash(cluster.zookeeper().node(1));
    cluster.sim().crash(cluster.zookeeper().node(2));
    cluster.run_for(15s);
    CHECK(cluster.produce(payments0, {"still", "served"}, Acks::all).error == Error::none);
    int leader = cluster.leader(payments0);
    auto frozen = *cluster.state(payments0);
    cluster.crash(leader);
    cluster.run_for(60s);
    CHECK(*cluster.state(payments0) == frozen);  // no election without ZooKeeper
    auto created = cluster.create_topic("new-topic", 1, 1);
    CHECK(created.error != Error::none);
}

TEST_CASE("unclean leader election elects an out-of-sync replica and loses exactly the records it never had") {
    ClusterOptions options;
    options.broker.unclean_leader_election_enable = true;
    TestCluster cluster(options);
    REQUIRE(cluster.create_topic("payments", 1, 2).error == Error::none);
    REQUIRE(cluster.produce(payments0, {"kept"}, Acks::all).error == Error::none);
    int leader = cluster.leader(payments0);
    auto assignment = cluster.controller()->controller()->context_view().replicas(payments0);
    int follower = (*assignment)[0].value == leader ? (*assignment)[1].value : (*assignment)[0].value;
    cluster.sim().partition({{cluster.broker_node(follower)}});
    REQUIRE(cluster.run_until([&] { return cluster.isr(payments0) == std::vector<int>{leader}; }, 60s));
    // Acknowledged by an ISR of one: committed, yet only on the leader.
    REQUIRE(cluster.produce(payments0, {"doomed-1", "doomed-2"}, Acks::all).error == Error::none);
    cluster.crash(leader);
    cluster.sim().heal();
    REQUIRE(cluster.run_until([&] { return cluster.leader(payments0) == follower; }, 60s));
    cluster.wait_for_leader(payments0);
    REQUIRE(cluster.produce(payments0, {"after"}, Acks::all).error == Error::none);
    CHECK(cluster.committed_values(follower, payments0) == std::vector<std::string>{"kept", "after"});
    cluster.restart(leader);
    REQUIRE(cluster.run_until([&] { return cluster.isr(payments0).size() == 2; }, 60s));
    cluster.run_for(2s);
    CHECK(cluster.log_values(leader, payments0) == std::vector<std::string>{"kept", "after"});
}

TEST_CASE("without unclean election a partition whose ISR is gone goes offline and waits for its last ISR member") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 2).error == Error::none);
    int leader = cluster.leader(payments0);
    auto assignment = cluster.controller()->controller()->context_view().replicas(payments0);
    int follower = (*assignment)[0].value == leader ? (*assignment)[1].value : (*assignment)[0].value;
    cluster.sim().partition({{cluster.broker_node(follower)}});
    REQUIRE(cluster.run_until([&] { return cluster.isr(payments0) == std::vector<int>{leader}; }, 60s));
    cluster.crash(leader);
    cluster.sim().heal();
    REQUIRE(cluster.run_until([&] { return cluster.leader(payments0) == -1; }, 60s));
    CHECK(cluster.isr(payments0) == std::vector<int>{leader});  // Kafka keeps the last ISR member
    cluster.restart(leader);
    REQUIRE(cluster.run_until([&] { return cluster.leader(payments0) == leader; }, 60s));
}
