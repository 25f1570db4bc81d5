// Leader election, controller failover and ZooKeeper's role, as Kafka behaves.
#include <algorithm>
#include <map>

#include <catch2/catch.hpp>

#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {
const TopicPartition payments0{"payments", 0};

/// A bulk transfer of `bytes` (none allocated): a broker's NIC kept busy for a while.
struct Bulk final : sim::Message {
    explicit Bulk(std::size_t bytes) : Message(0xfff0), bytes(bytes) {}
    const char* name() const override { return "Bulk"; }
    std::size_t size_bytes() const override { return bytes; }
    std::size_t bytes;
};

struct Sink final : sim::Node {
    using Node::Node;
    void on_message(sim::NodeIndex, const sim::MessagePtr&) override {}
};
}  // namespace

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

TEST_CASE("partitions the dead controller led come back with their leader epoch up by 2 (KafkaController.onControllerFailover)") {
    // The new controller's failover runs the replica state machine first: OfflineReplica
    // drops the dead controller from its ISRs and leaderships (leader none, epoch + 1);
    // then the partition state machine elects a leader (epoch + 1 again). A partition
    // it only followed loses it from the ISR: + 1.
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 3, 3).error == Error::none);
    std::vector<TopicPartition> partitions;
    for (int p = 0; p < 3; ++p) partitions.push_back(TopicPartition{"payments", p});
    for (const auto& tp : partitions) cluster.wait_for_leader(tp);
    const int controller = cluster.controller_id();
    std::map<TopicPartition, LeaderAndIsr> before;
    for (const auto& tp : partitions) before[tp] = *cluster.state(tp);
    REQUIRE(std::any_of(partitions.begin(), partitions.end(),
                        [&](const TopicPartition& tp) { return before[tp].leader.value == controller; }));
    cluster.crash(controller);
    REQUIRE(cluster.run_until([&] {
        if (cluster.controller_id() <= 0 || cluster.controller_id() == controller) return false;
        return std::all_of(partitions.begin(), partitions.end(), [&](const TopicPartition& tp) {
            auto now = cluster.state(tp);
            return now && now->has_leader() && now->leader.value != controller;
        });
    }, 40s));
    cluster.run_for(2s);
    for (const auto& tp : partitions) {
        INFO(tp.to_string() << " led by broker " << before[tp].leader.value);
        const int bump = before[tp].leader.value == controller ? 2 : 1;
        CHECK(cluster.state(tp)->leader_epoch == before[tp].leader_epoch + bump);
    }
}

