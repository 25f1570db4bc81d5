// Rebalances as a member sees them: crashes found by session.timeout.ms, clean leaves,
// slow applications past max.poll.interval.ms (KIP-62), process pauses, and the eager
// and cooperative (KIP-429) protocols.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "broker_model/events/model_event.h"
#include "broker_model/group/group_coordinator_hook.h"
#include "consumer/consumer_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

ClusterOptions with_groups(std::uint64_t seed = 42) {
    ClusterOptions options;
    options.seed = seed;
    options.hooks = group_coordinator_hook();
    return options;
}

ConsumerOptions member_of(const std::string& group, std::shared_ptr<ConsumptionLog> log) {
    ConsumerOptions options;
    options.config.group_id = group;
    options.config.auto_offset_reset = AutoOffsetReset::earliest;
    options.topics = {"payments"};
    options.log = std::move(log);
    return options;
}

void fill(TestCluster& cluster, int partitions, int per_partition, const std::string& prefix = "v") {
    for (int p = 0; p < partitions; ++p) {
        auto values = numbered(prefix + std::to_string(p), 0, per_partition);
        REQUIRE(cluster.produce({"payments", p}, values, Acks::all).error == Error::none);
    }
}

std::set<TopicPartition> assignment_of(const ConsumptionLog& log, const std::string& consumer) {
    std::set<TopicPartition> out;
    if (const auto* s = log.find_status(consumer)) {
        for (const auto& [tp, p] : s->assignment) out.insert(tp);
    }
    return out;
}

std::set<TopicPartition> all_partitions(int count) {
    std::set<TopicPartition> out;
    for (int p = 0; p < count; ++p) out.insert({"payments", p});
    return out;
}

/// Starts two members and waits until each owns half of the partitions.
void start_pair(TestCluster& cluster, ConsumerOptions first, ConsumerOptions second, const ConsumptionLog& log,
                sim::NodeIndex& a, sim::NodeIndex& b) {
    a = add_consumer(cluster, "c1", std::move(first));
    b = add_consumer(cluster, "c2", std::move(second));
    REQUIRE(cluster.run_until([&] {
        return assignment_of(log, "c1").size() == 2 && assignment_of(log, "c2").size() == 2 &&
               !log.find_status("c1")->rebalancing && !log.find_status("c2")->rebalancing;
    }, 60s));
}

}  // namespace

TEST_CASE("a crashed member's partitions move only after session.timeout.ms, and its uncommitted records are read again") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 4, 3).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    ConsumerOptions options = member_of("analytics", log);
    options.config.auto_commit_interval = std::chrono::minutes(10);  // nothing committed before the crash
    sim::NodeIndex c1 = 0, c2 = 0;
    start_pair(cluster, options, options, *log, c1, c2);
    fill(cluster, 4, 5);
    REQUIRE(cluster.run_until([&] { return log->deliveries().size() >= 20; }, 20s));
    const auto lost = assignment_of(*log, "c1");
    cluster.sim().crash(c1);  // kill -9: no LeaveGroup
    const sim::Time crashed_at = cluster.sim().now();
    cluster.run_for(40s);
    CHECK(assignment_of(*log, "c2").size() == 2);  // still waiting for the session to expire
    REQUIRE(cluster.run_until([&] { return assignment_of(*log, "c2") == all_partitions(4); }, 20s));
    CHECK(cluster.sim().now() - crashed_at >= 45s);
    REQUIRE(cluster.run_until([&] { return log->deliveries().size() >= 30; }, 10s));
    cluster.run_for(2s);
    // At least once: c1's records were never committed, so c2 reads them again.
    auto counts = log->delivery_counts("analytics");
    CHECK(counts.size() == 20);
    for (const auto& d : log->deliveries_of_consumer("c2")) {
        const bool was_c1s = lost.contains(d.record.partition);
        CHECK(counts[d.record.record_id] == (was_c1s ? 2 : 1));
    }
    CHECK_FALSE(log->find_status("c1")->running);
}

TEST_CASE("a member that closes sends LeaveGroup and its partitions move without waiting for the session timeout") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 4, 3).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    sim::NodeIndex c1 = 0, c2 = 0;
    start_pair(cluster, member_of("analytics", log), member_of("analytics", log), *log, c1, c2);
    fill(cluster, 4, 5);
    REQUIRE(cluster.run_until([&] { return log->deliveries().size() >= 20; }, 20s));
    bool closed = false;
    consumer_at(cluster, c1)->close([&] { closed = true; });
    REQUIRE(cluster.run_until([&] { return closed; }, 5s));
    REQUIRE(cluster.run_until([&] { return assignment_of(*log, "c2") == all_partitions(4); }, 10s));
    cluster.run_for(2s);
    // close() committed with auto-commit, so nothing is read twice.
    auto counts = log->delivery_counts("analytics");
    CHECK(counts.size() == 20);
    CHECK(std::all_of(counts.begin(), counts.end(), [](const auto& c) { return c.second == 1; }));
}

