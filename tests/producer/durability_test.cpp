// acks under a leader failure: what a producer was told, against what survives.
#include <catch2/catch.hpp>

#include "producer_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

const TopicPartition orders0{"orders", 0};

struct CrashOutcome {
    std::size_t acknowledged = 0;
    std::vector<RecordId> lost;
    std::vector<RecordId> duplicated;
};

/// The leader of orders-0 is cut off from its followers but keeps ZooKeeper and the
/// producer (so it keeps its leadership and accepts writes nobody replicates), then
/// crashes before the ISR shrinks; a follower takes over and the producer finishes.
CrashOutcome leader_cut_off_then_crashed(ProducerConfig config) {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("orders", 1, 3, {{"min.insync.replicas", "2"}}).error == Error::none);
    config.bootstrap_servers = cluster_producer_config().bootstrap_servers;
    auto node = f.add("producer", config);
    for (int i = 0; i < 5; ++i) f.producer(node).send("orders", 0, std::nullopt, "before-" + std::to_string(i));
    REQUIRE(f.settle());

    const int old_leader = f.cluster.leader(orders0);
    std::vector<sim::NodeIndex> followers;
    for (int id = 1; id <= 3; ++id) {
        if (id != old_leader) followers.push_back(f.cluster.broker_node(id));
    }
    f.cluster.sim().partition({{f.cluster.broker_node(old_leader), f.cluster.zookeeper().node(1), node}, followers});
    for (int i = 0; i < 5; ++i) {
        f.producer(node).send("orders", 0, std::nullopt, "during-" + std::to_string(i));
        f.cluster.run_for(200ms);
    }
    f.cluster.run_for(2s);  // well inside replica.lag.time.max.ms: the ISR is still whole
    f.cluster.crash(old_leader);
    f.cluster.sim().heal();
    REQUIRE(f.cluster.run_until([&] { return f.cluster.leader(orders0) > 0 && f.cluster.leader(orders0) != old_leader; }, 60s));
    f.cluster.wait_for_leader(orders0);
    REQUIRE(f.settle(120s));
    f.cluster.run_for(2s);

    const std::vector<RecordId> survivors = log_record_ids(f.cluster, f.cluster.leader(orders0), orders0);
    return {f.ledger.acknowledged().size(), lost_acknowledged(f.ledger, orders0, survivors), duplicated(survivors)};
}

}  // namespace

TEST_CASE("acks=1 loses acknowledged records when the leader crashes before followers copied them") {
    ProducerConfig config = ProducerConfig::pre_3_0();
    REQUIRE(config.acks == Acks::leader);
    CrashOutcome outcome = leader_cut_off_then_crashed(config);
    CHECK(outcome.acknowledged == 10);
    // The five records written while the followers were cut off were acknowledged by
    // the old leader alone; the new leader never had them.
    CHECK(outcome.lost.size() == 5);
}

TEST_CASE("acks=all with min.insync.replicas=2 loses no acknowledged record when the leader crashes") {
    ProducerConfig config;  // Kafka 3.x defaults: acks=all, idempotence on
    REQUIRE(config.acks == Acks::all);
    CrashOutcome outcome = leader_cut_off_then_crashed(config);
    // Records sent during the cut were only acknowledged once the new leader had them.
    CHECK(outcome.acknowledged == 10);
    CHECK(outcome.lost.empty());
    CHECK(outcome.duplicated.empty());
}
