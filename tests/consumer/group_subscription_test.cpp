// A group whose members subscribe to different topics: the leader assigns every
// member's topics, not only its own (ConsumerCoordinator.onLeaderElected and
// updateGroupSubscription: subscribe to the group's topics, wait for fresh metadata,
// then assign; rejoin when the snapshot of the group's topics changes).
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "broker_model/group/group_coordinator_hook.h"
#include "consumer/consumer_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

ClusterOptions with_groups(bool auto_create_topics = true) {
    ClusterOptions options;
    options.seed = 7;
    options.hooks = group_coordinator_hook();
    options.broker.auto_create_topics_enable = auto_create_topics;
    return options;
}

ConsumerOptions member(std::vector<std::string> topics, const std::string& assignor,
                       std::shared_ptr<ConsumptionLog> log) {
    ConsumerOptions options;
    options.config.group_id = "mixed";
    options.config.partition_assignment_strategy = {assignor};
    options.topics = std::move(topics);
    options.log = std::move(log);
    return options;
}

/// Partition -> how many members own it, from every member's last status.
std::map<TopicPartition, int> owners(const ConsumptionLog& log, const std::vector<std::string>& consumers) {
    std::map<TopicPartition, int> out;
    for (const auto& name : consumers) {
        if (const auto* s = log.find_status(name)) {
            for (const auto& [tp, p] : s->assignment) ++out[tp];
        }
    }
    return out;
}

bool settled(const ConsumptionLog& log, const std::vector<std::string>& consumers) {
    for (const auto& name : consumers) {
        const auto* s = log.find_status(name);
        if (s == nullptr || s->rebalancing) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("the group leader assigns the topics only other members subscribe to, for every assignor "
          "(ConsumerCoordinator.onLeaderElected, updateGroupSubscription)") {
    const std::string assignor = GENERATE("range", "roundrobin", "cooperative-sticky");
    INFO("partition.assignment.strategy=" << assignor);
    TestCluster cluster(with_groups());
    REQUIRE(cluster.create_topic("orders", 3, 3).error == Error::none);
    REQUIRE(cluster.create_topic("payments", 2, 3).error == Error::none);
    REQUIRE(cluster.create_topic("refunds", 4, 3).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    // Overlapping, unequal subscriptions: whoever leads lacks at least one topic.
    add_consumer(cluster, "c1", member({"orders", "payments"}, assignor, log));
    add_consumer(cluster, "c2", member({"payments", "refunds"}, assignor, log));
    add_consumer(cluster, "c3", member({"orders", "refunds"}, assignor, log));
    const std::vector<std::string> consumers = {"c1", "c2", "c3"};
    cluster.run_for(60s);
    REQUIRE(settled(*log, consumers));
    const auto owned = owners(*log, consumers);
    std::set<TopicPartition> expected;
    for (int p = 0; p < 3; ++p) expected.insert({"orders", p});
    for (int p = 0; p < 2; ++p) expected.insert({"payments", p});
    for (int p = 0; p < 4; ++p) expected.insert({"refunds", p});
    for (const auto& tp : expected) {
        INFO(tp.to_string());
        CHECK(owned.contains(tp));
        if (owned.contains(tp)) CHECK(owned.at(tp) == 1);
    }
    CHECK(owned.size() == expected.size());
}

TEST_CASE("a topic another member subscribes to that appears after the assignment makes the leader rejoin "
          "(ConsumerCoordinator.rejoinNeededOrPending: the assignment snapshot no longer matches)") {
    TestCluster cluster(with_groups(false));
    REQUIRE(cluster.create_topic("orders", 2, 3).error == Error::none);
    auto log = std::make_shared<ConsumptionLog>();
    auto leader = member({"orders"}, "range", log);
    auto other = member({"orders", "refunds"}, "range", log);
    add_consumer(cluster, "c1", leader);
    cluster.run_for(10s);  // c1 joins alone and leads
    add_consumer(cluster, "c2", other);
    const std::vector<std::string> consumers = {"c1", "c2"};
    cluster.run_for(20s);
    REQUIRE(settled(*log, consumers));
    CHECK(owners(*log, consumers).size() == 2);  // refunds does not exist yet
    REQUIRE(cluster.create_topic("refunds", 2, 3).error == Error::none);
    // The leader's metadata covers refunds (metadata.max.age.ms at most), then it rejoins.
    REQUIRE(cluster.run_until([&] { return owners(*log, consumers).size() == 4 && settled(*log, consumers); },
                              std::chrono::minutes(6)));
    const auto owned = owners(*log, consumers);
    CHECK(owned.at({"refunds", 0}) == 1);
    CHECK(owned.at({"refunds", 1}) == 1);
}