TEST_CASE("the coordinator reports a LeaveGroup as typed steps: the member removed with its reason, then stable") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 4, 3).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    sim::NodeIndex c1 = 0, c2 = 0;
    start_pair(cluster, member_of("analytics", log), member_of("analytics", log), *log, c1, c2);
    auto steps = std::make_shared<std::vector<RebalanceStep>>();
    auto previous = cluster.sim().event_listener();
    cluster.sim().set_event_listener([steps, previous](const sim::TraceRecord& record) {
        if (previous) previous(record);
        const auto* event = record.event_as<ModelEvent>();
        if (const auto* step = event ? std::get_if<RebalanceStep>(event) : nullptr) steps->push_back(*step);
    });
    const std::string leaving = log->find_status("c1")->member_id;
    const Generation before = log->find_status("c2")->generation;
    bool closed = false;
    consumer_at(cluster, c1)->close([&] { closed = true; });
    REQUIRE(cluster.run_until([&] { return closed; }, 5s));
    REQUIRE(cluster.run_until([&] { return assignment_of(*log, "c2") == all_partitions(4); }, 10s));
    cluster.run_for(1s);

    using Step = RebalanceStep::Step;
    REQUIRE_FALSE(steps->empty());
    const RebalanceStep& removed = steps->front();
    CHECK(removed.group == "analytics");
    CHECK(removed.step == Step::member_removed);
    CHECK(removed.member == leaving);
    CHECK(removed.reason == "member " + leaving + " left (LeaveGroup)");
    auto preparing = std::find_if(steps->begin(), steps->end(), [](const auto& s) { return s.step == Step::preparing_rebalance; });
    REQUIRE(preparing != steps->end());
    CHECK(preparing->generation == before.value);
    CHECK(preparing->reason == removed.reason);  // Kafka passes the removal's reason on to the rebalance
    auto stable = std::find_if(steps->begin(), steps->end(), [](const auto& s) { return s.step == Step::stable; });
    REQUIRE(stable != steps->end());
    CHECK(stable->generation == before.value + 1);
    CHECK(stable->generation == log->find_status("c2")->generation.value);
}

TEST_CASE("a slow consumer that exceeds max.poll.interval.ms leaves the group while its heartbeats still flow") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 4, 3).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    ConsumerOptions slow = member_of("analytics", log);
    slow.config.max_poll_interval = 10s;
    slow.workload.processing_per_record = 3s;  // five records take longer than max.poll.interval.ms
    ConsumerOptions fast = member_of("analytics", log);
    fast.config.max_poll_interval = 10s;
    sim::NodeIndex c1 = 0, c2 = 0;
    start_pair(cluster, slow, fast, *log, c1, c2);
    fill(cluster, 4, 5);
    // The slow member's heartbeat thread notices the poll timeout and leaves; the
    // coordinator rebalances at once, long before session.timeout.ms (45 s).
    REQUIRE(cluster.run_until([&] { return assignment_of(*log, "c2") == all_partitions(4); }, 30s));
    CHECK(log->find_status("c1")->member_state == MemberState::unjoined);
    CHECK(log->find_status("c1")->running);
    // What the slow member processed was not committed: the fast one reads it too.
    REQUIRE(cluster.run_until([&] { return log->deliveries_of_consumer("c2").size() >= 20; }, 20s));
    auto counts = log->delivery_counts("analytics");
    CHECK(std::any_of(counts.begin(), counts.end(), [](const auto& c) { return c.second == 2; }));
    // Back from processing, the slow member polls, finds it lost its partitions
    // (onPartitionsLost: no commit), rejoins, and reads its new share from the commits.
    REQUIRE(cluster.run_until([&] {
        return assignment_of(*log, "c1").size() == 2 && !log->find_status("c1")->rebalancing;
    }, 90s));
    CHECK(log->find_status("c1")->partitions_lost == 2);
    fill(cluster, 4, 1, "w");
    REQUIRE(cluster.run_until([&] { return log->delivery_counts("analytics").size() >= 24; }, 30s));
}

