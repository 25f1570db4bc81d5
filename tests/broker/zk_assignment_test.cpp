// The /brokers/topics/<topic> znode: the JSON Kafka's ZooKeeper-mode controller writes
// for a topic's replica assignment (TopicZNode.encode), and reading it back.
#include <catch2/catch.hpp>

#include <string>

#include "broker_model/controller/zk_data.h"

using namespace kafkalab;
using namespace kafkalab::kafka;

TEST_CASE("a topic assignment znode holds Kafka's JSON with partitions in order and reads back") {
    zk_data::TopicAssignment assignment;
    assignment.topic_id = "k2rSbW9lTs6Qd4YvE7eJkA";
    assignment.partitions = {{BrokerId{1}, BrokerId{2}, BrokerId{3}}, {BrokerId{2}, BrokerId{3}, BrokerId{1}}, {BrokerId{3}}};
    const std::string text = zk_data::encode_assignment(assignment);
    CHECK(text ==
          R"({"version":3,"topic_id":"k2rSbW9lTs6Qd4YvE7eJkA","partitions":{"0":[1,2,3],"1":[2,3,1],"2":[3]},)"
          R"("adding_replicas":{},"removing_replicas":{}})");
    auto decoded = zk_data::decode_assignment(text);
    REQUIRE(decoded);
    CHECK(decoded->topic_id == assignment.topic_id);
    CHECK(decoded->partitions == assignment.partitions);
}

TEST_CASE("a topic assignment of many partitions reads back every partition's replicas") {
    zk_data::TopicAssignment assignment;
    assignment.topic_id = "id";
    for (int p = 0; p < 1000; ++p) assignment.partitions.push_back({BrokerId{p % 7 + 1}, BrokerId{(p + 1) % 7 + 1}});
    auto decoded = zk_data::decode_assignment(zk_data::encode_assignment(assignment));
    REQUIRE(decoded);
    CHECK(decoded->partitions == assignment.partitions);
}
