// The __consumer_offsets record encoding, and the determinism of group runs.
#include "group/group_test_support.h"

#include "broker_model/group/offsets_record_codec.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

TEST_CASE("offset commit and group metadata records round-trip, even with separators in group ids and metadata") {
    OffsetCommitKey key{"we|ird\\group", {"payments", 12}};
    auto decoded_key = decode_key(encode_key(key));
    REQUIRE(std::holds_alternative<OffsetCommitKey>(decoded_key));
    CHECK(std::get<OffsetCommitKey>(decoded_key).group_id == key.group_id);
    CHECK(std::get<OffsetCommitKey>(decoded_key).partition == key.partition);
    auto value = decode_offset_commit_value(encode_value(OffsetCommitValue{Offset{42}, "a|b", 1234}));
    REQUIRE(value);
    CHECK(value->offset == Offset{42});
    CHECK(value->metadata == "a|b");
    CHECK(value->commit_timestamp_ms == 1234);

    GroupMetadataValue group;
    group.protocol_type = "consumer";
    group.generation = Generation{3};
    group.protocol_name = "range";
    group.leader = "c1-x";
    MemberRecord member;
    member.member_id = "c1-x";
    member.client_id = "c1";
    member.client_host = "/host";
    member.rebalance_timeout_ms = 300'000;
    member.session_timeout_ms = 45'000;
    member.subscription = {"range", {"payments", "my-topic"}, {{"my-topic", 3}}, 2};
    member.assignment = {{"payments", 0}, {"my-topic", 3}};
    group.members = {member, member};
    auto back = decode_group_metadata_value(encode_value(group));
    REQUIRE(back);
    CHECK(back->generation == Generation{3});
    CHECK(back->leader == "c1-x");
    REQUIRE(back->members.size() == 2);
    CHECK(back->members[1].subscription.topics == member.subscription.topics);
    CHECK(back->members[1].subscription.owned_partitions == member.subscription.owned_partitions);
    CHECK(back->members[1].assignment == member.assignment);
    CHECK(!decode_group_metadata_value("consumer|3|range"));  // truncated records are rejected
    CHECK(std::holds_alternative<std::monostate>(decode_key("something-else")));
}

namespace {

std::uint64_t run_group(std::uint64_t seed) {
    TestCluster cluster(group_cluster(3, seed));
    sim::Trace trace(false);
    cluster.sim().set_trace(&trace);
    auto& first = add_member(cluster, "member-1");
    auto& second = add_member(cluster, "member-2");
    first.start();
    second.start();
    cluster.run_for(15s);
    second.stop_heartbeating();
    cluster.run_for(60s);
    return trace.hash() ^ std::hash<std::string>{}(first.member_id());
}

}  // namespace

TEST_CASE("a group run is deterministic: same seed, same trace hash and member ids") {
    CHECK(run_group(7) == run_group(7));
    CHECK(run_group(7) != run_group(8));
}
