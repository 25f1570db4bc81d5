// The catalog's names, defaults per era, and value checks.
#include <catch2/catch.hpp>

#include "broker_model/config/config_catalog.h"
#include "broker_model/config/did_you_mean.h"

using namespace kafkalab::kafka;

namespace {

std::string default_of(ConfigScope scope, std::string_view key, KafkaVersion era) {
    const ConfigDef* def = find_config(scope, key);
    REQUIRE(def != nullptr);
    return std::string(def->default_for(era).value_or("<null>"));
}

}  // namespace

TEST_CASE("kafka-version accepts releases from 0.8 to 3.x and refuses the rest") {
    CHECK(parse_kafka_version("3.6") == KafkaVersion{3, 6, 0});
    CHECK(parse_kafka_version("0.10.1") == KafkaVersion{0, 10, 1});
    CHECK(parse_kafka_version("2.4.1")->to_string() == "2.4.1");
    CHECK_FALSE(parse_kafka_version("4.0"));
    CHECK_FALSE(parse_kafka_version("0.7"));
    CHECK_FALSE(parse_kafka_version("3"));
    CHECK_FALSE(parse_kafka_version("3.6.1.2"));
    CHECK_FALSE(parse_kafka_version("three"));
    CHECK_FALSE(parse_kafka_version(""));
}

TEST_CASE("producer defaults move to acks=all and idempotence in 3.0") {
    CHECK(default_of(ConfigScope::producer, "acks", {2, 8, 0}) == "1");
    CHECK(default_of(ConfigScope::producer, "acks", {3, 0, 0}) == "all");
    CHECK(default_of(ConfigScope::producer, "enable.idempotence", {2, 4, 0}) == "false");
    CHECK(default_of(ConfigScope::producer, "enable.idempotence", {3, 6, 0}) == "true");
    CHECK(default_of(ConfigScope::producer, "retries", {2, 0, 0}) == "0");
    CHECK(default_of(ConfigScope::producer, "retries", {3, 6, 0}) == "2147483647");
}

TEST_CASE("consumer session timeout is 30s in 0.9, 10s until 2.8 and 45s from 3.0") {
    CHECK(default_of(ConfigScope::consumer, "session.timeout.ms", {0, 9, 0}) == "30000");
    CHECK(default_of(ConfigScope::consumer, "session.timeout.ms", {2, 4, 0}) == "10000");
    CHECK(default_of(ConfigScope::consumer, "session.timeout.ms", {3, 6, 0}) == "45000");
}

TEST_CASE("broker defaults follow the era: unclean election, ZooKeeper session, replica lag") {
    CHECK(default_of(ConfigScope::broker, "unclean.leader.election.enable", {0, 8, 0}) == "true");
    CHECK(default_of(ConfigScope::broker, "unclean.leader.election.enable", {0, 11, 0}) == "false");
    CHECK(default_of(ConfigScope::topic, "unclean.leader.election.enable", {0, 10, 2}) == "true");
    CHECK(default_of(ConfigScope::broker, "zookeeper.session.timeout.ms", {2, 4, 0}) == "6000");
    CHECK(default_of(ConfigScope::broker, "zookeeper.session.timeout.ms", {2, 5, 0}) == "18000");
    CHECK(default_of(ConfigScope::broker, "replica.lag.time.max.ms", {2, 4, 1}) == "10000");
    CHECK(default_of(ConfigScope::broker, "replica.lag.time.max.ms", {3, 6, 0}) == "30000");
    CHECK(default_of(ConfigScope::broker, "delete.topic.enable", {0, 11, 0}) == "false");
    CHECK(default_of(ConfigScope::broker, "delete.topic.enable", {1, 0, 0}) == "true");
}

