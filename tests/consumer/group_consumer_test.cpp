// Consumers in groups (subscribe): the coordinator splits partitions among a group's
// members, each group reads everything, committed offsets decide where a member starts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

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

ConsumerOptions member_of(const std::string& group, std::vector<std::string> topics, std::shared_ptr<ConsumptionLog> log) {
    ConsumerOptions options;
    options.config.group_id = group;
    options.config.auto_offset_reset = AutoOffsetReset::earliest;
    options.topics = std::move(topics);
    options.log = std::move(log);
    return options;
}

/// Produces `per_partition` records to each partition of `topic`; returns how many.
int fill(TestCluster& cluster, const std::string& topic, int partitions, int per_partition) {
    for (int p = 0; p < partitions; ++p) {
        REQUIRE(cluster.produce({topic, p}, numbered(topic + std::to_string(p), 0, per_partition), Acks::all).error ==
                Error::none);
    }
    return partitions * per_partition;
}

std::set<TopicPartition> assignment_of(const ConsumptionLog& log, const std::string& consumer) {
    std::set<TopicPartition> out;
    if (const auto* s = log.find_status(consumer)) {
        for (const auto& [tp, p] : s->assignment) out.insert(tp);
    }
    return out;
}

}  // namespace

TEST_CASE("two consumers of one group split the partitions and together read every record exactly once") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 4, 3).error == Error::none);
    const int total = fill(cluster, "payments", 4, 10);
    auto log = std::make_shared<ConsumptionLog>();
    add_consumer(cluster, "analytics-1", member_of("analytics", {"payments"}, log));
    add_consumer(cluster, "analytics-2", member_of("analytics", {"payments"}, log));
    REQUIRE(cluster.run_until([&] { return log->deliveries_of_group("analytics").size() >= std::size_t(total); }, 60s));
    cluster.run_for(5s);
    auto counts = log->delivery_counts("analytics");
    CHECK(counts.size() == std::size_t(total));
    CHECK(std::all_of(counts.begin(), counts.end(), [](const auto& c) { return c.second == 1; }));
    // Range assignor (the first of the 3.x default list): two partitions each.
    auto first = assignment_of(*log, "analytics-1");
    auto second = assignment_of(*log, "analytics-2");
    CHECK(first.size() == 2);
    CHECK(second.size() == 2);
    for (const auto& tp : first) CHECK_FALSE(second.contains(tp));
    const auto* s1 = log->find_status("analytics-1");
    const auto* s2 = log->find_status("analytics-2");
    CHECK(s1->generation == s2->generation);
    CHECK(s1->member_state == MemberState::stable);
    CHECK(s1->protocol == "range");
    CHECK_FALSE(s1->rebalancing);
    // Member ids start with the client id; without client.id that is ConsumerConfig's
    // default, "consumer-<group>-<n>", n = 1 in each consumer's own JVM.
    CHECK(s1->client_id == "consumer-analytics-1");
    CHECK(s1->member_id.rfind("consumer-analytics-1-", 0) == 0);
    CHECK(s2->member_id.rfind("consumer-analytics-1-", 0) == 0);
}

TEST_CASE("two groups each read every record of the topic") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 2, 3).error == Error::none);
    const int total = fill(cluster, "payments", 2, 5);
    auto log = std::make_shared<ConsumptionLog>();
    add_consumer(cluster, "analytics-1", member_of("analytics", {"payments"}, log));
    add_consumer(cluster, "billing-1", member_of("billing", {"payments"}, log));
    REQUIRE(cluster.run_until([&] {
        return log->deliveries_of_group("analytics").size() >= std::size_t(total) &&
               log->deliveries_of_group("billing").size() >= std::size_t(total);
    }, 60s));
    for (int p = 0; p < 2; ++p) {
        CHECK(log->values_of("analytics", {"payments", p}) == numbered("payments" + std::to_string(p), 0, 5));
        CHECK(log->values_of("billing", {"payments", p}) == numbered("payments" + std::to_string(p), 0, 5));
    }
}

TEST_CASE("auto-commit commits the positions of records already returned, every auto.commit.interval.ms") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    fill(cluster, "payments", 1, 8);
    auto log = std::make_shared<ConsumptionLog>();
    add_consumer(cluster, "analytics-1", member_of("analytics", {"payments"}, log));
    REQUIRE(cluster.run_until([&] { return log->deliveries().size() >= 8; }, 60s));
    const sim::Time read_at = cluster.sim().now();
    REQUIRE(cluster.run_until([&] { return log->last_committed("analytics")[{"payments", 0}] == Offset{8}; }, 10s));
    // The commit comes from a later poll, at most one interval after the records arrived.
    CHECK(cluster.sim().now() - read_at <= 5s + 200ms);
    for (const auto& c : log->commits()) CHECK(c.automatic);
    CHECK(log->find_status("analytics-1")->committed.at({"payments", 0}) == Offset{8});
}

