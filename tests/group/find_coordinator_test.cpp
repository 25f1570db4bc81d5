// FindCoordinator and the creation of __consumer_offsets, as Kafka 3.x in ZooKeeper mode.
#include "group/group_test_support.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

TEST_CASE("the coordinator of a group is the leader of its hashed __consumer_offsets partition, created on first lookup") {
    TestCluster cluster(group_cluster(3));
    auto first = std::make_shared<FindCoordinatorRequest>();
    first->key = "analytics";
    // The first lookup finds no __consumer_offsets: the broker creates it and says so.
    auto answer = call<FindCoordinatorResponse>(cluster, 2, first);
    REQUIRE(answer);
    CHECK(answer->error == Error::coordinator_not_available);

    int coordinator = find_coordinator(cluster, "analytics", 2);
    REQUIRE(coordinator > 0);
    // Java's "analytics".hashCode() decides the partition (GroupMetadataManager.partitionFor).
    TopicPartition hashed{consumer_offsets_topic, coordinator_partition("analytics", 50)};
    CHECK(coordinator == cluster.leader(hashed));
    // Every broker gives the same answer from its metadata cache, with the leader's host.
    for (int via = 1; via <= 3; ++via) {
        auto request = std::make_shared<FindCoordinatorRequest>();
        request->key = "analytics";
        auto response = call<FindCoordinatorResponse>(cluster, via, request);
        REQUIRE(response);
        CHECK(response->node_id.value == coordinator);
        CHECK(response->host == "broker-" + std::to_string(coordinator));
    }
    // Kafka's internal topic: offsets.topic.num.partitions, offsets.topic.replication.factor, compacted.
    const auto* topic = cluster.broker(1)->metadata().topic(consumer_offsets_topic);
    REQUIRE(topic);
    CHECK(topic->partitions.size() == 50);
    CHECK(topic->partitions.at(0).replicas.size() == 3);
    CHECK(topic->configs.at("cleanup.policy") == "compact");
}

TEST_CASE("with fewer live brokers than offsets.topic.replication.factor there is no coordinator until enough brokers are up") {
    TestCluster cluster(group_cluster(3));
    cluster.crash(3);
    // The controller learns of the death when the ZooKeeper session expires (18 s).
    cluster.run_for(25s);
    REQUIRE(cluster.broker(1)->metadata().live_brokers().size() == 2);
    // Kafka 3.x refuses to create the offsets topic with replication factor 3 on two
    // brokers; consumers keep getting COORDINATOR_NOT_AVAILABLE.
    CHECK(find_coordinator(cluster, "analytics", 1, 10s) == -1);
    CHECK(cluster.broker(1)->metadata().topic(consumer_offsets_topic) == nullptr);

    cluster.restart(3);
    cluster.wait_until_ready();
    CHECK(find_coordinator(cluster, "analytics", 1) > 0);
}

TEST_CASE("a broker that does not lead the group's partition answers NOT_COORDINATOR to group requests") {
    TestCluster cluster(group_cluster(3));
    int coordinator = wait_for_coordinator(cluster, "analytics");
    REQUIRE(coordinator > 0);
    int other = coordinator % 3 + 1;
    auto join = call<JoinGroupResponse>(cluster, other, join_request("analytics", ""));
    REQUIRE(join);
    CHECK(join->error == Error::not_coordinator);
    auto fetch = std::make_shared<OffsetFetchRequest>();
    fetch->group_id = "analytics";
    auto offsets = call<OffsetFetchResponse>(cluster, other, fetch);
    REQUIRE(offsets);
    CHECK(offsets->error == Error::not_coordinator);
}