TEST_CASE("the catalog holds Kafka 3.6 defaults for the keys lessons set") {
    KafkaVersion v36{3, 6, 0};
    CHECK(default_of(ConfigScope::broker, "min.insync.replicas", v36) == "1");
    CHECK(default_of(ConfigScope::broker, "offsets.topic.num.partitions", v36) == "50");
    CHECK(default_of(ConfigScope::broker, "offsets.topic.replication.factor", v36) == "3");
    CHECK(default_of(ConfigScope::broker, "group.initial.rebalance.delay.ms", v36) == "3000");
    CHECK(default_of(ConfigScope::broker, "group.max.session.timeout.ms", v36) == "1800000");
    CHECK(default_of(ConfigScope::broker, "replica.fetch.max.bytes", v36) == "1048576");
    CHECK(default_of(ConfigScope::broker, "log.flush.interval.messages", v36) == "9223372036854775807");
    CHECK(default_of(ConfigScope::broker, "zookeeper.connect", v36) == "<null>");
    CHECK(default_of(ConfigScope::consumer, "auto.offset.reset", v36) == "latest");
    CHECK(default_of(ConfigScope::consumer, "max.poll.interval.ms", v36) == "300000");
    CHECK(default_of(ConfigScope::producer, "batch.size", v36) == "16384");
    CHECK(default_of(ConfigScope::producer, "delivery.timeout.ms", v36) == "120000");
    CHECK(default_of(ConfigScope::zookeeper, "clientPort", v36) == "2181");
    CHECK(default_of(ConfigScope::topic, "retention.ms", v36) == "604800000");
}

TEST_CASE("a bad value names what was expected") {
    const ConfigDef& acks = *find_config(ConfigScope::producer, "acks");
    CHECK(check_value(acks, "everyone") == "acks must be one of all, -1, 0, 1; found 'everyone'");
    CHECK_FALSE(check_value(acks, "-1"));
    const ConfigDef& min_isr = *find_config(ConfigScope::broker, "min.insync.replicas");
    CHECK(check_value(min_isr, "0") == "min.insync.replicas must be an int of at least 1; found '0'");
    CHECK(check_value(min_isr, "two") == "min.insync.replicas must be an int of at least 1; found 'two'");
    CHECK(check_value(min_isr, "3000000000") == "min.insync.replicas must be an int of at least 1; found '3000000000'");
    const ConfigDef& unclean = *find_config(ConfigScope::broker, "unclean.leader.election.enable");
    CHECK(check_value(unclean, "yes") == "unclean.leader.election.enable must be true or false; found 'yes'");
    CHECK_FALSE(check_value(unclean, "TRUE"));
    const ConfigDef& listeners = *find_config(ConfigScope::broker, "listeners");
    CHECK_FALSE(check_value(listeners, "PLAINTEXT://:9092,SSL://broker-1:9093"));
    CHECK(check_value(listeners, "broker-1:9092").has_value());
}

TEST_CASE("class settings accept Kafka's class names and kafkalab's short names") {
    const ConfigDef& partitioner = *find_config(ConfigScope::producer, "partitioner.class");
    CHECK(find_choice(partitioner, "org.apache.kafka.clients.producer.RoundRobinPartitioner")->name == "round-robin");
    CHECK(find_choice(partitioner, "murmur2")->name == "default");
    CHECK(find_choice(partitioner, "random")->name == "random");
    CHECK(find_choice(partitioner, "org.example.MyPartitioner") == nullptr);
    const ConfigDef& assignors = *find_config(ConfigScope::consumer, "partition.assignment.strategy");
    CHECK_FALSE(check_value(assignors, "range, org.apache.kafka.clients.consumer.CooperativeStickyAssignor"));
    CHECK(check_value(assignors, "range,fair").has_value());
    const ConfigDef& serializer = *find_config(ConfigScope::producer, "value.serializer");
    CHECK(find_choice(serializer, "org.apache.kafka.common.serialization.StringSerializer")->name == "string");
    CHECK(find_choice(serializer, "json")->class_name == "org.apache.kafka.connect.json.JsonSerializer");
}

TEST_CASE("misspelt names get the closest real one as a suggestion") {
    CHECK(edit_distance("replcia", "replica") == 1);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(suggest_key(ConfigScope::broker, "min.insync.replica") == "min.insync.replicas");
    CHECK(suggest_key(ConfigScope::consumer, "auto.offset.rest") == "auto.offset.reset");
    CHECK(suggest_key(ConfigScope::producer, "completely.different.thing").empty());
    CHECK(scopes_knowing("acks") == std::vector<ConfigScope>{ConfigScope::producer});
    CHECK(scopes_knowing("min.insync.replicas") == std::vector<ConfigScope>{ConfigScope::broker, ConfigScope::topic});
}
