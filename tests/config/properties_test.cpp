// Properties: typed getters with era defaults, validation, and properties files.
#include <catch2/catch.hpp>

#include "broker_model/config/properties_file.h"

using namespace kafkalab::kafka;
using namespace std::chrono_literals;

TEST_CASE("getters fall back to the era's default when a key is not set") {
    Properties modern(ConfigScope::producer, {3, 6, 0});
    Properties old(ConfigScope::producer, {2, 4, 0});
    CHECK(modern.get_choice("acks") == "all");
    CHECK(old.get_choice("acks") == "1");
    CHECK(modern.get_bool("enable.idempotence"));
    CHECK_FALSE(old.get_bool("enable.idempotence"));
    CHECK(modern.get_int("max.in.flight.requests.per.connection") == 5);
    CHECK(modern.get_duration("delivery.timeout.ms") == 120s);
    CHECK(modern.get_string("client.id").empty());
    CHECK(modern.entries().empty());
}

TEST_CASE("a value that is set wins over the default and keeps its place") {
    Properties p(ConfigScope::producer);
    p.set("acks", "-1");
    p.set("linger.ms", "5");
    p.set("acks", "0");
    CHECK(p.get_choice("acks") == "0");
    CHECK(p.get_duration("linger.ms") == 5ms);
    REQUIRE(p.size() == 2);
    CHECK(p.entries()[0].key == "acks");
    CHECK(p.entries()[0].value == "0");
}

TEST_CASE("durations convert the key's unit, follow fallbacks and saturate at never") {
    Properties broker(ConfigScope::broker);
    CHECK(broker.get_duration("replica.lag.time.max.ms") == 30s);
    CHECK(broker.get_duration("leader.imbalance.check.interval.seconds") == 300s);
    CHECK(broker.get_duration("log.retention.ms") == 168h);
    CHECK(broker.get_duration("zookeeper.connection.timeout.ms") == 18s);
    CHECK(broker.get_duration("log.flush.interval.ms") == kafkalab::sim::Duration::max());
    broker.set("log.retention.minutes", "90");
    CHECK(broker.get_duration("log.retention.ms") == 90min);
    CHECK_THROWS_AS(broker.get_duration("num.partitions"), ConfigError);
}

TEST_CASE("list settings give canonical short names per era") {
    Properties modern(ConfigScope::consumer, {3, 6, 0});
    Properties old(ConfigScope::consumer, {2, 4, 0});
    CHECK(modern.get_choices("partition.assignment.strategy") == std::vector<std::string>{"range", "cooperative-sticky"});
    CHECK(old.get_choices("partition.assignment.strategy") == std::vector<std::string>{"range"});
    modern.set("partition.assignment.strategy", "roundrobin");
    CHECK(modern.get_choices("partition.assignment.strategy") == std::vector<std::string>{"roundrobin"});
}

TEST_CASE("a getter for a key of another scope or a broken value throws ConfigError") {
    Properties broker(ConfigScope::broker);
    CHECK_THROWS_AS(broker.get_choice("acks"), ConfigError);
    broker.set("num.partitions", "many");
    CHECK_THROWS_WITH(broker.get_int("num.partitions"), "num.partitions must be an int of at least 1; found 'many'");
    CHECK_THROWS_AS(broker.get_int("zookeeper.connect"), ConfigError);
}

TEST_CASE("validation reports unknown keys with a suggestion and keys of another scope") {
    Properties broker(ConfigScope::broker);
    broker.set("min.insync.replica", "2", 4, 1);
    broker.set("acks", "all", 5, 1);
    broker.set("retention.ms", "1000", 6, 1);
    auto issues = validate(broker);
    REQUIRE(issues.size() == 3);
    CHECK(issues[0].message == "unknown server.properties key 'min.insync.replica'; did you mean 'min.insync.replicas'?");
    CHECK(issues[0].line == 4);
    CHECK(issues[1].message == "'acks' is a producer config key, not a server.properties key");
    CHECK(issues[2].message ==
          "'retention.ms' is a topic config key, not a server.properties key; did you mean 'log.retention.ms'?");
}

TEST_CASE("a key newer than the era is a warning, not an error") {
    Properties p(ConfigScope::producer, {0, 8, 0});
    p.set("enable.idempotence", "false");
    auto issues = validate(p);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].severity == IssueSeverity::warning);
    CHECK(issues[0].message == "enable.idempotence did not exist before Kafka 0.11 (kafka-version is 0.8)");
}

