// ConsumerConfig: Kafka's names and 3.x defaults, the pre-3.0 era, validation, and
// properties read through the catalog (consumer.properties, --consumer-property).
#include <catch2/catch.hpp>

#include "broker_model/client/consumer_config.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace std::chrono_literals;

TEST_CASE("consumer defaults are Kafka 3.x's: session.timeout.ms 45 s, range then cooperative-sticky") {
    ConsumerConfig config;
    CHECK(config.session_timeout == 45s);
    CHECK(config.heartbeat_interval == 3s);
    CHECK(config.max_poll_interval == 300s);
    CHECK(config.max_poll_records == 500);
    CHECK(config.auto_commit_interval == 5s);
    CHECK(config.auto_offset_reset == AutoOffsetReset::latest);
    CHECK(config.auto_commit_enabled());
    CHECK(config.partition_assignment_strategy == std::vector<std::string>{"range", "cooperative-sticky"});
    CHECK(config.validate().empty());
}

TEST_CASE("pre-3.0 consumer defaults: session.timeout.ms 10 s and only the range assignor") {
    ConsumerConfig config = ConsumerConfig::defaults_before_3_0();
    CHECK(config.session_timeout == 10s);
    CHECK(config.partition_assignment_strategy == std::vector<std::string>{"range"});
}

TEST_CASE("a generated console-consumer group turns auto-commit off unless enable.auto.commit was set") {
    ConsumerConfig config;
    config.random_group_id = true;
    CHECK_FALSE(config.auto_commit_enabled());
    config.enable_auto_commit = true;
    CHECK(config.auto_commit_enabled());
    CHECK(console_consumer_group_id(4242) == "console-consumer-4242");
    CHECK(console_consumer_group_id(123456) == "console-consumer-23456");
}

TEST_CASE("validation refuses an unknown assignor and a heartbeat interval not below the session timeout") {
    ConsumerConfig config;
    config.partition_assignment_strategy = {"range", "fastest"};
    config.heartbeat_interval = 45s;
    auto problems = config.validate();
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].find("heartbeat.interval.ms") != std::string::npos);
}

TEST_CASE("consumer properties reach typed fields through the catalog, by Kafka name") {
    Properties properties(ConfigScope::consumer);
    properties.set("bootstrap.servers", "broker-1:9092, broker-2:9092");
    properties.set("session.timeout.ms", "10000");
    properties.set("auto.offset.reset", "earliest");
    properties.set("partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
    properties.set("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    ConsumerConfig config(properties);
    CHECK(config.bootstrap_servers == std::vector<std::string>{"broker-1", "broker-2"});
    CHECK(config.session_timeout == 10s);
    CHECK(config.auto_offset_reset == AutoOffsetReset::earliest);
    CHECK(config.partition_assignment_strategy == std::vector<std::string>{"cooperative-sticky"});
    CHECK_FALSE(config.enable_auto_commit.has_value());
    CHECK(config.validate().empty());
}
