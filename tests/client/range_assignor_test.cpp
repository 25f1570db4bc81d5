// Scenarios from Kafka's RangeAssignorTest, with its expected assignments.
#include <catch2/catch.hpp>

#include "assignment_checks.h"
#include "broker_model/client/range_assignor.h"

using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;
using Partitions = std::vector<TopicPartition>;

TEST_CASE("range: a consumer subscribed to nothing, or to a topic without metadata, gets nothing") {
    RangeAssignor range;
    auto nothing = range.assign({}, {member("consumer", {})});
    CHECK(nothing.at("consumer").empty());
    auto unknown_topic = range.assign({{"other", 3}}, {member("consumer", {"topic"})});
    CHECK(unknown_topic.at("consumer").empty());
}

TEST_CASE("range: a lone consumer gets every partition of the topics it subscribes to, and no others") {
    RangeAssignor range;
    auto assignment = range.assign({{"topic", 3}, {"other", 3}}, {member("consumer", {"topic"})});
    CHECK(assignment.at("consumer") == Partitions{tp("topic", 0), tp("topic", 1), tp("topic", 2)});
    auto two_topics = range.assign({{"topic1", 1}, {"topic2", 2}}, {member("consumer", {"topic1", "topic2"})});
    CHECK(two_topics.at("consumer") == Partitions{tp("topic1", 0), tp("topic2", 0), tp("topic2", 1)});
}

TEST_CASE("range: with one partition and two consumers, the second consumer (by member id) is idle") {
    RangeAssignor range;
    auto assignment = range.assign({{"topic", 1}}, {member("consumer2", {"topic"}), member("consumer1", {"topic"})});
    CHECK(assignment.at("consumer1") == Partitions{tp("topic", 0)});
    CHECK(assignment.at("consumer2").empty());
    auto two = range.assign({{"topic", 2}}, {member("consumer1", {"topic"}), member("consumer2", {"topic"})});
    CHECK(two.at("consumer1") == Partitions{tp("topic", 0)});
    CHECK(two.at("consumer2") == Partitions{tp("topic", 1)});
}

TEST_CASE("range: each topic is split among its own subscribers only (mixed subscriptions)") {
    RangeAssignor range;
    auto assignment = range.assign({{"topic1", 3}, {"topic2", 2}},
                                   {member("consumer1", {"topic1"}), member("consumer2", {"topic1", "topic2"}),
                                    member("consumer3", {"topic1"})});
    CHECK(assignment.at("consumer1") == Partitions{tp("topic1", 0)});
    CHECK(assignment.at("consumer2") == Partitions{tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)});
    CHECK(assignment.at("consumer3") == Partitions{tp("topic1", 2)});
}

TEST_CASE("range: the first consumers get the extra partition of every topic (two topics of three, two consumers)") {
    RangeAssignor range;
    auto assignment = range.assign({{"topic1", 3}, {"topic2", 3}},
                                   {member("consumer1", {"topic1", "topic2"}), member("consumer2", {"topic1", "topic2"})});
    CHECK(assignment.at("consumer1") == Partitions{tp("topic1", 0), tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)});
    CHECK(assignment.at("consumer2") == Partitions{tp("topic1", 2), tp("topic2", 2)});
}

TEST_CASE("range: ten partitions over three consumers give contiguous ranges of 4, 3 and 3") {
    RangeAssignor range;
    auto assignment = range.assign({{"payments", 10}}, {member("c", {"payments"}), member("a", {"payments"}),
                                                        member("b", {"payments"})});
    CHECK(assignment.at("a") == Partitions{tp("payments", 0), tp("payments", 1), tp("payments", 2), tp("payments", 3)});
    CHECK(assignment.at("b") == Partitions{tp("payments", 4), tp("payments", 5), tp("payments", 6)});
    CHECK(assignment.at("c") == Partitions{tp("payments", 7), tp("payments", 8), tp("payments", 9)});
}

TEST_CASE("range: four consumers on three partitions leave exactly one consumer idle") {
    RangeAssignor range;
    std::vector<GroupMember> members;
    for (const char* id : {"m1", "m2", "m3", "m4"}) members.push_back(member(id, {"orders"}));
    auto assignment = range.assign({{"orders", 3}}, members);
    CHECK(assignment.at("m1") == Partitions{tp("orders", 0)});
    CHECK(assignment.at("m2") == Partitions{tp("orders", 1)});
    CHECK(assignment.at("m3") == Partitions{tp("orders", 2)});
    CHECK(assignment.at("m4").empty());
}

TEST_CASE("range: static members (group.instance.id, KIP-345) sort by instance id, before dynamic members") {
    RangeAssignor range;
    // consumer-b holds the lower instance id, so it comes first although its member id is higher.
    auto both_static = range.assign({{"topic1", 3}, {"topic2", 3}},
                                    {static_member("consumer-b", "instance1", {"topic1", "topic2"}),
                                     static_member("consumer-a", "instance2", {"topic1", "topic2"})});
    CHECK(both_static.at("consumer-b") == Partitions{tp("topic1", 0), tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)});
    CHECK(both_static.at("consumer-a") == Partitions{tp("topic1", 2), tp("topic2", 2)});
    auto one_static = range.assign({{"topic1", 3}, {"topic2", 3}},
                                   {static_member("consumer-b", "instance1", {"topic1", "topic2"}),
                                    member("consumer-a", {"topic1", "topic2"})});
    CHECK(one_static.at("consumer-b") == Partitions{tp("topic1", 0), tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)});
}

TEST_CASE("range: static members keep their ranges when a dynamic member is replaced") {
    RangeAssignor range;
    const std::vector<std::string> topics{"topic1", "topic2"};
    std::vector<GroupMember> members{static_member("consumer1", "instance1", topics),
                                     static_member("consumer2", "instance2", topics),
                                     static_member("consumer3", "instance3", topics), member("consumer4", topics)};
    const PartitionCounts counts{{"topic1", 5}, {"topic2", 4}};
    auto first = range.assign(counts, members);
    CHECK(first.at("consumer1") == Partitions{tp("topic1", 0), tp("topic1", 1), tp("topic2", 0)});
    CHECK(first.at("consumer2") == Partitions{tp("topic1", 2), tp("topic2", 1)});
    CHECK(first.at("consumer3") == Partitions{tp("topic1", 3), tp("topic2", 2)});
    CHECK(first.at("consumer4") == Partitions{tp("topic1", 4), tp("topic2", 3)});
    members.back() = member("consumer5", topics);
    auto second = range.assign(counts, members);
    CHECK(second.at("consumer1") == first.at("consumer1"));
    CHECK(second.at("consumer3") == first.at("consumer3"));
    CHECK(second.at("consumer5") == first.at("consumer4"));
}

TEST_CASE("range: with many single-partition topics the first consumer takes them all (range imbalance)") {
    RangeAssignor range;
    auto assignment = range.assign({{"a", 1}, {"b", 1}, {"c", 1}},
                                   {member("consumer1", {"a", "b", "c"}), member("consumer2", {"a", "b", "c"})});
    CHECK(assignment.at("consumer1") == Partitions{tp("a", 0), tp("b", 0), tp("c", 0)});
    CHECK(assignment.at("consumer2").empty());
    CHECK(range.supported_protocols() == std::vector<RebalanceProtocol>{RebalanceProtocol::eager});
}