TEST_CASE("a controller whose link is busy with a bulk transfer keeps its ZooKeeper session and moves leaderships") {
    // TCP connections share a NIC: the controller's ZooKeeper heartbeats and requests
    // are not queued behind 40 s of other traffic (at 1000 brokers, UpdateMetadata of
    // every partition to every broker), or its session would expire and every
    // failover would wait for a new controller that then does the same.
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 3, 3).error == Error::none);
    int controller = cluster.controller_id();
    TopicPartition moved{"payments", -1};
    for (int p = 0; p < 3; ++p) {
        TopicPartition tp{"payments", p};
        cluster.wait_for_leader(tp);
        if (cluster.leader(tp) != controller) moved = tp;
    }
    REQUIRE(moved.partition >= 0);
    int victim = cluster.leader(moved);
    auto sink = cluster.sim().add_node("sink", [](sim::NodeContext& c) { return std::make_unique<Sink>(c); });
    cluster.run_for(1s);
    // 5 GB at 1 Gbit/s: the controller's link is busy for 40 s.
    cluster.sim().context(cluster.broker_node(controller)).send(sink, std::make_shared<Bulk>(5'000'000'000));
    cluster.crash(victim);
    // Detection takes the victim's session timeout (18 s); the election is then quick.
    REQUIRE(cluster.run_until([&] { return cluster.leader(moved) > 0 && cluster.leader(moved) != victim; }, 25s));
    CHECK(cluster.controller_id() == controller);
    cluster.run_for(30s);
    CHECK(cluster.controller_id() == controller);
}

TEST_CASE("a broker failure sends UpdateMetadata with the partitions it touched and a return sends it every partition") {
    // onBrokerFailure and onBrokerStartup: the other brokers hear of the changed
    // partitions only, not every partition of the cluster (brokers x partitions bytes).
    sim::Trace trace;
    ClusterOptions options;
    options.brokers = 6;
    TestCluster cluster(options);
    cluster.sim().set_trace(&trace);
    REQUIRE(cluster.create_topic("wide", 12, 2).error == Error::none);  // 4 replicas on each broker
    for (int p = 0; p < 12; ++p) cluster.wait_for_leader(TopicPartition{"wide", p});
    cluster.run_for(1s);
    int controller = cluster.controller_id();
    int victim = controller % 6 + 1;
    std::vector<TopicPartition> hosted, led;
    for (int p = 0; p < 12; ++p) {
        TopicPartition tp{"wide", p};
        auto state = cluster.broker(controller)->metadata().partition(tp);
        REQUIRE(state);
        if (std::find(state->replicas.begin(), state->replicas.end(), BrokerId{victim}) != state->replicas.end()) {
            hosted.push_back(tp);
        }
        if (state->leadership.leader == BrokerId{victim}) led.push_back(tp);
    }
    REQUIRE(hosted.size() == 4);
    REQUIRE_FALSE(led.empty());
    auto update_metadata_to = [&](int broker, std::size_t from) {
        std::vector<std::string> summaries;
        const auto& records = trace.records();
        for (std::size_t i = from; i < records.size(); ++i) {
            if (records[i].kind == "deliver" && records[i].destination == "broker-" + std::to_string(broker) &&
                records[i].summary.rfind("UpdateMetadata", 0) == 0) {
                summaries.push_back(records[i].summary);
            }
        }
        return summaries;
    };
    std::size_t before_crash = trace.records().size();
    cluster.crash(victim);
    REQUIRE(cluster.run_until([&] { return cluster.leader(led.front()) > 0 && cluster.leader(led.front()) != victim; }, 40s));
    cluster.run_for(2s);
    int bystander = victim % 6 + 1;
    auto updates = update_metadata_to(bystander, before_crash);
    REQUIRE_FALSE(updates.empty());
    CHECK(updates.front().find("5 brokers live, 4 partitions") != std::string::npos);
    // The bystander's cache still knows every partition, with the new leaders.
    for (const auto& tp : led) {
        auto cached = cluster.broker(bystander)->metadata().partition(tp);
        REQUIRE(cached);
        CHECK(cached->leadership.leader.value == cluster.leader(tp));
    }
    CHECK(cluster.broker(bystander)->metadata().topic("wide")->partitions.size() == 12);
    std::size_t before_restart = trace.records().size();
    cluster.restart(victim);
    REQUIRE(cluster.run_until([&] { return !update_metadata_to(victim, before_restart).empty(); }, 20s));
    cluster.run_for(2s);
    CHECK(update_metadata_to(victim, before_restart).front().find("6 brokers live, 12 partitions") != std::string::npos);
    auto told = update_metadata_to(bystander, before_restart);
    REQUIRE_FALSE(told.empty());
    CHECK(told.front().find("6 brokers live, 4 partitions") != std::string::npos);
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

TEST_CASE("a topic created without a ZooKeeper quorum times out at the client and appears once the quorum is back") {
    // Kafka 3.6 (ZooKeeper mode): the controller's KafkaZkClient retries the assignment
    // write until ZooKeeper answers (retryRequestsUntilConnected), the admin client's
    // call times out meanwhile, and the write goes through when the quorum returns.
    ClusterOptions options;
    options.zookeepers = 3;
    TestCluster cluster(options);
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    cluster.sim().crash(cluster.zookeeper().node(1));
    cluster.sim().crash(cluster.zookeeper().node(2));
    cluster.run_for(5s);
    const sim::Time asked = cluster.sim().now();
    auto created = cluster.create_topic("new-topic", 1, 3);
    CHECK(created.error == Error::request_timed_out);  // the client's own timeout, not an answer
    CHECK(cluster.sim().now() - asked >= 30s);
    CHECK_FALSE(cluster.state(TopicPartition{"new-topic", 0}).has_value());
    cluster.sim().restart(cluster.zookeeper().node(1));
    cluster.sim().restart(cluster.zookeeper().node(2));
    REQUIRE(cluster.run_until([&] {
        auto state = cluster.state(TopicPartition{"new-topic", 0});
        return state && state->has_leader();
    }, 60s));
    cluster.wait_for_leader(TopicPartition{"new-topic", 0});
    CHECK(cluster.create_topic("new-topic", 1, 3).error == Error::topic_already_exists);
}

TEST_CASE("unclean leader election elects an out-of-sync replica and loses exactly the records it never had") {
    ClusterOptions options;
    options.broker.unclean_leader_election_enable = true;
    TestCluster cluster(options);
    REQUIRE(cluster.create_topic("payments", 1, 2).error == Error::none);
    REQUIRE(cluster.produce(payments0, {"kept"}, Acks::all).error == Error::none);
    int leader = cluster.leader(payments0);
    auto assignment = cluster.cluster_state().find(payments0)->replicas;
    int follower = assignment[0].value == leader ? assignment[1].value : assignment[0].value;
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
    auto assignment = cluster.cluster_state().find(payments0)->replicas;
    int follower = assignment[0].value == leader ? assignment[1].value : assignment[0].value;
    cluster.sim().partition({{cluster.broker_node(follower)}});
    REQUIRE(cluster.run_until([&] { return cluster.isr(payments0) == std::vector<int>{leader}; }, 60s));
    cluster.crash(leader);
    cluster.sim().heal();
    REQUIRE(cluster.run_until([&] { return cluster.leader(payments0) == -1; }, 60s));
    CHECK(cluster.isr(payments0) == std::vector<int>{leader});  // Kafka keeps the last ISR member
    cluster.restart(leader);
    REQUIRE(cluster.run_until([&] { return cluster.leader(payments0) == leader; }, 60s));
}
