// Who may join: KIP-394 member ids, session timeout bounds, unknown members.
#include <regex>

#include "group/group_test_support.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

TEST_CASE("a first JoinGroup without a member id gets MEMBER_ID_REQUIRED and an id made of client.id and a uuid (KIP-394)") {
    TestCluster cluster(group_cluster(3));
    int coordinator = wait_for_coordinator(cluster, "analytics");
    auto response = call<JoinGroupResponse>(cluster, coordinator, join_request("analytics", ""));
    REQUIRE(response);
    CHECK(response->error == Error::member_id_required);
    std::regex uuid_v4("scripted-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    CHECK(std::regex_match(response->member_id, uuid_v4));
    // The id is not a member yet: the group stays Empty until the member comes back.
    auto group = group_coordinator_of(*cluster.broker(coordinator))->group("analytics");
    CHECK(group->is(GroupState::empty));
    CHECK(group->size() == 0);
    // An id the coordinator never handed out is refused.
    auto made_up = call<JoinGroupResponse>(cluster, coordinator, join_request("analytics", "made-up-id"));
    CHECK(made_up->error == Error::unknown_member_id);
}

TEST_CASE("a JoinGroup older than v4 joins at once with a made-up member id as Kafka lets pre-KIP-394 clients") {
    TestCluster cluster(group_cluster(3));
    int coordinator = wait_for_coordinator(cluster, "analytics");
    auto request = join_request("analytics", "");
    request->require_known_member_id = false;  // what the wire codec sets for JoinGroup v0-v3
    auto response = call<JoinGroupResponse>(cluster, coordinator, request);
    REQUIRE(response);
    CHECK(response->error == Error::none);
    CHECK(response->generation_id == Generation{1});
    CHECK(response->member_id.rfind("scripted-", 0) == 0);
    CHECK(response->leader == response->member_id);
    auto group = group_coordinator_of(*cluster.broker(coordinator))->group("analytics");
    CHECK(group->has(response->member_id));
}

TEST_CASE("a pending member id that is never used expires after the session timeout") {
    TestCluster cluster(group_cluster(3));
    int coordinator = wait_for_coordinator(cluster, "analytics");
    std::string id = call<JoinGroupResponse>(cluster, coordinator, join_request("analytics", ""))->member_id;
    cluster.run_for(46s);
    auto late = call<JoinGroupResponse>(cluster, coordinator, join_request("analytics", id));
    CHECK(late->error == Error::unknown_member_id);
}

TEST_CASE("JoinGroup with session.timeout.ms outside group.min/max.session.timeout.ms is rejected with INVALID_SESSION_TIMEOUT") {
    TestCluster cluster(group_cluster(3));
    int coordinator = wait_for_coordinator(cluster, "analytics");
    // group.min.session.timeout.ms = 6 s, group.max.session.timeout.ms = 30 min.
    auto too_short = call<JoinGroupResponse>(cluster, coordinator, join_request("analytics", "", {"range"}, 5'999));
    CHECK(too_short->error == Error::invalid_session_timeout);
    auto too_long = call<JoinGroupResponse>(cluster, coordinator, join_request("analytics", "", {"range"}, 1'800'001));
    CHECK(too_long->error == Error::invalid_session_timeout);
    auto at_minimum = call<JoinGroupResponse>(cluster, coordinator, join_request("analytics", "", {"range"}, 6'000));
    CHECK(at_minimum->error == Error::member_id_required);

    // A scripted consumer with session.timeout.ms=5000 never gets in.
    MemberOptions options;
    options.session_timeout_ms = 5'000;
    auto& member = add_member(cluster, "member-1", options);
    member.start();
    REQUIRE(cluster.run_until([&] { return member.fatal_error() != Error::none; }, 10s));
    CHECK(member.fatal_error() == Error::invalid_session_timeout);
}
