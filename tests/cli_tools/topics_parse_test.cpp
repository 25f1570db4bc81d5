// kafka-topics command lines, starting with every one in kafka-for-beginners.md.
#include <catch2/catch.hpp>

#include "parse_helpers.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

TEST_CASE("the notes' Windows --list through ZooKeeper parses") {
    const auto command = parse_as<TopicsCommand>(R"(.\bin\windows\kafka-topics.bat --list --zookeeper localhost:2181)", zookeeper_era);
    CHECK(command.program == R"(.\bin\windows\kafka-topics.bat)");
    CHECK(command.action == TopicsAction::list);
    CHECK(command.connection == ClusterConnection::zookeeper);
    CHECK(command.servers == std::vector<std::string>{"localhost:2181"});
    CHECK_FALSE(command.topic);
}

TEST_CASE("the notes' Windows --create through a bootstrap server takes the cluster's default sizes") {
    const auto command =
        parse_as<TopicsCommand>(R"(.\bin\windows\kafka-topics.bat --create --topic registered_user --bootstrap-server localhost:9092)");
    CHECK(command.action == TopicsAction::create);
    CHECK(command.connection == ClusterConnection::bootstrap_server);
    CHECK(command.servers == std::vector<std::string>{"localhost:9092"});
    CHECK(command.topic == "registered_user");
    CHECK_FALSE(command.partitions);
    CHECK_FALSE(command.replication_factor);
}

TEST_CASE("the notes' --create with two partitions through ZooKeeper parses, on Windows and on Linux") {
    for (std::string_view program : {R"(.\bin\windows\kafka-topics.bat)", "bin/kafka-topics.sh", "kafka-topics"}) {
        const auto command = parse_as<TopicsCommand>(
            std::string(program) + " --create --zookeeper localhost:2181 --topic user_registration_2 --replication-factor 1 --partitions 2",
            zookeeper_era);
        CHECK(command.program == program);
        CHECK(command.action == TopicsAction::create);
        CHECK(command.connection == ClusterConnection::zookeeper);
        CHECK(command.topic == "user_registration_2");
        CHECK(command.partitions == 2);
        CHECK(command.replication_factor == 1);
    }
}

TEST_CASE("the notes' --describe and --delete through ZooKeeper parse") {
    const auto describe =
        parse_as<TopicsCommand>(R"(.\bin\windows\kafka-topics.bat --describe --zookeeper localhost:2181 --topic user_registration_2)",
                                zookeeper_era);
    CHECK(describe.action == TopicsAction::describe);
    CHECK(describe.topic == "user_registration_2");
    const auto remove =
        parse_as<TopicsCommand>(R"(.\bin\windows\kafka-topics.bat --zookeeper localhost:2181 --delete --topic user_registration_3)",
                                zookeeper_era);
    CHECK(remove.action == TopicsAction::delete_topic);
    CHECK(remove.connection == ClusterConnection::zookeeper);
    CHECK(remove.topic == "user_registration_3");
}

TEST_CASE("kafka-topics keeps configs in typed order, bootstrap lists unresolved, and the describe filters") {
    const auto create = parse_as<TopicsCommand>(
        "bin/kafka-topics.sh --bootstrap-server broker-1:9092,broker-2:9092 --create --topic payments "
        "--config=min.insync.replicas=2 --config \"retention.ms = 1000\" --if-not-exists");
    CHECK(create.servers == std::vector<std::string>{"broker-1:9092", "broker-2:9092"});
    CHECK(create.configs == CliProperties{{"min.insync.replicas", "2"}, {"retention.ms", "1000"}});
    CHECK(create.if_not_exists);
    const auto describe = parse_as<TopicsCommand>(
        "kafka-topics --describe --bootstrap-server localhost:9092 --under-min-isr-partitions --exclude-internal");
    CHECK(describe.under_min_isr_partitions);
    CHECK(describe.exclude_internal);
    CHECK(describe.has_partition_filter());
    CHECK_FALSE(describe.under_replicated_partitions);
}

