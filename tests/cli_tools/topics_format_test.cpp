// kafka-topics output. Golden strings follow Kafka 3.6's TopicCommand
// (TopicDescription/PartitionDescription.printDescription, DescribeOptions, listTopics,
// createTopic, printException) and the ZooKeeper-era ZookeeperTopicService of Kafka 2.x.
#include <catch2/catch.hpp>

#include "parse_helpers.h"
#include "scenarios/cli_tools/topics_format.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;
using kafka::BrokerId;

namespace {

std::vector<BrokerId> ids(std::initializer_list<int> values) {
    std::vector<BrokerId> result;
    for (int v : values) result.push_back(BrokerId{v});
    return result;
}

PartitionDescription partition(int number, std::optional<int> leader, std::initializer_list<int> replicas,
                               std::initializer_list<int> isr) {
    PartitionDescription p;
    p.partition = number;
    if (leader) p.leader = BrokerId{*leader};
    p.replicas = ids(replicas);
    p.isr = ids(isr);
    return p;
}

// Three brokers, broker 2 just crashed: partition 1 has no leader, partition 2 is led by
// broker 3 with a shrunken ISR.
std::vector<TopicDescription> cluster_topics() {
    TopicDescription orders;
    orders.name = "orders";
    orders.topic_id = "Nm3OqOqFRXSc3QydVFhT1Q";
    orders.partitions = {partition(2, 3, {3, 1, 2}, {3}), partition(0, 1, {1, 2, 3}, {1, 3}),
                         partition(1, std::nullopt, {2, 3, 1}, {2})};
    orders.configs = {{"min.insync.replicas", "2"}};
    orders.min_insync_replicas = 2;
    TopicDescription offsets;
    offsets.name = "__consumer_offsets";
    offsets.topic_id = "aQ2pE4xTQJ2cKx1mHqM7dw";
    offsets.partitions = {partition(0, 1, {1}, {1})};
    offsets.configs = {{"compression.type", "producer"}, {"cleanup.policy", "compact"}, {"segment.bytes", "104857600"}};
    return {orders, offsets};
}

const std::set<BrokerId> live_brokers{BrokerId{1}, BrokerId{3}};

ToolOutput describe(std::string_view options, kafka::KafkaVersion era = kafka::default_kafka_version) {
    const auto command = parse_as<TopicsCommand>("kafka-topics --describe " + std::string(options), era);
    return format_topics_describe(command, cluster_topics(), live_brokers);
}

}  // namespace

TEST_CASE("kafka-topics --describe prints a header line and tab-led partition lines in partition order (TopicCommand)") {
    const ToolOutput output = describe("--bootstrap-server localhost:9092 --topic orders");
    CHECK(output.stdout_text() ==
          "Topic: orders\tTopicId: Nm3OqOqFRXSc3QydVFhT1Q\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: min.insync.replicas=2\n"
          "\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,3\n"
          "\tTopic: orders\tPartition: 1\tLeader: none\tReplicas: 2,3,1\tIsr: 2\n"
          "\tTopic: orders\tPartition: 2\tLeader: 3\tReplicas: 3,1,2\tIsr: 3\n");
    CHECK(output.exit_code() == 0);
}

TEST_CASE("kafka-topics up to 2.3 shows a missing leader as -1 and its own header format; from 2.4 'none' "
          "(TopicCommand 2.3 vs 2.4)") {
    const ToolOutput old = describe("--zookeeper localhost:2181 --topic orders", kafka::KafkaVersion{2, 3, 0});
    CHECK(old.stdout_text() ==
          "Topic:orders\tPartitionCount:3\tReplicationFactor:3\tConfigs:min.insync.replicas=2\n"
          "\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,3\n"
          "\tTopic: orders\tPartition: 1\tLeader: -1\tReplicas: 2,3,1\tIsr: 2\n"
          "\tTopic: orders\tPartition: 2\tLeader: 3\tReplicas: 3,1,2\tIsr: 3\n");
    // 2.4 to 2.7: one format for both connections, "none", no TopicId yet (KIP-516, 2.8).
    const ToolOutput mid = describe("--zookeeper localhost:2181 --topic orders", kafka::KafkaVersion{2, 7, 0});
    CHECK(mid.stdout_text().starts_with("Topic: orders\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: min.insync.replicas=2\n"));
    CHECK(mid.stdout_text().find("\tPartition: 1\tLeader: none\t") != std::string::npos);
    const ToolOutput zk28 = describe("--zookeeper localhost:2181 --topic orders", kafka::KafkaVersion{2, 8, 0});
    CHECK(zk28.stdout_text().starts_with("Topic: orders\tTopicId: Nm3OqOqFRXSc3QydVFhT1Q\tPartitionCount: 3"));
    CHECK(zk28.stdout_text().find("-1") == std::string::npos);
}

