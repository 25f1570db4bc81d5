// Scenarios from Kafka's AbstractStickyAssignorTest and CooperativeStickyAssignorTest,
// with their expected assignments. Like CooperativeStickyAssignorTest, a scenario whose
// first rebalance revokes partitions is followed by rebalances until nothing moves, and
// the final assignment is the one checked.
#include <catch2/catch.hpp>

#include "assignment_checks.h"
#include "broker_model/client/cooperative_sticky_assignor.h"
#include "sim/random.h"

using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;
using Partitions = std::vector<TopicPartition>;

namespace {

std::string numbered(const std::string& prefix, int i, int width) {
    std::string digits = std::to_string(i);
    return prefix + std::string(static_cast<std::size_t>(width) - digits.size(), '0') + digits;
}

}  // namespace

TEST_CASE("cooperative-sticky: a fresh group of two on two topics of three gets Kafka's round-robin spread") {
    CooperativeStickyAssignor sticky;
    const std::vector<GroupMember> members{member("consumer1", {"topic1", "topic2"}), member("consumer2", {"topic1", "topic2"})};
    auto assignment = sticky.assign({{"topic1", 3}, {"topic2", 3}}, members);
    CHECK(assignment.at("consumer1") == Partitions{tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)});
    CHECK(assignment.at("consumer2") == Partitions{tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)});
}

TEST_CASE("cooperative-sticky: mixed subscriptions are balanced by the general algorithm") {
    CooperativeStickyAssignor sticky;
    const std::vector<GroupMember> members{member("consumer1", {"topic1"}), member("consumer2", {"topic1", "topic2"}),
                                           member("consumer3", {"topic1"})};
    auto assignment = sticky.assign({{"topic1", 3}, {"topic2", 2}}, members);
    CHECK(assignment.at("consumer1") == Partitions{tp("topic1", 0), tp("topic1", 2)});
    CHECK(assignment.at("consumer2") == Partitions{tp("topic2", 0), tp("topic2", 1)});
    CHECK(assignment.at("consumer3") == Partitions{tp("topic1", 1)});
    CHECK(assignment_problems(members, assignment).empty());
}

TEST_CASE("cooperative-sticky: a member owning the min quota keeps it and takes the extra partition") {
    CooperativeStickyAssignor sticky;
    const std::vector<std::string> topics{"topic1", "topic2"};
    const std::vector<GroupMember> members{member("consumer1", topics, {tp("topic1", 0), tp("topic2", 1)}, 1),
                                           member("consumer2", topics, {tp("topic1", 1), tp("topic2", 2)}, 1)};
    auto assignment = sticky.assign({{"topic1", 2}, {"topic2", 3}}, members);
    CHECK(assignment.at("consumer1") == Partitions{tp("topic1", 0), tp("topic2", 0), tp("topic2", 1)});
    CHECK(assignment.at("consumer2") == Partitions{tp("topic1", 1), tp("topic2", 2)});
    CHECK(revoked_partitions(members, assignment).empty());
}

TEST_CASE("cooperative-sticky: with more max-quota owners than allowed, the first in Kafka's hash order keeps both") {
    // consumer2 comes before consumer1 in Java's HashMap order, so it keeps its two
    // partitions and consumer1 must give up topic2-0, which reaches consumer3 only in
    // the follow-up rebalance.
    CooperativeStickyAssignor sticky;
    const std::vector<std::string> topics{"topic1", "topic2"};
    const PartitionCounts counts{{"topic1", 2}, {"topic2", 2}};
    const std::vector<GroupMember> members{member("consumer1", topics, {tp("topic1", 0), tp("topic2", 0)}, 1),
                                           member("consumer2", topics, {tp("topic1", 1), tp("topic2", 1)}, 1),
                                           member("consumer3", topics, {}, 1)};
    auto first = sticky.assign(counts, members);
    CHECK(first.at("consumer1") == Partitions{tp("topic1", 0)});
    CHECK(first.at("consumer2") == Partitions{tp("topic1", 1), tp("topic2", 1)});
    CHECK(first.at("consumer3").empty());
    auto settled = settle_cooperatively(sticky, counts, members, first);
    CHECK(settled.follow_ups == 1);
    CHECK(settled.moved_in_one_rebalance.empty());
    CHECK(settled.assignment.at("consumer3") == Partitions{tp("topic2", 0)});
    CHECK(fully_balanced(settled.assignment));
}

