// OffsetCommit and OffsetFetch, and committed offsets as records of the replicated
// __consumer_offsets topic, through a coordinator failover.
#include "group/group_test_support.h"

#include "broker_model/group/offsets_record_codec.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

/// A Stable one-member group; returns the member id (generation 1).
std::string stable_member(TestCluster& cluster, int coordinator, const std::string& group_id) {
    std::string id = call<JoinGroupResponse>(cluster, coordinator, join_request(group_id, ""))->member_id;
    auto joined = call<JoinGroupResponse>(cluster, coordinator, join_request(group_id, id));
    auto sync = std::make_shared<SyncGroupRequest>();
    sync->group_id = group_id;
    sync->member_id = id;
    sync->generation_id = joined->generation_id;
    sync->assignments[id] = {{"payments", 0}, {"payments", 1}};
    REQUIRE(call<SyncGroupResponse>(cluster, coordinator, sync)->error == Error::none);
    return id;
}

std::shared_ptr<OffsetFetchRequest> fetch_request(const std::string& group_id, std::vector<TopicPartition> partitions) {
    auto request = std::make_shared<OffsetFetchRequest>();
    request->group_id = group_id;
    request->partitions = std::move(partitions);
    return request;
}

const std::vector<TopicPartition> payments01{{"payments", 0}, {"payments", 1}};

/// Keys of the offset-commit records in a broker's replica of `tp`.
int commit_records(TestCluster& cluster, int broker, const TopicPartition& tp) {
    PartitionLog* log = cluster.log(broker, tp);
    if (!log) return 0;
    int count = 0;
    for (const auto& batch : log->batches()) {
        for (Offset o = batch.base_offset; o < batch.next_offset(); ++o) {
            if (std::holds_alternative<OffsetCommitKey>(decode_key(*batch.key_at(o)))) ++count;
        }
    }
    return count;
}

}  // namespace

TEST_CASE("a commit is acknowledged once every ISR member has its __consumer_offsets record, and OffsetFetch returns it") {
    TestCluster cluster(group_cluster(3));
    int coordinator = wait_for_coordinator(cluster, "analytics");
    std::string member = stable_member(cluster, coordinator, "analytics");
    auto committed = call<OffsetCommitResponse>(
        cluster, coordinator, commit_request("analytics", member, Generation{1}, "payments", 0, Offset{42}));
    REQUIRE(committed);
    REQUIRE(committed->results.size() == 1);
    CHECK(committed->results[0].second == Error::none);
    // acks=all: when the commit is answered, every replica holds the record.
    TopicPartition offsets_tp{consumer_offsets_topic, coordinator_partition("analytics", 50)};
    for (int broker = 1; broker <= 3; ++broker) CHECK(commit_records(cluster, broker, offsets_tp) == 1);

    auto fetched = call<OffsetFetchResponse>(cluster, coordinator, fetch_request("analytics", payments01));
    REQUIRE(fetched);
    CHECK(fetched->error == Error::none);
    REQUIRE(fetched->offsets.size() == 2);
    CHECK(fetched->offsets[0].second == Offset{42});
    CHECK(fetched->offsets[1].second == Offset{-1});  // nothing committed for payments-1
}

TEST_CASE("a commit from a stale generation is refused with ILLEGAL_GENERATION and changes nothing") {
    TestCluster cluster(group_cluster(3));
    int coordinator = wait_for_coordinator(cluster, "analytics");
    std::string member = stable_member(cluster, coordinator, "analytics");
    auto stale = call<OffsetCommitResponse>(
        cluster, coordinator, commit_request("analytics", member, Generation{0}, "payments", 0, Offset{7}));
    REQUIRE(stale);
    CHECK(stale->results.at(0).second == Error::illegal_generation);
    auto stranger = call<OffsetCommitResponse>(
        cluster, coordinator, commit_request("analytics", "stranger", Generation{1}, "payments", 0, Offset{7}));
    CHECK(stranger->results.at(0).second == Error::unknown_member_id);
    auto fetched = call<OffsetFetchResponse>(cluster, coordinator, fetch_request("analytics", payments01));
    CHECK(fetched->offsets[0].second == Offset{-1});
}