TEST_CASE("kafka-topics --describe without --topic covers every topic in name order, internal ones unless excluded") {
    const ToolOutput all = describe("--bootstrap-server localhost:9092");
    CHECK(all.stdout_text().starts_with(
        "Topic: __consumer_offsets\tTopicId: aQ2pE4xTQJ2cKx1mHqM7dw\tPartitionCount: 1\tReplicationFactor: 1\t"
        "Configs: compression.type=producer,cleanup.policy=compact,segment.bytes=104857600\n"
        "\tTopic: __consumer_offsets\tPartition: 0\tLeader: 1\tReplicas: 1\tIsr: 1\n"
        "Topic: orders\t"));
    const ToolOutput without_internal = describe("--bootstrap-server localhost:9092 --exclude-internal");
    CHECK(without_internal.stdout_text().starts_with("Topic: orders\t"));
}

TEST_CASE("kafka-topics --describe filters print only matching partition lines and no header (DescribeOptions)") {
    CHECK(describe("--bootstrap-server localhost:9092 --topic orders --under-replicated-partitions").stdout_text() ==
          "\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,3\n"
          "\tTopic: orders\tPartition: 1\tLeader: none\tReplicas: 2,3,1\tIsr: 2\n"
          "\tTopic: orders\tPartition: 2\tLeader: 3\tReplicas: 3,1,2\tIsr: 3\n");
    // A leaderless partition counts as under min ISR whatever its ISR.
    CHECK(describe("--bootstrap-server localhost:9092 --topic orders --under-min-isr-partitions").stdout_text() ==
          "\tTopic: orders\tPartition: 1\tLeader: none\tReplicas: 2,3,1\tIsr: 2\n"
          "\tTopic: orders\tPartition: 2\tLeader: 3\tReplicas: 3,1,2\tIsr: 3\n");
    CHECK(describe("--bootstrap-server localhost:9092 --topic orders --at-min-isr-partitions").stdout_text() ==
          "\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,3\n");
    CHECK(describe("--bootstrap-server localhost:9092 --topic orders --unavailable-partitions").stdout_text() ==
          "\tTopic: orders\tPartition: 1\tLeader: none\tReplicas: 2,3,1\tIsr: 2\n");
}

TEST_CASE("kafka-topics --describe counts a leader on a dead broker as unavailable") {
    auto topics = cluster_topics();
    const auto command = parse_as<TopicsCommand>("kafka-topics --describe --bootstrap-server h:9092 --topic orders --unavailable-partitions");
    const ToolOutput output = format_topics_describe(command, topics, std::set<BrokerId>{BrokerId{1}});
    CHECK(output.stdout_text() ==
          "\tTopic: orders\tPartition: 1\tLeader: none\tReplicas: 2,3,1\tIsr: 2\n"
          "\tTopic: orders\tPartition: 2\tLeader: 3\tReplicas: 3,1,2\tIsr: 3\n");
}

TEST_CASE("kafka-topics --describe shows a reassignment in flight and the target replication factor") {
    TopicDescription topic;
    topic.name = "moving";
    PartitionDescription p = partition(0, 1, {1, 2, 3, 4}, {1, 2, 3});
    p.reassignment = PartitionReassignmentState{ids({4}), ids({3})};
    topic.partitions = {p};
    const auto command = parse_as<TopicsCommand>("kafka-topics --describe --bootstrap-server h:9092 --topic moving");
    CHECK(format_topics_describe(command, std::vector{topic}, live_brokers).stdout_text() ==
          "Topic: moving\tPartitionCount: 1\tReplicationFactor: 3\tConfigs: \n"
          "\tTopic: moving\tPartition: 0\tLeader: 1\tReplicas: 1,2,3,4\tIsr: 1,2,3\tAdding Replicas: 4\tRemoving Replicas: 3\n");
}

TEST_CASE("kafka-topics --describe of a missing topic fails unless --if-exists") {
    const ToolOutput missing = describe("--bootstrap-server localhost:9092 --topic nope");
    CHECK(missing.stdout_text() == "Error while executing topic command : Topic 'nope' does not exist as expected\n");
    CHECK(missing.exit_code() == 1);
    const ToolOutput tolerated = describe("--bootstrap-server localhost:9092 --topic nope --if-exists");
    CHECK(tolerated.terminal_text().empty());
    CHECK(tolerated.exit_code() == 0);
}

TEST_CASE("kafka-topics --topic takes a regular expression that must match whole names (TopicFilter.IncludeList)") {
    const std::vector<std::string> all{"payments", "payouts", "pay", "orders", "__consumer_offsets"};
    const auto pattern = parse_as<TopicsCommand>("kafka-topics --list --bootstrap-server h:9092 --topic 'pay.+'");
    CHECK(format_topics_list(pattern, all).stdout_text() == "payments\npayouts\n");
    const auto alternatives = parse_as<TopicsCommand>("kafka-topics --list --bootstrap-server h:9092 --topic orders,pay");
    CHECK(format_topics_list(alternatives, all).stdout_text() == "orders\npay\n");
    const auto broken = parse_as<TopicsCommand>("kafka-topics --list --bootstrap-server h:9092 --topic 'pay('");
    CHECK(format_topics_list(broken, all).stdout_text() == "Error while executing topic command : pay( is an invalid regex.\n");
}