TEST_CASE("kafka-topics reads a replica assignment as one broker list per partition") {
    const auto command = parse_as<TopicsCommand>(
        "kafka-topics --create --bootstrap-server localhost:9092 --topic t --replica-assignment 1:2:3,2:3:1");
    using kafka::BrokerId;
    REQUIRE(command.replica_assignment);
    CHECK(*command.replica_assignment == std::vector<std::vector<BrokerId>>{{BrokerId{1}, BrokerId{2}, BrokerId{3}},
                                                                             {BrokerId{2}, BrokerId{3}, BrokerId{1}}});
}

TEST_CASE("kafka-topics refuses a non-numeric partition count, naming the flag and the value") {
    CHECK(refusal_message("kafka-topics --create --bootstrap-server localhost:9092 --topic t --partitions two") ==
          "kafka-topics: --partitions expects a positive integer, got 'two'");
    CHECK(refusal_message("kafka-topics --create --bootstrap-server localhost:9092 --topic t --partitions 0") ==
          "kafka-topics: --partitions expects a positive integer, got '0'");
    const CliParseError error = refusal_of("kafka-topics --create --bootstrap-server localhost:9092 --topic t --partitions");
    CHECK(error.message == "kafka-topics: --partitions expects a positive integer, got nothing");
    CHECK(error.option == "--partitions");
    CHECK(error.tool == "kafka-topics");
}

TEST_CASE("kafka-topics suggests the option a typo was meant to be") {
    const CliParseError error = refusal_of("kafka-topics --create --bootstrap-server localhost:9092 --topic t --partiton 3");
    CHECK(error.message == "kafka-topics: unknown option --partiton (did you mean --partitions?)");
    CHECK(error.option == "--partiton");
    CHECK(refusal_message("kafka-topics --list -bootstrap-server localhost:9092") ==
          "kafka-topics: unknown option -bootstrap-server (did you mean --bootstrap-server?)");
    CHECK(refusal_message("kafka-topics --list --bootstrap-server localhost:9092 --xyzzy") == "kafka-topics: unknown option --xyzzy");
}

TEST_CASE("kafka-topics needs exactly one action") {
    const std::string expected = "kafka-topics: exactly one of --create, --list, --describe, --delete, --alter is required";
    CHECK(refusal_message("kafka-topics --bootstrap-server localhost:9092 --topic t") == expected);
    CHECK(refusal_message("kafka-topics --list --describe --bootstrap-server localhost:9092") == expected);
}

TEST_CASE("kafka-topics needs a cluster to talk to, and only one") {
    CHECK(refusal_message("kafka-topics --list") == "kafka-topics: one of --bootstrap-server or --zookeeper is required");
    CHECK(refusal_message("kafka-topics --list --zookeeper localhost:2181 --bootstrap-server localhost:9092", zookeeper_era) ==
          "kafka-topics: --bootstrap-server and --zookeeper can't be used together");
    CHECK(refusal_message("kafka-topics --list --bootstrap-server localhost") ==
          "kafka-topics: --bootstrap-server expects host:port[,host:port...], got 'localhost'");
}

TEST_CASE("kafka-topics refuses options that belong to another action, as TopicCommand does") {
    CHECK(refusal_message("kafka-topics --create --bootstrap-server localhost:9092") == "kafka-topics: --topic is required with --create");
    CHECK(refusal_message("kafka-topics --describe --bootstrap-server localhost:9092 --partitions 3") ==
          "kafka-topics: --partitions can't be used with --describe");
    CHECK(refusal_message("kafka-topics --alter --bootstrap-server localhost:9092 --topic t --replication-factor 3 --partitions 4") ==
          "kafka-topics: --replication-factor can't be used with --alter");
    CHECK(refusal_message("kafka-topics --alter --bootstrap-server localhost:9092 --topic t") ==
          "kafka-topics: --partitions is required with --alter");
    CHECK(refusal_message("kafka-topics --describe --bootstrap-server localhost:9092 --under-replicated-partitions --unavailable-partitions") ==
          "kafka-topics: --under-replicated-partitions can't be used with --unavailable-partitions");
    CHECK(refusal_message("kafka-topics --create --bootstrap-server localhost:9092 --topic t --partitions 2 --replica-assignment 1,2") ==
          "kafka-topics: --replica-assignment can't be used with --partitions");
}