TEST_CASE("a restarted member resumes from the group's committed offset, not from auto.offset.reset") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    fill(cluster, "payments", 1, 5);
    auto log = std::make_shared<ConsumptionLog>();
    ConsumerOptions options = member_of("analytics", {"payments"}, log);
    options.config.enable_auto_commit = false;
    options.workload.commit_after_processing = ConsumerWorkload::Commit::sync;
    sim::NodeIndex node = add_consumer(cluster, "analytics-1", options);
    REQUIRE(cluster.run_until([&] { return log->last_committed("analytics")[{"payments", 0}] == Offset{5}; }, 60s));
    bool closed = false;
    consumer_at(cluster, node)->close([&] { closed = true; });
    REQUIRE(cluster.run_until([&] { return closed; }, 10s));
    cluster.sim().crash(node);
    REQUIRE(cluster.produce({"payments", 0}, numbered("later", 0, 3), Acks::all).error == Error::none);
    cluster.sim().restart(node);
    REQUIRE(cluster.run_until([&] { return log->deliveries().size() >= 8; }, 60s));
    cluster.run_for(2s);
    auto all = values(log->deliveries());
    CHECK(all.size() == 8);  // earliest would have re-read the first five
    CHECK(std::vector<std::string>(all.begin() + 5, all.end()) == numbered("later", 0, 3));
    for (const auto& c : log->commits()) CHECK_FALSE(c.automatic);
}

TEST_CASE("a consumer without group.id gets a random console-consumer group and reads from the reset position") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 2, 3).error == Error::none);
    const int total = fill(cluster, "payments", 2, 4);
    auto log = std::make_shared<ConsumptionLog>();
    ConsumerOptions options;
    options.config.random_group_id = true;
    options.config.auto_offset_reset = AutoOffsetReset::earliest;  // --from-beginning
    options.topics = {"payments"};
    options.log = log;
    sim::NodeIndex node = add_consumer(cluster, "console", options);
    REQUIRE(cluster.run_until([&] { return log->deliveries().size() >= std::size_t(total); }, 60s));
    cluster.run_for(6s);
    const std::string group = consumer_at(cluster, node)->group_id();
    CHECK(group.rfind("console-consumer-", 0) == 0);
    CHECK(std::stoi(group.substr(17)) < 100000);
    CHECK(log->deliveries_of_group(group).size() == std::size_t(total));
    // kafka-console-consumer turns auto-commit off for the group it made up.
    CHECK(log->commits().empty());
}

TEST_CASE("a subscribe without any group is refused like InvalidGroupIdException and reads nothing") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    fill(cluster, "payments", 1, 2);
    auto log = std::make_shared<ConsumptionLog>();
    ConsumerOptions options;
    options.topics = {"payments"};
    options.log = log;
    add_consumer(cluster, "nogroup", options);
    cluster.run_for(5s);
    CHECK(log->deliveries().empty());
    CHECK(log->find_status("nogroup")->error == Error::invalid_group_id);
}

TEST_CASE("an assigned consumer with a group.id commits without joining and resumes from its commit after a restart") {
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    fill(cluster, "payments", 1, 4);
    auto log = std::make_shared<ConsumptionLog>();
    ConsumerOptions options;
    options.config.group_id = "audit";
    options.config.auto_offset_reset = AutoOffsetReset::earliest;
    options.config.auto_commit_interval = 1s;
    options.partitions = {{"payments", 0}};
    options.log = log;
    sim::NodeIndex node = add_consumer(cluster, "auditor", options);
    REQUIRE(cluster.run_until([&] { return log->last_committed("audit")[{"payments", 0}] == Offset{4}; }, 60s));
    for (const auto& c : log->commits()) CHECK(c.generation == Generation{-1});  // no membership
    CHECK(log->find_status("auditor")->member_id.empty());
    cluster.sim().crash(node);
    REQUIRE(cluster.produce({"payments", 0}, numbered("later", 0, 2), Acks::all).error == Error::none);
    cluster.sim().restart(node);
    REQUIRE(cluster.run_until([&] { return log->deliveries().size() >= 6; }, 30s));
    cluster.run_for(2s);
    CHECK(log->deliveries().size() == 6);
    CHECK(log->deliveries().back().record.value == "later-1");
}