TEST_CASE("a standalone consumer (generation -1, no member id) may commit only while the group has no members") {
    TestCluster cluster(group_cluster(3));
    int coordinator = wait_for_coordinator(cluster, "standalone");
    auto alone = call<OffsetCommitResponse>(
        cluster, coordinator, commit_request("standalone", "", Generation{-1}, "payments", 0, Offset{5}));
    CHECK(alone->results.at(0).second == Error::none);
    CHECK(group_coordinator_of(*cluster.broker(coordinator))->group("standalone")->is(GroupState::empty));

    int managed = wait_for_coordinator(cluster, "analytics");
    stable_member(cluster, managed, "analytics");
    auto intruder = call<OffsetCommitResponse>(
        cluster, managed, commit_request("analytics", "", Generation{-1}, "payments", 0, Offset{5}));
    CHECK(intruder->results.at(0).second == Error::unknown_member_id);
}

TEST_CASE("committed offsets survive a crash of the coordinator: the new one loads them from its replica") {
    GroupCoordinatorConfig slow_load;
    slow_load.load_time_base = 2s;  // long enough to watch COORDINATOR_LOAD_IN_PROGRESS
    ClusterOptions options = group_cluster(3);
    options.hooks = group_coordinator_hook(slow_load);
    TestCluster cluster(options);
    int old_coordinator = wait_for_coordinator(cluster, "analytics");
    std::string member = stable_member(cluster, old_coordinator, "analytics");
    auto commit = commit_request("analytics", member, Generation{1}, "payments", 0, Offset{42}, "checkpoint");
    auto second_partition = commit_request("analytics", member, Generation{1}, "payments", 1, Offset{17});
    commit->offsets.push_back(second_partition->offsets.front());
    REQUIRE(call<OffsetCommitResponse>(cluster, old_coordinator, commit)->results.at(1).second == Error::none);

    cluster.crash(old_coordinator);
    int via = old_coordinator % 3 + 1;
    // The controller moves leadership once the crashed broker's session expires (18 s).
    int new_coordinator = -1;
    REQUIRE(cluster.run_until([&] {
        new_coordinator = find_coordinator(cluster, "analytics", via, 1s);
        return new_coordinator > 0 && new_coordinator != old_coordinator;
    }, 40s));
    // While it replays __consumer_offsets the new coordinator asks clients to wait.
    std::vector<Error> seen;
    std::optional<OffsetFetchResponse> fetched;
    REQUIRE(cluster.run_until([&] {
        fetched = call<OffsetFetchResponse>(cluster, new_coordinator, fetch_request("analytics", payments01));
        if (fetched) seen.push_back(fetched->error);
        return fetched && fetched->error == Error::none;
    }, 10s));
    CHECK(seen.front() == Error::coordinator_load_in_progress);
    CHECK(fetched->offsets[0].second == Offset{42});
    CHECK(fetched->offsets[1].second == Offset{17});
    // It knows the group too: the same generation, the same member.
    auto group = group_coordinator_of(*cluster.broker(new_coordinator))->group("analytics");
    REQUIRE(group);
    CHECK(group->is(GroupState::stable));
    CHECK(group->generation() == Generation{1});
    CHECK(group->has(member));

    // The old coordinator comes back as a follower: it no longer serves the group.
    cluster.restart(old_coordinator);
    cluster.wait_until_ready();
    cluster.run_for(5s);
    auto refused = call<OffsetFetchResponse>(cluster, old_coordinator, fetch_request("analytics", payments01));
    REQUIRE(refused);
    CHECK(refused->error == Error::not_coordinator);
}

TEST_CASE("members keep their generation across a coordinator failover: the new coordinator accepts their heartbeats") {
    TestCluster cluster(group_cluster(3));
    int coordinator = wait_for_coordinator(cluster, "analytics");
    MemberOptions options;
    options.bootstrap = "broker-" + std::to_string(coordinator % 3 + 1);  // a broker that survives
    auto& first = add_member(cluster, "member-1", options);
    auto& second = add_member(cluster, "member-2", options);
    first.start();
    second.start();
    REQUIRE(cluster.run_until([&] { return first.synced() && second.synced(); }, 60s));
    REQUIRE(first.coordinator_id().value == coordinator);
    cluster.crash(coordinator);
    REQUIRE(cluster.run_until([&] {
        return first.coordinator_id().value != coordinator && second.coordinator_id().value != coordinator;
    }, 60s));
    cluster.run_for(10s);
    // Kafka reloads the group Stable with its members; their sessions restart at the
    // load, and their heartbeats keep them in: no rebalance.
    CHECK(first.generation() == Generation{1});
    CHECK(second.generation() == Generation{1});
    CHECK(first.synced());
    CHECK(second.synced());
    CHECK(first.completed_rebalances() == 1);
}
