// States the model should never reach, made by hand in a test (a follower's log cut
// behind the leader's back, a second leader for one epoch, overlapping batches), are
// reported with the simulated time, the event number, the partition and the values.
#include <catch2/catch.hpp>

#include "broker_model/log/record_data.h"
#include "scenarios/invariants/model_invariants.h"
#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;
using kafkalab::invariants::InvariantViolation;
using kafkalab::invariants::ModelInvariants;

namespace {

const TopicPartition orders{"orders", 0};

/// Three brokers, "orders" replicated three ways, three records committed on every replica.
struct CommittedCluster {
    TestCluster cluster{ClusterOptions{}};
    int leader = 0;
    int follower = 0;

    CommittedCluster() {
        REQUIRE(cluster.create_topic("orders", 1, 3).error == Error::none);
        cluster.wait_for_leader(orders);
        REQUIRE(cluster.produce(orders, {"a", "b", "c"}, Acks::all).error == Error::none);
        cluster.run_for(1s);
        leader = cluster.leader(orders);
        follower = leader == 1 ? 2 : 1;
        REQUIRE(cluster.log(leader, orders)->high_watermark() == Offset{3});
        REQUIRE(cluster.isr(orders).size() == 3);
    }
};

/// Runs until the checker throws; the violation, or a failed test.
invariants::Violation run_until_violation(TestCluster& cluster) {
    try {
        cluster.run_for(5s);
    } catch (const InvariantViolation& violation) {
        return violation.violation();
    }
    FAIL("no invariant violation was reported");
    return {};
}

}  // namespace

TEST_CASE("a healthy cluster under a crash and a restart breaks no invariant") {
    CommittedCluster c;
    ModelInvariants checker(c.cluster.sim());
    checker.install();
    c.cluster.crash(c.leader);
    REQUIRE(c.cluster.run_until([&] { return c.cluster.leader(orders) != c.leader && c.cluster.leader(orders) > 0; }));
    CHECK(c.cluster.produce(orders, {"d"}, Acks::all).error == Error::none);
    c.cluster.restart(c.leader);
    REQUIRE(c.cluster.run_until([&] { return c.cluster.isr(orders).size() == 3; }));
    CHECK(checker.check_all() == std::nullopt);
    CHECK(checker.counts().events > 100);
    CHECK(checker.counts().isr_members > 0);
}

TEST_CASE("an ISR follower whose log is cut below the high watermark is reported at that event") {
    CommittedCluster c;
    ModelInvariants checker(c.cluster.sim());
    checker.install();
    const sim::Time cut_at = c.cluster.sim().now() + 1s;
    c.cluster.sim().at(cut_at, "test: cut a follower's log", [&] { c.cluster.log(c.follower, orders)->truncate_to(Offset{1}); });
    const auto violation = run_until_violation(c.cluster);
    CHECK(violation.invariant == "high watermark within the ISR");
    CHECK(violation.time == cut_at);
    CHECK(violation.event_number == c.cluster.sim().scheduler().fired());
    CHECK(violation.seed == 42);
    const std::string follower = "broker-" + std::to_string(c.follower);
    CHECK_THAT(violation.detail, Catch::Contains("orders-0") && Catch::Contains(follower) &&
                                     Catch::Contains("log end offset 1") && Catch::Contains("high watermark 3"));
    CHECK_THAT(violation.to_string(), Catch::StartsWith("invariant 'high watermark within the ISR' violated at " +
                                                        sim::format_time(cut_at) + ", event " +
                                                        std::to_string(violation.event_number) + " (seed 42): "));
}

TEST_CASE("a second broker made leader in the same leader epoch is reported") {
    CommittedCluster c;
    ModelInvariants checker(c.cluster.sim());
    checker.install();
    // What a buggy controller would send: the follower leads, in the epoch it follows in.
    const Partition* partition = c.cluster.broker(c.follower)->replicas().partition(orders);
    REQUIRE(partition != nullptr);
    LeaderAndIsrRequest request;
    request.controller_epoch = c.cluster.broker(c.follower)->replicas().controller_epoch();
    PartitionState state = partition->state();
    state.leadership.leader = BrokerId{c.follower};
    state.leadership.partition_epoch += 1;
    request.partitions.push_back(state);
    const sim::Time at = c.cluster.sim().now() + 1s;
    c.cluster.sim().at(at, "test: a second leader", [&] { c.cluster.broker(c.follower)->replicas().handle_leader_and_isr(request); });
    const auto violation = run_until_violation(c.cluster);
    CHECK(violation.invariant == "one leader per epoch");
    CHECK(violation.time == at);
    CHECK_THAT(violation.detail, Catch::Contains("orders-0: broker-" + std::to_string(c.follower) + " leads leader epoch " +
                                                 std::to_string(state.leadership.leader_epoch.value)) &&
                                     Catch::Contains("broker-" + std::to_string(c.leader) + " led"));
}