TEST_CASE("kafka-topics refuses malformed configs and replica assignments") {
    CHECK(refusal_message("kafka-topics --create --bootstrap-server localhost:9092 --topic t --config retention.ms") ==
          "kafka-topics: --config expects name=value, got 'retention.ms'");
    CHECK(refusal_message("kafka-topics --create --bootstrap-server localhost:9092 --topic t --replica-assignment 1:1") ==
          "kafka-topics: --replica-assignment lists a broker twice for partition 0");
    CHECK(refusal_message("kafka-topics --create --bootstrap-server localhost:9092 --topic t --replica-assignment 1:2,3") ==
          "kafka-topics: --replica-assignment gives partition 1 a replication factor of 1 but partition 0 one of 2");
    CHECK(refusal_message("kafka-topics --create --bootstrap-server localhost:9092 --topic t --replica-assignment a:b").starts_with(
        "kafka-topics: --replica-assignment expects broker ids like 1:2,2:3"));
}

TEST_CASE("real Kafka options kafkalab does not model are refused as such, not as typos") {
    CHECK(refusal_message("kafka-topics --describe --bootstrap-server localhost:9092 --topic-id abc") ==
          "kafka-topics: --topic-id is a Kafka option that kafkalab does not simulate");
}

TEST_CASE("a line that is not a simulated tool names the tools that are") {
    const CliParseError error = refusal_of("JMX_PORT=8004 bin/kafka-server-start.sh config/server.properties");
    CHECK(error.tool.empty());
    CHECK(error.message == "'kafka-server-start' is not a tool kafkalab simulates; try kafka-topics, kafka-console-consumer, "
                           "kafka-console-producer, kafka-consumer-groups");
    CHECK(refusal_message("bin/kafka-topic.sh --list") == "'kafka-topic' is not a tool kafkalab simulates (did you mean kafka-topics?)");
    CHECK(refusal_message("   ") == "no command given");
}

TEST_CASE("a stray word on a kafka-topics line is refused rather than silently ignored") {
    CHECK(refusal_message("kafka-topics --list --bootstrap-server localhost:9092 orders") ==
          "kafka-topics: unexpected argument 'orders' (options start with --)");
}

TEST_CASE("kafka-topics from 3.0 refuses --zookeeper as joptsimple does, and 2.x accepts it (KAFKA-12596)") {
    for (const char* line : {"kafka-topics --list --zookeeper localhost:2181",
                             "bin/kafka-topics.sh --describe --topic t --zookeeper localhost:2181",
                             "kafka-topics --list --zookeeper localhost:2181 --bootstrap-server localhost:9092"}) {
        INFO(line);
        const CliParseError error = refusal_of(line, kafka::KafkaVersion{3, 0, 0});
        CHECK(error.message ==
              "Exception in thread \"main\" joptsimple.UnrecognizedOptionException: zookeeper is not a recognized option");
        CHECK(error.option == "--zookeeper");
        CHECK(refusal_of(line, kafka::KafkaVersion{3, 6, 0}).message == error.message);
    }
    const auto legacy = parse_as<TopicsCommand>("kafka-topics --list --zookeeper localhost:2181", kafka::KafkaVersion{2, 8, 0});
    CHECK(legacy.connection == ClusterConnection::zookeeper);
    CHECK(legacy.era == kafka::KafkaVersion{2, 8, 0});
}