TEST_CASE("cooperative-sticky: members all under the min quota keep what they own and share the rest") {
    CooperativeStickyAssignor sticky;
    const std::vector<std::string> topics{"topic1", "topic2"};
    const std::vector<GroupMember> members{member("consumer1", topics, {tp("topic1", 0)}, 1),
                                           member("consumer2", topics, {tp("topic1", 1)}, 1),
                                           member("consumer3", topics, {}, 1)};
    auto assignment = sticky.assign({{"topic1", 2}, {"topic2", 3}}, members);
    CHECK(assignment.at("consumer1") == Partitions{tp("topic1", 0), tp("topic2", 1)});
    CHECK(assignment.at("consumer2") == Partitions{tp("topic1", 1), tp("topic2", 2)});
    CHECK(assignment.at("consumer3") == Partitions{tp("topic2", 0)});
}

TEST_CASE("cooperative-sticky: a joining member gets a partition only after its owner revoked it (KIP-429)") {
    CooperativeStickyAssignor sticky;
    const PartitionCounts counts{{"topic", 3}};
    auto alone = sticky.assign(counts, {member("consumer1", {"topic"})});
    REQUIRE(alone.at("consumer1") == Partitions{tp("topic", 0), tp("topic", 1), tp("topic", 2)});

    // Generation 1: consumer2 joins. topic-2 must move, so it is revoked from consumer1
    // and given to nobody yet.
    const std::vector<GroupMember> joined{member("consumer1", {"topic"}, alone.at("consumer1"), 1),
                                          member("consumer2", {"topic"}, {}, 1)};
    auto revoke = sticky.assign(counts, joined);
    CHECK(revoke.at("consumer1") == Partitions{tp("topic", 0), tp("topic", 1)});
    CHECK(revoke.at("consumer2").empty());
    CHECK(revoked_partitions(joined, revoke) == std::set<TopicPartition>{tp("topic", 2)});

    // The follow-up rebalance finds topic-2 unowned and hands it to consumer2.
    auto handed_out = sticky.assign(counts, members_owning(joined, revoke, 2));
    CHECK(handed_out.at("consumer1") == Partitions{tp("topic", 0), tp("topic", 1)});
    CHECK(handed_out.at("consumer2") == Partitions{tp("topic", 2)});

    // consumer1 leaves: consumer2 keeps topic-2 and gains the rest at once (nothing to revoke).
    auto after_leave = sticky.assign(counts, {member("consumer2", {"topic"}, handed_out.at("consumer2"), 2)});
    CHECK(after_leave.at("consumer2") == Partitions{tp("topic", 0), tp("topic", 1), tp("topic", 2)});
}

TEST_CASE("cooperative-sticky: after a member leaves, everyone keeps their partitions (stickiness)") {
    CooperativeStickyAssignor sticky;
    const PartitionCounts counts{{"topic1", 3}};
    std::vector<GroupMember> members;
    for (int i = 1; i <= 4; ++i) members.push_back(member("consumer" + std::to_string(i), {"topic1"}));
    auto first = sticky.assign(counts, members);
    for (const auto& [id, partitions] : first) CHECK(partitions.size() <= 1);

    auto owning = members_owning(members, first, 1);
    owning.erase(owning.begin());  // consumer1, the would-be group leader, leaves
    auto second = sticky.assign(counts, owning);
    for (const auto& m : owning) {
        REQUIRE(second.at(m.member_id).size() == 1);
        if (!m.owned_partitions.empty()) CHECK(second.at(m.member_id) == m.owned_partitions);
    }
    CHECK(revoked_partitions(owning, second).empty());
}

TEST_CASE("cooperative-sticky: fourteen topics over eight members stay sticky when one member leaves") {
    CooperativeStickyAssignor sticky;
    PartitionCounts counts;
    std::vector<std::string> topics;
    for (int i = 1; i < 15; ++i) {
        topics.push_back(numbered("t", i, 2));
        counts[topics.back()] = i;
    }
    std::vector<GroupMember> members;
    for (int i = 1; i < 9; ++i) members.push_back(member(numbered("c", i, 1), topics));
    auto first = sticky.assign(counts, members);
    CHECK(assignment_problems(members, first).empty());
    CHECK(fully_balanced(first));

    auto owning = members_owning(members, first, 1);
    owning.erase(owning.begin() + 4);  // c5 leaves
    auto second = sticky.assign(counts, owning);
    CHECK(revoked_partitions(owning, second).empty());
    CHECK(assignment_problems(owning, second).empty());
    CHECK(fully_balanced(second));
}