TEST_CASE("kafka-topics --list prints sorted names including internal topics unless --exclude-internal") {
    const std::vector<std::string> all{"user_registration_2", "registered_user", "__consumer_offsets"};
    const auto list = parse_as<TopicsCommand>(R"(.\bin\windows\kafka-topics.bat --list --bootstrap-server localhost:9092)");
    CHECK(format_topics_list(list, all).stdout_text() == "__consumer_offsets\nregistered_user\nuser_registration_2\n");
    const auto exclude = parse_as<TopicsCommand>("kafka-topics --list --bootstrap-server localhost:9092 --exclude-internal");
    CHECK(format_topics_list(exclude, all).stdout_text() == "registered_user\nuser_registration_2\n");
}

TEST_CASE("kafka-topics --list of an empty cluster prints one empty line, but nothing through --zookeeper") {
    const auto modern = parse_as<TopicsCommand>("kafka-topics --list --bootstrap-server localhost:9092");
    CHECK(format_topics_list(modern, {}).stdout_text() == "\n");
    const auto legacy = parse_as<TopicsCommand>(R"(.\bin\windows\kafka-topics.bat --list --zookeeper localhost:2181)", zookeeper_era);
    CHECK(format_topics_list(legacy, {}).stdout_text().empty());
    CHECK(format_topics_list(legacy, {"b", "a"}, {"b"}).stdout_text() == "a\nb - marked for deletion\n");
}

TEST_CASE("kafka-topics --create confirms, and warns first about '.' or '_' in the name") {
    const auto plain = parse_as<TopicsCommand>("kafka-topics --create --bootstrap-server localhost:9092 --topic orders");
    CHECK(format_topics_create(plain, kafka::Error::none).stdout_text() == "Created topic orders.\n");
    const auto underscored = parse_as<TopicsCommand>(
        R"(.\bin\windows\kafka-topics.bat --create --topic registered_user --bootstrap-server localhost:9092)");
    CHECK(format_topics_create(underscored, kafka::Error::none).stdout_text() ==
          "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. "
          "To avoid issues it is best to use either, but not both.\n"
          "Created topic registered_user.\n");
}

TEST_CASE("kafka-topics --create reports the broker's refusal and exits 1") {
    const auto command = parse_as<TopicsCommand>("kafka-topics --create --bootstrap-server localhost:9092 --topic orders --replication-factor 3");
    const ToolOutput too_big = format_topics_create(command, kafka::Error::invalid_replication_factor,
                                                    replication_factor_too_large_message(3, 1));
    CHECK(too_big.stdout_text() == "Error while executing topic command : Replication factor: 3 larger than available brokers: 1.\n");
    CHECK(too_big.exit_code() == 1);
    const ToolOutput exists = format_topics_create(command, kafka::Error::topic_already_exists, topic_already_exists_message("orders"));
    CHECK(exists.stdout_text() == "Error while executing topic command : Topic 'orders' already exists.\n");
    CHECK(format_topics_create(command, kafka::Error::topic_already_exists).stdout_text() ==
          "Error while executing topic command : Topic with this name already exists.\n");
}

TEST_CASE("kafka-topics --create --if-not-exists is silent about an existing topic") {
    const auto command = parse_as<TopicsCommand>("kafka-topics --create --bootstrap-server localhost:9092 --topic orders --if-not-exists");
    const ToolOutput output = format_topics_create(command, kafka::Error::topic_already_exists, topic_already_exists_message("orders"));
    CHECK(output.terminal_text().empty());
    CHECK(output.exit_code() == 0);
}

TEST_CASE("kafka-topics --delete is silent through a bootstrap server and explains itself through ZooKeeper") {
    const std::vector<std::string> all{"user_registration_3", "orders"};
    const auto modern = parse_as<TopicsCommand>("kafka-topics --delete --bootstrap-server localhost:9092 --topic user_registration_3");
    CHECK(format_topics_delete(modern, all).terminal_text().empty());
    const auto legacy = parse_as<TopicsCommand>(R"(.\bin\windows\kafka-topics.bat --zookeeper localhost:2181 --delete --topic user_registration_3)", zookeeper_era);
    CHECK(format_topics_delete(legacy, all).stdout_text() ==
          "Topic user_registration_3 is marked for deletion.\n"
          "Note: This will have no impact if delete.topic.enable is not set to true.\n");
    const auto missing = parse_as<TopicsCommand>("kafka-topics --delete --bootstrap-server localhost:9092 --topic nope");
    const ToolOutput error = format_topics_delete(missing, all);
    CHECK(error.stdout_text() == "Error while executing topic command : Topic 'nope' does not exist as expected\n");
    CHECK(error.exit_code() == 1);
}
