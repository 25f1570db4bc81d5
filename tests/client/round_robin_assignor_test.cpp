// Scenarios from Kafka's RoundRobinAssignorTest and the RoundRobinAssignor javadoc.
#include <catch2/catch.hpp>

#include "assignment_checks.h"
#include "broker_model/client/round_robin_assignor.h"

using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;
using Partitions = std::vector<TopicPartition>;

TEST_CASE("roundrobin: a lone consumer gets all partitions of its topics, none of unsubscribed topics") {
    RoundRobinAssignor round_robin;
    CHECK(round_robin.assign({}, {member("consumer", {})}).at("consumer").empty());
    CHECK(round_robin.assign({{"other", 2}}, {member("consumer", {"topic"})}).at("consumer").empty());
    auto assignment = round_robin.assign({{"topic", 3}, {"other", 3}}, {member("consumer", {"topic"})});
    CHECK(assignment.at("consumer") == Partitions{tp("topic", 0), tp("topic", 1), tp("topic", 2)});
}

TEST_CASE("roundrobin: partitions of two topics are dealt alternately (two consumers, six partitions)") {
    RoundRobinAssignor round_robin;
    auto assignment = round_robin.assign({{"topic1", 3}, {"topic2", 3}},
                                         {member("consumer1", {"topic1", "topic2"}), member("consumer2", {"topic1", "topic2"})});
    CHECK(assignment.at("consumer1") == Partitions{tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)});
    CHECK(assignment.at("consumer2") == Partitions{tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)});
}

TEST_CASE("roundrobin: a consumer not subscribed to a topic is skipped when its partitions are dealt") {
    RoundRobinAssignor round_robin;
    auto mixed = round_robin.assign({{"topic1", 3}, {"topic2", 2}},
                                    {member("consumer1", {"topic1"}), member("consumer2", {"topic1", "topic2"}),
                                     member("consumer3", {"topic1"})});
    CHECK(mixed.at("consumer1") == Partitions{tp("topic1", 0)});
    CHECK(mixed.at("consumer2") == Partitions{tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)});
    CHECK(mixed.at("consumer3") == Partitions{tp("topic1", 2)});
}

TEST_CASE("roundrobin: unequal subscriptions can leave the group unbalanced (the javadoc example)") {
    RoundRobinAssignor round_robin;
    auto assignment = round_robin.assign({{"t0", 1}, {"t1", 2}, {"t2", 3}},
                                         {member("C0", {"t0"}), member("C1", {"t0", "t1"}), member("C2", {"t0", "t1", "t2"})});
    CHECK(assignment.at("C0") == Partitions{tp("t0", 0)});
    CHECK(assignment.at("C1") == Partitions{tp("t1", 0)});
    CHECK(assignment.at("C2") == Partitions{tp("t1", 1), tp("t2", 0), tp("t2", 1), tp("t2", 2)});
}

TEST_CASE("roundrobin: static members come first by instance id and keep their partitions across a member swap") {
    RoundRobinAssignor round_robin;
    const std::vector<std::string> topics{"topic1", "topic2"};
    std::vector<GroupMember> members{static_member("consumer1", "instance1", topics),
                                     static_member("consumer2", "instance2", topics),
                                     static_member("consumer3", "instance3", topics), member("consumer4", topics)};
    const PartitionCounts counts{{"topic1", 3}, {"topic2", 3}};
    auto first = round_robin.assign(counts, members);
    CHECK(first.at("consumer1") == Partitions{tp("topic1", 0), tp("topic2", 1)});
    CHECK(first.at("consumer2") == Partitions{tp("topic1", 1), tp("topic2", 2)});
    CHECK(first.at("consumer3") == Partitions{tp("topic1", 2)});
    CHECK(first.at("consumer4") == Partitions{tp("topic2", 0)});
    members.back() = member("consumer5", topics);
    auto second = round_robin.assign(counts, members);
    CHECK(second.at("consumer5") == Partitions{tp("topic2", 0)});
    CHECK(second.at("consumer1") == first.at("consumer1"));

    auto mixed = round_robin.assign(counts, {static_member("consumer-b", "instance1", topics), member("consumer-a", topics)});
    CHECK(mixed.at("consumer-b") == Partitions{tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)});
    CHECK(mixed.at("consumer-a") == Partitions{tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)});
}

TEST_CASE("roundrobin: identical subscriptions give partition counts within one of each other") {
    RoundRobinAssignor round_robin;
    std::vector<GroupMember> members;
    for (int i = 0; i < 7; ++i) members.push_back(member("member-" + std::to_string(i), {"a", "b", "c"}));
    auto assignment = round_robin.assign({{"a", 5}, {"b", 11}, {"c", 4}}, members);
    CHECK(fully_balanced(assignment));
    std::size_t total = 0;
    for (const auto& [id, partitions] : assignment) total += partitions.size();
    CHECK(total == 20);
    CHECK(assignment_problems(members, assignment).empty());
}
