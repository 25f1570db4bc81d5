// DescribeGroups and ListGroups: what kafka-consumer-groups --describe, --members,
// --state and --list show.
#include <set>

#include "group/group_test_support.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

GroupDescription describe(TestCluster& cluster, int coordinator, const std::string& group_id) {
    auto request = std::make_shared<DescribeGroupsRequest>();
    request->groups = {group_id};
    auto response = call<DescribeGroupsResponse>(cluster, coordinator, request);
    REQUIRE(response);
    REQUIRE(response->groups.size() == 1);
    return response->groups[0];
}

}  // namespace

TEST_CASE("DescribeGroups shows a Stable group's protocol, members, hosts and assignments") {
    TestCluster cluster(group_cluster(3));
    auto& first = add_member(cluster, "member-1");
    auto& second = add_member(cluster, "member-2");
    first.start();
    second.start();
    REQUIRE(cluster.run_until([&] { return first.synced() && second.synced(); }, 60s));
    GroupDescription group = describe(cluster, first.coordinator_id().value, "analytics");
    CHECK(group.error == Error::none);
    CHECK(group.state == "Stable");
    CHECK(group.protocol_type == "consumer");
    CHECK(group.protocol == "range");
    REQUIRE(group.members.size() == 2);
    std::set<TopicPartition> assigned;
    for (const auto& member : group.members) {
        CHECK(member.assignment.size() == 3);
        assigned.insert(member.assignment.begin(), member.assignment.end());
    }
    CHECK(assigned.size() == 6);
    CHECK(group.members[0].member_id == first.member_id());
    CHECK(group.members[0].client_id == "member-1");
    CHECK(group.members[0].client_host == "/member-1");
}

TEST_CASE("DescribeGroups shows PreparingRebalance without assignments while a group rebalances, and Dead for an unknown group") {
    TestCluster cluster(group_cluster(3));
    auto& first = add_member(cluster, "member-1");
    first.start();
    REQUIRE(cluster.run_until([&] { return first.synced(); }, 60s));
    int coordinator = first.coordinator_id().value;
    first.stop_heartbeating();
    // A newcomer starts a rebalance that waits for member-1, which is silent.
    std::string id = call<JoinGroupResponse>(cluster, coordinator, join_request("analytics", ""))->member_id;
    send<JoinGroupResponse>(cluster, coordinator, join_request("analytics", id));
    cluster.run_for(100ms);
    GroupDescription rebalancing = describe(cluster, coordinator, "analytics");
    CHECK(rebalancing.state == "PreparingRebalance");
    CHECK(rebalancing.protocol.empty());
    REQUIRE(rebalancing.members.size() == 2);
    CHECK(rebalancing.members[0].assignment.empty());

    // Kafka answers an unknown group with state Dead and no members, not an error.
    int elsewhere = wait_for_coordinator(cluster, "nobody-here");
    GroupDescription unknown = describe(cluster, elsewhere, "nobody-here");
    CHECK(unknown.error == Error::none);
    CHECK(unknown.state == "Dead");
    CHECK(unknown.members.empty());
}

TEST_CASE("ListGroups on each broker lists the groups it coordinates with their states") {
    TestCluster cluster(group_cluster(3));
    auto& member = add_member(cluster, "member-1");
    member.start();
    REQUIRE(cluster.run_until([&] { return member.synced(); }, 60s));
    int standalone = wait_for_coordinator(cluster, "standalone");
    REQUIRE(call<OffsetCommitResponse>(cluster, standalone,
                                       commit_request("standalone", "", Generation{-1}, "payments", 0, Offset{1}))
                ->results.at(0)
                .second == Error::none);
    std::map<std::string, std::string> listed;
    for (int broker = 1; broker <= 3; ++broker) {
        auto response = call<ListGroupsResponse>(cluster, broker, std::make_shared<ListGroupsRequest>());
        REQUIRE(response);
        CHECK(response->error == Error::none);
        for (const auto& [group, state] : response->groups) listed[group] = state;
    }
    CHECK(listed == std::map<std::string, std::string>{{"analytics", "Stable"}, {"standalone", "Empty"}});
}