TEST_CASE("cooperative-sticky: nineteen members with nested subscriptions rebalance validly when one leaves") {
    CooperativeStickyAssignor sticky;
    PartitionCounts counts;
    for (int i = 1; i < 20; ++i) counts[numbered("topic", i, 2)] = i;
    std::vector<GroupMember> members;
    for (int i = 1; i < 20; ++i) {
        std::vector<std::string> topics;
        for (int j = 1; j <= i; ++j) topics.push_back(numbered("topic", j, 2));
        members.push_back(member(numbered("consumer", i, 2), topics));
    }
    auto first = sticky.assign(counts, members);
    CHECK(assignment_problems(members, first).empty());

    auto owning = members_owning(members, first, 1);
    owning.erase(owning.begin() + 9);  // consumer10 leaves
    auto second = sticky.assign(counts, owning);
    auto settled = settle_cooperatively(sticky, counts, owning, second);
    CHECK(settled.moved_in_one_rebalance.empty());
    CHECK(assignment_problems(owning, settled.assignment).empty());
}

TEST_CASE("cooperative-sticky: existing assignments are moved to balance unequal subscriptions") {
    CooperativeStickyAssignor sticky;
    PartitionCounts counts;
    for (int i = 1; i <= 6; ++i) counts["topic" + std::to_string(i)] = 1;
    const std::vector<GroupMember> members{
        member("consumer1", {"topic1", "topic2"}, {tp("topic1", 0)}, 1),
        member("consumer2", {"topic1", "topic2", "topic3", "topic4"}, {tp("topic2", 0), tp("topic3", 0)}, 1),
        member("consumer3", {"topic2", "topic3", "topic4", "topic5", "topic6"},
               {tp("topic4", 0), tp("topic5", 0), tp("topic6", 0)}, 1)};
    auto first = sticky.assign(counts, members);
    auto settled = settle_cooperatively(sticky, counts, members, first);
    CHECK(settled.moved_in_one_rebalance.empty());
    CHECK(assignment_problems(members, settled.assignment).empty());
}

TEST_CASE("cooperative-sticky: a partition claimed twice in one generation goes to nobody, then to the idle member") {
    CooperativeStickyAssignor sticky;
    const PartitionCounts counts{{"topic", 3}};
    const std::vector<GroupMember> members{member("consumer1", {"topic"}, {tp("topic", 0), tp("topic", 1)}, 1),
                                           member("consumer2", {"topic"}, {tp("topic", 0), tp("topic", 2)}, 1),
                                           member("consumer3", {"topic"}, {}, 1)};
    auto first = sticky.assign(counts, members);
    CHECK(first.at("consumer1") == Partitions{tp("topic", 1)});
    CHECK(first.at("consumer2") == Partitions{tp("topic", 2)});
    CHECK(first.at("consumer3").empty());
    auto settled = settle_cooperatively(sticky, counts, members, first);
    CHECK(settled.assignment.at("consumer3") == Partitions{tp("topic", 0)});

    auto four = sticky.assign({{"topic", 4}}, members);
    CHECK(four.at("consumer1") == Partitions{tp("topic", 1), tp("topic", 3)});
    CHECK(four.at("consumer2") == Partitions{tp("topic", 2)});
    CHECK(four.at("consumer3").empty());
}

TEST_CASE("cooperative-sticky: claims from an older or unknown generation lose to the current owner's") {
    CooperativeStickyAssignor sticky;
    const std::vector<std::string> topics{"topic", "topic2"};
    const PartitionCounts counts{{"topic", 3}, {"topic2", 3}};
    const Partitions claimed{tp("topic", 0), tp("topic", 2), tp("topic2", 1)};
    for (std::optional<std::int32_t> stale : {std::optional<std::int32_t>{9}, std::optional<std::int32_t>{}}) {
        const std::vector<GroupMember> members{member("consumer1", topics, claimed, 10), member("consumer2", topics, claimed, stale)};
        auto assignment = sticky.assign(counts, members);
        CHECK(assignment.at("consumer1") == Partitions{tp("topic", 0), tp("topic", 2), tp("topic2", 1)});
        CHECK(assignment.at("consumer2") == Partitions{tp("topic", 1), tp("topic2", 0), tp("topic2", 2)});
    }
}