TEST_CASE("an explicitly idempotent producer with acks=1 is refused as Kafka refuses it") {
    Properties p(ConfigScope::producer);
    p.set("enable.idempotence", "true");
    p.set("acks", "1");
    p.set("max.in.flight.requests.per.connection", "6");
    auto issues = validate(p);
    REQUIRE(issues.size() == 2);
    CHECK(issues[0].message == "acks must be all (or -1) when enable.idempotence is true");
    CHECK(issues[1].message == "max.in.flight.requests.per.connection must be at most 5 when enable.idempotence is true");
}

TEST_CASE("idempotence yields to conflicting settings unless it is set explicitly") {
    Properties p(ConfigScope::producer, {3, 6, 0});
    CHECK(idempotence_enabled(p));
    p.set("acks", "1");
    CHECK_FALSE(idempotence_enabled(p));
    CHECK_FALSE(idempotence_enabled(Properties(ConfigScope::producer, {2, 8, 0})));
    CHECK_FALSE(idempotence_enabled(Properties(ConfigScope::producer, {3, 0, 0})));
    CHECK(idempotence_enabled(Properties(ConfigScope::producer, {3, 2, 0})));
}

TEST_CASE("a heartbeat interval not below the session timeout is refused") {
    Properties p(ConfigScope::consumer);
    p.set("session.timeout.ms", "3000");
    auto issues = validate(p);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].key == "session.timeout.ms");
    CHECK(issues[0].message == "heartbeat.interval.ms must be lower than session.timeout.ms");
}

TEST_CASE("a topic takes the broker's written value for keys it does not override") {
    Properties broker(ConfigScope::broker);
    broker.set("log.retention.hours", "1");
    broker.set("min.insync.replicas", "2");
    Properties topic(ConfigScope::topic);
    topic.set("cleanup.policy", "compact");
    auto effective = with_server_defaults(topic, broker);
    CHECK(effective.get_long("retention.ms") == 3'600'000);
    CHECK(effective.get_int("min.insync.replicas") == 2);
    CHECK(effective.get_list("cleanup.policy") == std::vector<std::string>{"compact"});
    CHECK_FALSE(effective.contains("flush.ms"));
}

TEST_CASE("properties files read comments, both separators, continuations and escapes") {
    auto result = parse_properties_text("# comment\n"
                                        "! also a comment\n"
                                        "\n"
                                        "broker.id=3\n"
                                        "  num.partitions : 4\n"
                                        "log.dirs /var/kafka\\\n"
                                        "    /logs\n"
                                        "broker.rack=rack\\u002Da\r\n",
                                        ConfigScope::broker);
    CHECK(result.ok());
    CHECK(result.issues.empty());
    CHECK(result.properties.get_int("broker.id") == 3);
    CHECK(result.properties.get_int("num.partitions") == 4);
    CHECK(result.properties.get_string("log.dirs") == "/var/kafka/logs");
    CHECK(result.properties.get_string("broker.rack") == "rack-a");
    CHECK(result.properties.entry("num.partitions")->line == 5);
    CHECK(result.properties.entry("num.partitions")->column == 3);
}

TEST_CASE("properties file errors carry the line and say what was expected") {
    auto result = parse_properties_text("num.partitions=1\n"
                                        "min.insync.replicas=0\n"
                                        "unclean.leader.elect.enable=true\n"
                                        "=orphan\n"
                                        "num.partitions=2\n",
                                        ConfigScope::broker);
    CHECK_FALSE(result.ok());
    REQUIRE(result.issues.size() == 4);
    CHECK(format_issue("server.properties", result.issues[0]) == "server.properties:4:1: error: a key is missing before '='");
    CHECK(format_issue("server.properties", result.issues[1]) ==
          "server.properties:5:1: warning: num.partitions is set twice (first on line 1); the last value wins");
    CHECK(format_issue("server.properties", result.issues[2]) ==
          "server.properties:2:1: error: min.insync.replicas must be an int of at least 1; found '0'");
    CHECK(format_issue("server.properties", result.issues[3]) ==
          "server.properties:3:1: error: unknown server.properties key 'unclean.leader.elect.enable'; "
          "did you mean 'unclean.leader.election.enable'?");
}

