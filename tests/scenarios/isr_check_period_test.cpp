// How soon a leader drops a silent follower from the ISR, by Kafka era. ReplicaManager's
// "isr-expiration" task ran every replica.lag.time.max.ms until 0.10.1 and every half of
// it from 0.10.2 (KAFKA-4485): a follower that stops fetching leaves the ISR between
// 1 and 2 lag bounds later in the old eras, between 1 and 1.5 in the newer ones.
#include <algorithm>

#include <catch2/catch.hpp>

#include "scenarios/runner/config_mapping.h"
#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

/// The broker settings a scenario of `era` gets, with a 4 s lag bound and a ZooKeeper
/// session long enough that only the leader's ISR check removes a stopped follower.
BrokerConfig era_broker(KafkaVersion era) {
    scenarios::BrokerSpec spec;
    spec.properties.set_era(era);
    spec.properties.set("replica.lag.time.max.ms", "4000");
    spec.properties.set("zookeeper.session.timeout.ms", "120000");
    return scenarios::broker_config(spec, scenarios::ZooKeeperSpec{});
}

/// The longest time, over stops at ten phases of the check's period, from a follower's
/// last fetch to the ISR without it.
sim::Duration slowest_isr_shrink(const BrokerConfig& broker) {
    sim::Duration slowest{};
    for (int phase = 0; phase < 10; ++phase) {
        ClusterOptions options;
        options.broker = broker;
        TestCluster cluster(options);
        const TopicPartition tp{"orders", 0};
        REQUIRE(cluster.create_topic("orders", 1, 3).error == Error::none);
        cluster.wait_for_leader(tp);
        cluster.run_for(std::chrono::milliseconds(400 * phase));
        const int leader = cluster.leader(tp);
        const int follower = leader == 3 ? 2 : 3;
        // Data keeps coming, so the stopped follower falls behind the leader's end.
        REQUIRE(cluster.produce(tp, {"a"}, Acks::leader).error == Error::none);
        cluster.crash(follower);
        const sim::Time stopped = cluster.sim().now();
        REQUIRE(cluster.produce(tp, {"b"}, Acks::leader).error == Error::none);
        REQUIRE(cluster.run_until([&] {
            auto isr = cluster.isr(tp);
            return std::find(isr.begin(), isr.end(), follower) == isr.end();
        }, 30s));
        slowest = std::max(slowest, cluster.sim().now() - stopped);
    }
    return slowest;
}

}  // namespace

TEST_CASE("before 0.10.2 the ISR check ran every replica.lag.time.max.ms, since then every half of it (KAFKA-4485)") {
    const BrokerConfig old_era = era_broker(KafkaVersion{0, 10, 0});
    const BrokerConfig new_era = era_broker(KafkaVersion{3, 6, 0});
    REQUIRE(old_era.replica_lag_time_max == 4s);
    REQUIRE(new_era.replica_lag_time_max == 4s);
    const sim::Duration old_slowest = slowest_isr_shrink(old_era);
    const sim::Duration new_slowest = slowest_isr_shrink(new_era);
    INFO("0.10: " << sim::format_duration(old_slowest) << ", 3.6: " << sim::format_duration(new_slowest));
    CHECK(new_slowest <= 6s + 200ms);
    CHECK(old_slowest > 6s + 400ms);
    CHECK(old_slowest <= 8s + 200ms);
}