TEST_CASE("cooperative-sticky: each partition goes to the member claiming it in the highest generation") {
    CooperativeStickyAssignor sticky;
    const std::vector<std::string> topics{"topic", "topic2", "topic3"};
    const std::vector<GroupMember> members{
        member("consumer1", topics, {tp("topic", 0), tp("topic2", 0), tp("topic3", 0)}, 10),
        member("consumer2", topics, {tp("topic", 1), tp("topic2", 1), tp("topic3", 1)}, 9),
        member("consumer3", topics, {tp("topic2", 1), tp("topic3", 0), tp("topic3", 2)}, 8)};
    auto assignment = sticky.assign({{"topic", 3}, {"topic2", 3}, {"topic3", 3}}, members);
    CHECK(assignment.at("consumer1") == Partitions{tp("topic", 0), tp("topic2", 0), tp("topic3", 0)});
    CHECK(assignment.at("consumer2") == Partitions{tp("topic", 1), tp("topic2", 1), tp("topic3", 1)});
    CHECK(assignment.at("consumer3") == Partitions{tp("topic", 2), tp("topic2", 2), tp("topic3", 2)});
}

TEST_CASE("cooperative-sticky: a member rejoining without partitions gets only unowned ones") {
    CooperativeStickyAssignor sticky;
    const std::vector<std::string> topics{"topic", "topic2", "topic3", "topic1"};
    const std::vector<GroupMember> members{
        member("consumer1", topics, {}, std::nullopt),
        member("consumer2", topics, {tp("topic", 0), tp("topic2", 0), tp("topic1", 0)}, 9),
        member("consumer3", topics, {tp("topic3", 2), tp("topic2", 2), tp("topic1", 1)}, 8),
        member("consumer4", topics, {tp("topic3", 1), tp("topic", 1), tp("topic", 2)}, 7)};
    auto assignment = sticky.assign({{"topic", 3}, {"topic1", 3}, {"topic2", 3}, {"topic3", 3}}, members);
    CHECK(assignment.at("consumer1") == Partitions{tp("topic1", 2), tp("topic2", 1), tp("topic3", 0)});
    CHECK(revoked_partitions(members, assignment).empty());
    CHECK(fully_balanced(assignment));
}

TEST_CASE("cooperative-sticky: owned partitions from subscriptions without a generation are still kept") {
    CooperativeStickyAssignor sticky;
    const std::vector<GroupMember> members{member("consumer1", {"topic1"}, {tp("topic1", 0)}),
                                           member("consumer2", {"topic1"}, {tp("topic1", 1)}),
                                           member("consumer3", {"topic1"}, {}, 1)};
    auto assignment = sticky.assign({{"topic1", 3}}, members);
    CHECK(assignment.at("consumer1") == Partitions{tp("topic1", 0)});
    CHECK(assignment.at("consumer2") == Partitions{tp("topic1", 1)});
    CHECK(assignment.at("consumer3") == Partitions{tp("topic1", 2)});
}

TEST_CASE("cooperative-sticky: growing from one to four members keeps every topic split evenly") {
    CooperativeStickyAssignor sticky;
    const std::vector<std::string> topics{"topic1", "topic2"};
    const PartitionCounts counts{{"topic1", 12}, {"topic2", 12}};
    std::vector<GroupMember> members{member("consumer1", topics)};
    auto assignment = sticky.assign(counts, members);
    for (int size = 2; size <= 4; size += 2) {
        members = members_owning(members, assignment, size);
        while (static_cast<int>(members.size()) < size) {
            members.push_back(member("consumer" + std::to_string(members.size() + 1), topics, {}, size));
        }
        auto settled = settle_cooperatively(sticky, counts, members, sticky.assign(counts, members), size);
        CHECK(settled.moved_in_one_rebalance.empty());
        assignment = settled.assignment;
        for (const auto& [id, partitions] : assignment) {
            const auto in_topic1 = std::count_if(partitions.begin(), partitions.end(),
                                                 [](const TopicPartition& p) { return p.topic == "topic1"; });
            CHECK(in_topic1 == 12 / size);
            CHECK(partitions.size() == static_cast<std::size_t>(24 / size));
        }
    }
}

TEST_CASE("cooperative-sticky: random subscriptions and membership changes always settle valid and revoke-first") {
    CooperativeStickyAssignor sticky;
    kafkalab::sim::RandomStream random(2024);
    PartitionCounts counts;
    for (int t = 0; t < 8; ++t) counts["topic" + std::to_string(t)] = static_cast<std::int32_t>(random.between(1, 6));
    std::vector<GroupMember> members;
    for (int round = 0; round < 12; ++round) {
        // Someone joins, someone leaves, someone changes subscription.
        if (members.size() < 3 || random.chance(0.5)) members.push_back(member(numbered("m", round, 2), {}));
        else members.erase(members.begin() + static_cast<std::ptrdiff_t>(random.below(members.size())));
        auto& changed = members[random.below(members.size())];
        changed.topics.clear();
        for (const auto& [topic, count] : counts) {
            if (random.chance(0.6)) changed.topics.push_back(topic);
        }
        auto settled = settle_cooperatively(sticky, counts, members, sticky.assign(counts, members), round + 1);
        INFO("round " << round << "\n" << describe(settled.assignment));
        CHECK(settled.moved_in_one_rebalance.empty());
        CHECK(assignment_problems(members, settled.assignment).empty());
        members = members_owning(members, settled.assignment, round + 1);
    }
}

