// The group state machine as members see it: joins, generations, leaders, SyncGroup
// assignments, and the rebalances that members joining, leaving and failing cause.
#include <algorithm>
#include <set>

#include "group/group_test_support.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

std::set<TopicPartition> all_of(const std::vector<const ScriptedMember*>& members) {
    std::set<TopicPartition> all;
    for (const auto* member : members) all.insert(member->assignment().begin(), member->assignment().end());
    return all;
}

std::size_t assigned_count(const std::vector<const ScriptedMember*>& members) {
    std::size_t count = 0;
    for (const auto* member : members) count += member->assignment().size();
    return count;
}

GroupPtr coordinator_group(TestCluster& cluster, int coordinator, const std::string& group_id) {
    return group_coordinator_of(*cluster.broker(coordinator))->group(group_id);
}

}  // namespace

TEST_CASE("two members joining form one generation with one leader, and each gets its part of the assignment") {
    TestCluster cluster(group_cluster(3));
    auto& first = add_member(cluster, "member-1");
    auto& second = add_member(cluster, "member-2");
    first.start();
    cluster.run_for(500ms);
    second.start();
    REQUIRE(cluster.run_until([&] { return first.synced() && second.synced(); }, 60s));
    CHECK(first.generation() == Generation{1});
    CHECK(second.generation() == Generation{1});
    // The first member to join leads; both hear the same leader.
    CHECK(first.is_leader());
    CHECK(second.leader() == first.member_id());
    CHECK(first.protocol() == "range");
    // Range over 6 partitions: 3 each, nothing twice, nothing missing.
    CHECK(first.assignment().size() == 3);
    CHECK(second.assignment().size() == 3);
    CHECK(all_of({&first, &second}).size() == 6);
    CHECK(coordinator_group(cluster, first.coordinator_id().value, "analytics")->is(GroupState::stable));
}

TEST_CASE("the initial rebalance delay holds the first generation back by group.initial.rebalance.delay.ms") {
    TestCluster cluster(group_cluster(3));
    int coordinator = wait_for_coordinator(cluster, "analytics");
    auto id_request = call<JoinGroupResponse>(cluster, coordinator, join_request("analytics", ""));
    REQUIRE(id_request);
    REQUIRE(id_request->error == Error::member_id_required);
    sim::Time joined = cluster.sim().now();
    auto response = send<JoinGroupResponse>(cluster, coordinator, join_request("analytics", id_request->member_id));
    REQUIRE(cluster.run_until([&] { return response->has_value(); }, 10s));
    sim::Duration waited = cluster.sim().now() - joined;
    CHECK(waited >= 3s);
    CHECK(waited < 3s + 50ms);
    CHECK((*response)->generation_id == Generation{1});
    CHECK((*response)->leader == id_request->member_id);
    REQUIRE((*response)->members.size() == 1);  // the leader gets the member list
}

TEST_CASE("a member joining during the initial rebalance delay extends it by another delay (InitialDelayedJoin)") {
    TestCluster cluster(group_cluster(3));
    int coordinator = wait_for_coordinator(cluster, "analytics");
    auto a_id = call<JoinGroupResponse>(cluster, coordinator, join_request("analytics", ""))->member_id;
    auto b_id = call<JoinGroupResponse>(cluster, coordinator, join_request("analytics", ""))->member_id;
    sim::Time start = cluster.sim().now();
    auto a = send<JoinGroupResponse>(cluster, coordinator, join_request("analytics", a_id));
    cluster.run_for(2s);
    auto b = send<JoinGroupResponse>(cluster, coordinator, join_request("analytics", b_id));
    REQUIRE(cluster.run_until([&] { return a->has_value() && b->has_value(); }, 20s));
    // Without the second member the group would have formed at 3 s; it waited one more delay.
    sim::Duration waited = cluster.sim().now() - start;
    CHECK(waited >= 6s);
    CHECK(waited < 6s + 50ms);
    CHECK((*a)->generation_id == Generation{1});
    CHECK((*b)->generation_id == Generation{1});
    CHECK((*a)->members.size() == 2);
    CHECK((*b)->members.empty());
}

TEST_CASE("while a rebalance is in progress heartbeats and SyncGroup get REBALANCE_IN_PROGRESS until the member rejoins") {
    TestCluster cluster(group_cluster(3));
    int coordinator = wait_for_coordinator(cluster, "analytics");
    std::string a = call<JoinGroupResponse>(cluster, coordinator, join_request("analytics", ""))->member_id;
    auto joined = call<JoinGroupResponse>(cluster, coordinator, join_request("analytics", a));
    REQUIRE(joined);
    auto sync = std::make_shared<SyncGroupRequest>();
    sync->group_id = "analytics";
    sync->member_id = a;
    sync->generation_id = joined->generation_id;
    sync->assignments[a] = {{"payments", 0}};
    REQUIRE(call<SyncGroupResponse>(cluster, coordinator, sync)->error == Error::none);
    CHECK(call<HeartbeatResponse>(cluster, coordinator, heartbeat_request("analytics", a, Generation{1}))->error ==
          Error::none);

    // A second member joins: the group prepares a rebalance and waits for `a` to rejoin.
    std::string b = call<JoinGroupResponse>(cluster, coordinator, join_request("analytics", ""))->member_id;
    auto b_join = send<JoinGroupResponse>(cluster, coordinator, join_request("analytics", b));
    cluster.run_for(100ms);
    CHECK(!b_join->has_value());
    CHECK(call<HeartbeatResponse>(cluster, coordinator, heartbeat_request("analytics", a, Generation{1}))->error ==
          Error::rebalance_in_progress);
    CHECK(call<SyncGroupResponse>(cluster, coordinator, sync)->error == Error::rebalance_in_progress);

    auto a_join = send<JoinGroupResponse>(cluster, coordinator, join_request("analytics", a));
    REQUIRE(cluster.run_until([&] { return a_join->has_value() && b_join->has_value(); }, 5s));
    CHECK((*a_join)->generation_id == Generation{2});
    CHECK((*b_join)->generation_id == Generation{2});
    CHECK((*a_join)->leader == a);  // the leader keeps its role when it rejoins
    // The old generation is fenced.
    CHECK(call<HeartbeatResponse>(cluster, coordinator, heartbeat_request("analytics", a, Generation{1}))->error ==
          Error::illegal_generation);
    CHECK(call<HeartbeatResponse>(cluster, coordinator, heartbeat_request("analytics", "nobody", Generation{2}))
              ->error == Error::unknown_member_id);
}