TEST_CASE("a log whose batches overlap or hold no record breaks strictly increasing offsets") {
    auto two = [](RecordId first) { return RecordDataBuilder().add(std::nullopt, "v", 0, first).add(std::nullopt, "w", 0, first + 1).build(); };
    std::vector<StoredBatch> batches = {StoredBatch::whole(two(1), Offset{0}, LeaderEpoch{0}),
                                        StoredBatch::whole(two(3), Offset{2}, LeaderEpoch{0})};
    CHECK(invariants::check_batch_offsets(batches, 0, Offset{0}) == std::nullopt);
    batches[1].base_offset = Offset{1};
    CHECK(invariants::check_batch_offsets(batches, 0, Offset{0}) ==
          "batch 1 starts at offset 1, but offsets up to 1 are already taken");
    batches[1].base_offset = Offset{2};
    batches[1].record_count = 0;
    CHECK(invariants::check_batch_offsets(batches, 1, Offset{2}) == "batch 1 at offset 2 holds no record");
    CHECK(invariants::check_batch_offsets(batches, 0, Offset{5}) ==
          "batch 0 starts at offset 0, but offsets up to 4 are already taken");
}

TEST_CASE("a consumer position past every high watermark the partition had is reported") {
    CHECK(invariants::check_consumer_position("c1", orders, Offset{3}, Offset{3}) == std::nullopt);
    CHECK(invariants::check_consumer_position("c1", orders, Offset{4}, Offset{3}) ==
          "orders-0: consumer c1 is at position 4, but no replica's high watermark was ever above 3");
}

namespace {

/// What a controller that never saw the follower die sends it when it is back: follow
/// the same leader, in the same epoch, as an ISR member (Kafka's ZooKeeper era does so
/// when there was no controller at its session's expiry, or it was the controller).
void rejoin_as_isr_member(CommittedCluster& c) {
    const Partition* leader = c.cluster.broker(c.leader)->replicas().partition(orders);
    REQUIRE(leader != nullptr);
    LeaderAndIsrRequest request;
    request.controller_epoch = c.cluster.broker(c.leader)->replicas().controller_epoch();
    request.partitions.push_back(leader->state());
    c.cluster.broker(c.follower)->replicas().handle_leader_and_isr(request);
}

}  // namespace

TEST_CASE("an ISR member that lost its unflushed tail to a power loss while in the ISR is Kafka-faithful, not a bug") {
    // KIP-966's "last replica standing": no fsync, and nobody took the broker out of the
    // ISR. ZooKeeper is down here, so the restarted broker cannot register (and exit on
    // its old registration) before the hand-made LeaderAndIsr arrives.
    CommittedCluster c;
    ModelInvariants checker(c.cluster.sim());
    checker.install();
    c.cluster.sim().crash(*c.cluster.sim().find_node("zk-1"));
    // Faults as a scenario schedules them: each an event of its own, which the checker sees.
    const sim::Time now = c.cluster.sim().now();
    c.cluster.sim().at(now + 1ms, "test: power loss", [&] { c.cluster.power_loss(c.follower); });
    c.cluster.sim().at(now + 2ms, "test: restart", [&] { c.cluster.restart(c.follower); });
    c.cluster.run_for(100ms);
    REQUIRE(c.cluster.broker(c.follower) != nullptr);
    REQUIRE(c.cluster.log(c.follower, orders)->log_end_offset() == Offset{0});
    c.cluster.sim().at(c.cluster.sim().now() + 1ms, "test: rejoin as ISR member", [&] { rejoin_as_isr_member(c); });
    CHECK_NOTHROW(c.cluster.run_for(1s));
    CHECK(checker.counts().lost_tail_isr_members > 0);
}

TEST_CASE("the same shortfall after a crash that kept the log, or after the ISR dropped the member, is still a bug") {
    CommittedCluster c;
    ModelInvariants checker(c.cluster.sim());
    checker.install();
    c.cluster.sim().crash(*c.cluster.sim().find_node("zk-1"));
    const sim::Time now = c.cluster.sim().now();
    c.cluster.sim().at(now + 1ms, "test: kill -9", [&] { c.cluster.crash(c.follower); });  // the page cache keeps the log
    c.cluster.sim().at(now + 2ms, "test: restart", [&] { c.cluster.restart(c.follower); });
    c.cluster.run_for(100ms);
    REQUIRE(c.cluster.broker(c.follower) != nullptr);
    const sim::Time at = c.cluster.sim().now() + 1ms;
    c.cluster.sim().at(at, "test: cut the log and rejoin", [&] {
        c.cluster.log(c.follower, orders)->truncate_to(Offset{0});
        rejoin_as_isr_member(c);
    });
    const auto violation = run_until_violation(c.cluster);
    CHECK(violation.invariant == "high watermark within the ISR");
    CHECK(violation.time == at);
    CHECK(checker.counts().lost_tail_isr_members == 0);
}