// Kafka's own AbstractStickyAssignor gives these same assignments, in both rounds, for the
// two scenarios below.
TEST_CASE("cooperative-sticky: a fourth consumer joining seven partitions first waits, then takes the revoked one") {
    CooperativeStickyAssignor sticky;
    const PartitionCounts counts{{"orders", 7}};
    const std::vector<GroupMember> members{
        member("consumer-analytics-1-7f3a", {"orders"}, {tp("orders", 0), tp("orders", 1), tp("orders", 2)}, 4),
        member("consumer-analytics-2-19bc", {"orders"}, {tp("orders", 3), tp("orders", 4)}, 4),
        member("consumer-analytics-3-c40e", {"orders"}, {tp("orders", 5), tp("orders", 6)}, 4),
        member("consumer-analytics-4-0d2d", {"orders"})};
    auto first = sticky.assign(counts, members);
    CHECK(first.at("consumer-analytics-1-7f3a") == Partitions{tp("orders", 0), tp("orders", 1)});
    CHECK(first.at("consumer-analytics-2-19bc") == Partitions{tp("orders", 3), tp("orders", 4)});
    CHECK(first.at("consumer-analytics-3-c40e") == Partitions{tp("orders", 5), tp("orders", 6)});
    CHECK(first.at("consumer-analytics-4-0d2d").empty());
    auto second = sticky.assign(counts, members_owning(members, first, 5));
    CHECK(second.at("consumer-analytics-4-0d2d") == Partitions{tp("orders", 2)});
    CHECK(second.at("consumer-analytics-1-7f3a") == Partitions{tp("orders", 0), tp("orders", 1)});
}

TEST_CASE("cooperative-sticky: a newcomer with a wider subscription gets partitions from both topics after revocation") {
    CooperativeStickyAssignor sticky;
    const PartitionCounts counts{{"orders", 4}, {"payments", 6}};
    const std::vector<GroupMember> members{
        member("consumer-a", {"orders", "payments"},
               {tp("orders", 0), tp("orders", 1), tp("orders", 2), tp("orders", 3), tp("payments", 0)}, 3),
        member("consumer-b", {"payments"},
               {tp("payments", 1), tp("payments", 2), tp("payments", 3), tp("payments", 4), tp("payments", 5)}, 3),
        member("consumer-c", {"orders", "payments"})};
    auto first = sticky.assign(counts, members);
    CHECK(first.at("consumer-a") == Partitions{tp("orders", 2), tp("orders", 3), tp("payments", 0)});
    CHECK(first.at("consumer-b") == Partitions{tp("payments", 2), tp("payments", 3), tp("payments", 4), tp("payments", 5)});
    CHECK(first.at("consumer-c").empty());
    auto second = sticky.assign(counts, members_owning(members, first, 4));
    CHECK(second.at("consumer-a") == first.at("consumer-a"));
    CHECK(second.at("consumer-b") == first.at("consumer-b"));
    CHECK(second.at("consumer-c") == Partitions{tp("orders", 0), tp("orders", 1), tp("payments", 1)});
}

TEST_CASE("cooperative-sticky is cooperative, and a consumer mixing it with range rebalances eagerly") {
    auto sticky = make_assignor("cooperative-sticky");
    auto range = make_assignor("org.apache.kafka.clients.consumer.RangeAssignor");
    REQUIRE(sticky->name() == "cooperative-sticky");
    REQUIRE(range->name() == "range");
    CHECK(common_rebalance_protocol({sticky.get()}) == RebalanceProtocol::cooperative);
    // partition.assignment.strategy defaults to [RangeAssignor, CooperativeStickyAssignor] in 3.x.
    CHECK(common_rebalance_protocol({range.get(), sticky.get()}) == RebalanceProtocol::eager);
    CHECK(make_assignor("roundrobin")->name() == "roundrobin");
    CHECK(make_assignor("org.apache.kafka.clients.consumer.CooperativeStickyAssignor")->name() == "cooperative-sticky");
    CHECK_THROWS_WITH(make_assignor("sticky-ish"), Catch::Contains("unknown partition assignor \"sticky-ish\""));
}
