// Consumers across broker failures: leader failover of the partitions they read, of
// their group's coordinator, and determinism of the whole run.
#include <catch2/catch.hpp>

#include <sstream>

#include "broker_model/group/group_coordinator_hook.h"
#include "consumer/consumer_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

const TopicPartition payments0{"payments", 0};

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

/// Every delivery as one line: who, what, where and when.
std::string describe(const ConsumptionLog& log) {
    std::ostringstream out;
    for (const auto& d : log.deliveries()) {
        out << d.consumer << ' ' << d.record.partition.to_string() << '@' << d.record.offset << ' ' << d.record.value
            << ' ' << d.time.time_since_epoch().count() << '\n';
    }
    for (const auto& c : log.commits()) {
        out << "commit " << c.consumer << ' ' << c.partition.to_string() << '@' << c.offset << ' '
            << error_name(c.error) << ' ' << c.time.time_since_epoch().count() << '\n';
    }
    return out.str();
}

}  // namespace

TEST_CASE("an assigned consumer follows the new leader after the leader crashes and misses no acknowledged record") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    REQUIRE(cluster.produce(payments0, numbered("before", 0, 10), Acks::all).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    ConsumerOptions options;
    options.config.auto_offset_reset = AutoOffsetReset::earliest;
    options.partitions = {payments0};
    options.log = log;
    add_consumer(cluster, "reader", options);
    REQUIRE(cluster.run_until([&] { return log->deliveries().size() >= 10; }, 10s));
    const int old_leader = cluster.leader(payments0);
    cluster.crash(old_leader);
    // The controller elects a new leader from the ISR once the old one's ZooKeeper session expires.
    REQUIRE(cluster.run_until([&] {
        int leader = cluster.leader(payments0);
        return leader > 0 && leader != old_leader;
    }, 40s));
    cluster.wait_for_leader(payments0);
    for (int i = 0; i < 10; ++i) {
        REQUIRE(cluster.produce(payments0, numbered("after", i, 1), Acks::all).error == Error::none);
    }
    REQUIRE(cluster.run_until([&] { return log->deliveries().size() >= 20; }, 20s));
    cluster.run_for(2s);
    auto expected = numbered("before", 0, 10);
    for (const auto& v : numbered("after", 0, 10)) expected.push_back(v);
    CHECK(values(log->deliveries()) == expected);
    CHECK(log->poll_anomalies().empty());
}

TEST_CASE("a group keeps consuming when its coordinator's broker crashes, and committed offsets survive") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 2, 3).error == Error::none);
    for (int p = 0; p < 2; ++p) {
        REQUIRE(cluster.produce({"payments", p}, numbered("a" + std::to_string(p), 0, 5), Acks::all).error == Error::none);
    }
    auto log = std::make_shared<ConsumptionLog>();
    ConsumerOptions options = member_of("analytics", log);
    options.config.auto_commit_interval = 1s;
    add_consumer(cluster, "c1", options);
    REQUIRE(cluster.run_until([&] {
        auto committed = log->last_committed("analytics");
        return committed[{"payments", 0}] == Offset{5} && committed[{"payments", 1}] == Offset{5};
    }, 60s));
    const auto* status = log->find_status("c1");
    REQUIRE(status->coordinator.has_value());
    const int coordinator = status->coordinator->value;
    cluster.crash(coordinator);
    REQUIRE(cluster.run_until([&] {
        const auto* s = log->find_status("c1");
        return s->coordinator && s->coordinator->value != coordinator && !s->rebalancing;
    }, 90s));
    for (int p = 0; p < 2; ++p) {
        const TopicPartition tp{"payments", p};
        cluster.wait_for_leader(tp);
        REQUIRE(cluster.produce(tp, numbered("b" + std::to_string(p), 0, 5), Acks::all).error == Error::none);
    }
    REQUIRE(cluster.run_until([&] { return log->delivery_counts("analytics").size() >= 20; }, 60s));
    // Nothing committed before the crash is read twice: the new coordinator loaded the offsets.
    auto counts = log->delivery_counts("analytics");
    CHECK(std::all_of(counts.begin(), counts.end(), [](const auto& c) { return c.second == 1; }));
}

TEST_CASE("the same seed gives the same consumption log and trace, and another seed a different trace") {
    auto run = [](std::uint64_t seed) {
        ClusterOptions options = with_groups(seed);
        options.link.jitter = std::chrono::microseconds(300);
        TestCluster cluster(options);
        sim::Trace trace(false);
        cluster.sim().set_trace(&trace);
        cluster.create_topic("payments", 3, 3);
        auto log = std::make_shared<ConsumptionLog>();
        sim::NodeIndex c1 = add_consumer(cluster, "c1", member_of("analytics", log));
        add_consumer(cluster, "c2", member_of("analytics", log));
        for (int i = 0; i < 12; ++i) cluster.produce({"payments", i % 3}, numbered("v", i, 1), Acks::all);
        cluster.run_for(10s);
        cluster.sim().crash(c1);
        for (int i = 12; i < 18; ++i) cluster.produce({"payments", i % 3}, numbered("v", i, 1), Acks::all);
        cluster.run_for(60s);
        return std::pair{describe(*log), trace.hash()};
    };
    auto first = run(7);
    auto second = run(7);
    CHECK(!first.first.empty());
    CHECK(first.first == second.first);
    CHECK(first.second == second.second);
    CHECK(run(8).second != first.second);
}