TEST_CASE("Kafka's sample server.properties and zookeeper.properties load cleanly") {
    auto server = load_properties_file(KAFKALAB_TEST_DATA "/good/server.properties", ConfigScope::broker);
    for (const auto& issue : server.issues) INFO(format_issue("server.properties", issue));
    CHECK(server.issues.empty());
    CHECK(server.properties.get_int("broker.id") == 0);
    CHECK(server.properties.get_string("zookeeper.connect") == "localhost:2181");
    CHECK(server.properties.get_duration("log.retention.ms") == 168h);
    CHECK(server.properties.get_int("offsets.topic.replication.factor") == 1);
    auto zk = load_properties_file(KAFKALAB_TEST_DATA "/good/zookeeper.properties", ConfigScope::zookeeper);
    CHECK(zk.issues.empty());
    CHECK(zk.properties.get_int("clientPort") == 2181);
    CHECK(zk.properties.get_duration("tickTime") == 3s);
}

TEST_CASE("a missing properties file is one error at line 1") {
    auto result = load_properties_file(KAFKALAB_TEST_DATA "/no-such.properties", ConfigScope::broker);
    REQUIRE(result.issues.size() == 1);
    CHECK_FALSE(result.ok());
    CHECK(result.issues[0].line == 1);
    CHECK(result.issues[0].message.starts_with("cannot read the file"));
}

TEST_CASE("a production server.properties loads: keys Kafka 3.6 knows but kafkalab does not model warn once each") {
    auto server = load_properties_file(KAFKALAB_TEST_DATA "/good/production/server.properties", ConfigScope::broker);
    for (const auto& issue : server.issues) INFO(format_issue("server.properties", issue));
    CHECK(server.ok());
    // KafkaConfig's SSL, authorizer, metrics and protocol keys, and the authorizer's own.
    const std::vector<std::pair<std::string, int>> recognised{
        {"ssl.keystore.location", 20}, {"ssl.keystore.password", 21}, {"ssl.key.password", 22},
        {"ssl.truststore.location", 23}, {"ssl.truststore.password", 24}, {"ssl.client.auth", 25},
        {"authorizer.class.name", 26}, {"super.users", 27}, {"allow.everyone.if.no.acl.found", 28},
        {"inter.broker.protocol.version", 37}, {"metric.reporters", 50}};
    REQUIRE(server.issues.size() == recognised.size() + 1);
    for (std::size_t i = 0; i < recognised.size(); ++i) {
        const auto& issue = server.issues[i];
        CHECK(issue.severity == IssueSeverity::warning);
        CHECK(issue.key == recognised[i].first);
        CHECK(issue.line == recognised[i].second);
        CHECK(issue.message == recognised[i].first + ": recognised, not modelled (a Kafka broker key the simulation "
                                                     "has no part for); ignored");
    }
    // A plugin's key: Kafka logs it as unused and starts; so does the lab, with a warning.
    const auto& plugin = server.issues.back();
    CHECK(plugin.severity == IssueSeverity::warning);
    CHECK(format_issue("server.properties", plugin) ==
          "server.properties:51:1: warning: confluent.support.metrics.enable: not a Kafka key (its prefix "
          "'confluent.' belongs to a plugin or another product); a Kafka broker logs it as unused, and it is ignored");
    CHECK(server.properties.get_int("min.insync.replicas") == 2);
}

TEST_CASE("a misspelt key stays an error, with the nearest key Kafka knows even when kafkalab does not model it") {
    auto result = parse_properties_text("sll.keystore.location=/x.jks\nnum.partiton=3\nauthoriser.class.name=X\n",
                                        ConfigScope::broker);
    CHECK_FALSE(result.ok());
    REQUIRE(result.issues.size() == 3);
    CHECK(format_issue("server.properties", result.issues[0]) ==
          "server.properties:1:1: error: unknown server.properties key 'sll.keystore.location'; did you mean "
          "'ssl.keystore.location'?");
    CHECK(format_issue("server.properties", result.issues[1]) ==
          "server.properties:2:1: error: unknown server.properties key 'num.partiton'; did you mean 'num.partitions'?");
    CHECK(result.issues[2].message ==
          "unknown server.properties key 'authoriser.class.name'; did you mean 'authorizer.class.name'?");
    // Per-listener keys are Kafka's too (listener.name.<listener>.<key>).
    auto listener = parse_properties_text("listener.name.internal.ssl.client.auth=none\n", ConfigScope::broker);
    REQUIRE(listener.issues.size() == 1);
    CHECK(listener.issues[0].severity == IssueSeverity::warning);
    CHECK(listener.issues[0].message.find("recognised, not modelled") != std::string::npos);
}