TEST_CASE("a member that stops heartbeating is removed after session.timeout.ms and the rest rebalance into a new generation") {
    TestCluster cluster(group_cluster(3));
    auto& first = add_member(cluster, "member-1");
    auto& second = add_member(cluster, "member-2");
    first.start();
    second.start();
    REQUIRE(cluster.run_until([&] { return first.synced() && second.synced(); }, 60s));
    Generation before = first.generation();
    second.stop_heartbeating();
    sim::Time hung = cluster.sim().now();
    // session.timeout.ms is 45 s (Kafka 3.x default): nothing happens before it.
    cluster.run_for(44s);
    CHECK(first.generation() == before);
    REQUIRE(cluster.run_until([&] { return first.synced() && first.generation() > before; }, 20s));
    sim::Duration detected = cluster.sim().now() - hung;
    CHECK(detected >= 45s);
    CHECK(detected < 45s + 4s);  // one heartbeat interval to hear of it, and the rejoin
    CHECK(first.assignment().size() == 6);
    auto group = coordinator_group(cluster, first.coordinator_id().value, "analytics");
    CHECK(group->size() == 1);
    CHECK(!group->has(second.member_id()));
}

TEST_CASE("LeaveGroup removes the member at once and the group rebalances without waiting for its session to expire") {
    TestCluster cluster(group_cluster(3));
    auto& first = add_member(cluster, "member-1");
    auto& second = add_member(cluster, "member-2");
    first.start();
    second.start();
    REQUIRE(cluster.run_until([&] { return first.synced() && second.synced(); }, 60s));
    Generation before = first.generation();
    sim::Time left = cluster.sim().now();
    second.leave();
    REQUIRE(cluster.run_until([&] { return first.synced() && first.generation() > before; }, 10s));
    // The remaining member hears REBALANCE_IN_PROGRESS on its next heartbeat (3 s).
    CHECK(cluster.sim().now() - left < 4s);
    CHECK(first.assignment().size() == 6);
    CHECK(first.heartbeat_errors().back() == Error::rebalance_in_progress);
}

TEST_CASE("a member that changes its subscription makes a Stable group rebalance") {
    TestCluster cluster(group_cluster(3));
    MemberOptions options;
    options.partitions = {{"payments", 2}, {"orders", 2}};
    auto& first = add_member(cluster, "member-1", options);
    auto& second = add_member(cluster, "member-2", options);
    first.start();
    second.start();
    REQUIRE(cluster.run_until([&] { return first.synced() && second.synced(); }, 60s));
    CHECK(assigned_count({&first, &second}) == 2);
    second.subscribe({"payments", "orders"});
    REQUIRE(cluster.run_until([&] { return first.synced() && second.synced() && second.generation() == Generation{2}; },
                              10s));
    // Range: payments split between both, orders all to its only subscriber.
    CHECK(assigned_count({&first, &second}) == 4);
    CHECK(second.assignment().size() == 3);
}

TEST_CASE("the group runs the protocol every member supports that most members prefer") {
    TestCluster cluster(group_cluster(3));
    MemberOptions prefers_range;
    prefers_range.protocols = {"range", "roundrobin"};
    MemberOptions prefers_roundrobin;
    prefers_roundrobin.protocols = {"roundrobin", "range"};
    auto& a = add_member(cluster, "member-1", prefers_roundrobin);
    auto& b = add_member(cluster, "member-2", prefers_range);
    auto& c = add_member(cluster, "member-3", prefers_range);
    a.start();
    b.start();
    c.start();
    REQUIRE(cluster.run_until([&] { return a.synced() && b.synced() && c.synced(); }, 60s));
    CHECK(a.protocol() == "range");  // two votes to one, though the leader prefers roundrobin
    CHECK(assigned_count({&a, &b, &c}) == 6);

    // A member that supports none of the group's protocols cannot join.
    int coordinator = a.coordinator_id().value;
    auto refused = call<JoinGroupResponse>(cluster, coordinator, join_request("analytics", "", {"cooperative-sticky"}));
    REQUIRE(refused);
    CHECK(refused->error == Error::inconsistent_group_protocol);
}

TEST_CASE("cooperative-sticky members go through the coordinator like any others and converge in two rebalances (KIP-429)") {
    TestCluster cluster(group_cluster(3));
    MemberOptions options;
    options.protocols = {"cooperative-sticky"};
    auto& first = add_member(cluster, "member-1", options);
    first.start();
    REQUIRE(cluster.run_until([&] { return first.synced(); }, 60s));
    CHECK(first.assignment().size() == 6);
    auto& second = add_member(cluster, "member-2", options);
    second.start();
    // First rebalance: member-1 only gives up what moves; second: member-2 gets it.
    REQUIRE(cluster.run_until([&] {
        return first.synced() && second.synced() && first.assignment().size() == 3 && second.assignment().size() == 3;
    }, 30s));
    CHECK(first.generation() == Generation{3});
    CHECK(all_of({&first, &second}).size() == 6);
}