TEST_CASE("a process pause longer than session.timeout.ms stops heartbeats so the member is fenced and rejoins") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 4, 3).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    ConsumerOptions options = member_of("analytics", log);
    options.config.session_timeout = 10s;
    sim::NodeIndex c1 = 0, c2 = 0;
    start_pair(cluster, options, options, *log, c1, c2);
    const Generation before = log->find_status("c2")->generation;
    consumer_at(cluster, c1)->pause(20s);  // a long GC
    REQUIRE(cluster.run_until([&] { return assignment_of(*log, "c2") == all_partitions(4); }, 15s));
    // Awake again, c1 learns it was dropped and rejoins; the partitions are shared again.
    REQUIRE(cluster.run_until([&] {
        return assignment_of(*log, "c1").size() == 2 && assignment_of(*log, "c2").size() == 2 &&
               !log->find_status("c1")->rebalancing;
    }, 60s));
    CHECK(log->find_status("c1")->generation.value >= before.value + 2);
}

TEST_CASE("a stalled application keeps its partitions while the stall is shorter than max.poll.interval.ms") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 4, 3).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    ConsumerOptions options = member_of("analytics", log);
    options.config.session_timeout = 10s;
    sim::NodeIndex c1 = 0, c2 = 0;
    start_pair(cluster, options, options, *log, c1, c2);
    const Generation before = log->find_status("c1")->generation;
    // Longer than session.timeout.ms, but heartbeats come from their own thread.
    consumer_at(cluster, c1)->stall(30s);
    cluster.run_for(35s);
    CHECK(log->find_status("c1")->generation == before);
    CHECK(assignment_of(*log, "c1").size() == 2);
}

TEST_CASE("range rebalances eagerly: a member that stays still gives up all its partitions while the group rejoins") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 6, 3).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    ConsumerOptions options = member_of("analytics", log);
    options.config.partition_assignment_strategy = {"range"};
    add_consumer(cluster, "c1", options);
    REQUIRE(cluster.run_until([&] { return assignment_of(*log, "c1").size() == 6; }, 60s));
    add_consumer(cluster, "c2", options);
    REQUIRE(cluster.run_until([&] {
        return assignment_of(*log, "c2").size() == 3 && !log->find_status("c1")->rebalancing;
    }, 60s));
    CHECK(log->find_status("c1")->partitions_revoked == 6);  // eager: everything, before rejoining
    // Range hands contiguous halves out in member id order. Both use the default client
    // id, consumer-analytics-1, so the random rest of the member id decides who is first.
    const std::set<TopicPartition> low{{"payments", 0}, {"payments", 1}, {"payments", 2}};
    const std::set<TopicPartition> high{{"payments", 3}, {"payments", 4}, {"payments", 5}};
    const bool c1_first = log->find_status("c1")->member_id < log->find_status("c2")->member_id;
    CHECK(assignment_of(*log, "c1") == (c1_first ? low : high));
    CHECK(assignment_of(*log, "c2") == (c1_first ? high : low));
}

TEST_CASE("cooperative-sticky keeps a member's partitions while rebalancing and moves the rest in a second rebalance") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 6, 3).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    ConsumerOptions options = member_of("analytics", log);
    options.config.partition_assignment_strategy = {"cooperative-sticky"};
    add_consumer(cluster, "c1", options);
    REQUIRE(cluster.run_until([&] { return assignment_of(*log, "c1").size() == 6; }, 60s));
    const auto before = assignment_of(*log, "c1");
    const Generation first = log->find_status("c1")->generation;
    add_consumer(cluster, "c2", options);
    REQUIRE(cluster.run_until([&] {
        return assignment_of(*log, "c2").size() == 3 && !log->find_status("c1")->rebalancing &&
               !log->find_status("c2")->rebalancing;
    }, 60s));
    CHECK(log->find_status("c1")->partitions_revoked == 3);  // only what moves
    const auto kept = assignment_of(*log, "c1");
    CHECK(kept.size() == 3);
    for (const auto& tp : kept) CHECK(before.contains(tp));
    // KIP-429: one rebalance to revoke, a follow-up to hand the revoked partitions out.
    CHECK(log->find_status("c2")->generation.value == first.value + 2);
    CHECK(log->find_status("c1")->protocol == "cooperative-sticky");
}

TEST_CASE("with pre-3.0 defaults a crashed member's partitions move after the 10 s session timeout") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 4, 3).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    ConsumerOptions options = member_of("analytics", log);
    options.config = ConsumerConfig::defaults_before_3_0();
    options.config.group_id = "analytics";
    sim::NodeIndex c1 = 0, c2 = 0;
    start_pair(cluster, options, options, *log, c1, c2);
    cluster.sim().crash(c1);
    const sim::Time crashed_at = cluster.sim().now();
    REQUIRE(cluster.run_until([&] { return assignment_of(*log, "c2") == all_partitions(4); }, 20s));
    CHECK(cluster.sim().now() - crashed_at >= 10s);
    CHECK(cluster.sim().now() - crashed_at < 15s);
}
