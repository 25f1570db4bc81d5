// kafka-topics against a simulated cluster prints what Kafka 3.6's tool prints.
#include <catch2/catch.hpp>

#include <chrono>
#include <set>

#include <fmt/format.h>

#include "scenarios/admin/tools_host.h"
#include "scenarios/cli_tools/cli_command.h"
#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;
using namespace kafkalab::scenarios;

namespace {

struct Terminal {
    explicit Terminal(TestCluster& cluster, StaticBrokerConfigs static_configs = {},
                      KafkaVersion era = default_kafka_version, const std::string& name = "terminal")
        : cluster(cluster), era(era) {
        node = cluster.sim().add_node(name, [static_configs](sim::NodeContext& c) {
            return std::make_unique<ToolsHost>(
                c, [](const std::vector<std::string>& s) { return default_resolve(s, 3); }, static_configs);
        });
    }
    /// Types `line` and waits for the tool to finish.
    ToolOutput run(const std::string& line) {
        auto parsed = parse_cli_command(line, era);
        REQUIRE(static_cast<bool>(parsed));
        std::optional<ToolOutput> output;
        auto* host = cluster.sim().node_as<ToolsHost>(node);
        host->run_topics(std::get<TopicsCommand>(*parsed.command), [&](ToolOutput o) { output = o; });
        REQUIRE(cluster.run_until([&] { return output.has_value(); }, 120s));
        return *output;
    }
    TestCluster& cluster;
    KafkaVersion era;
    sim::NodeIndex node;
};

ClusterOptions with_three_zookeepers() {
    ClusterOptions options;
    options.zookeepers = 3;
    return options;
}

/// Two of the three ZooKeeper servers crash: no quorum, so the controller's writes wait.
void lose_zookeeper_quorum(TestCluster& cluster) {
    cluster.sim().crash(cluster.zookeeper().node(1));
    cluster.sim().crash(cluster.zookeeper().node(2));
    cluster.run_for(5s);
}

}  // namespace

TEST_CASE("kafka-topics --create, --list, --describe and --delete print Kafka's output") {
    TestCluster cluster;
    Terminal terminal(cluster);
    CHECK(terminal.run("bin/kafka-topics.sh --create --topic payments --partitions 3 --replication-factor 3 "
                       "--config min.insync.replicas=2 --bootstrap-server localhost:9092")
              .stdout_text() == "Created topic payments.\n");
    for (int p = 0; p < 3; ++p) cluster.wait_for_leader({"payments", p});
    cluster.run_for(1s);
    CHECK(terminal.run("kafka-topics --list --bootstrap-server localhost:9092").stdout_text() == "payments\n");

    ToolOutput described = terminal.run("kafka-topics --describe --topic payments --bootstrap-server localhost:9092");
    const ClusterState cluster_state = cluster.cluster_state();
    std::string id = cluster_state.topic_ids.at("payments");
    std::string expected = "Topic: payments\tTopicId: " + id +
                           "\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: min.insync.replicas=2\n";
    for (int p = 0; p < 3; ++p) {
        auto state = *cluster.state({"payments", p});
        auto replicas = cluster_state.find({"payments", p})->replicas;
        expected += "\tTopic: payments\tPartition: " + std::to_string(p) + "\tLeader: " +
                    std::to_string(state.leader.value) + "\tReplicas: " + join_ids(replicas) +
                    "\tIsr: " + join_ids(state.isr) + "\n";
    }
    CHECK(described.stdout_text() == expected);

    CHECK(terminal.run("kafka-topics --create --topic payments --bootstrap-server localhost:9092").stdout_text() ==
          "Error while executing topic command : Topic 'payments' already exists.\n");
    CHECK(terminal.run("kafka-topics --create --topic wide --replication-factor 4 --bootstrap-server localhost:9092")
              .stdout_text() ==
          "Error while executing topic command : Replication factor: 4 larger than available brokers: 3.\n");

    terminal.run("kafka-topics --delete --topic payments --bootstrap-server localhost:9092");
    cluster.run_for(2s);
    CHECK(terminal.run("kafka-topics --list --bootstrap-server localhost:9092").stdout_text() == "\n");
    CHECK(cluster.log(1, {"payments", 0}) == nullptr);  // replicas deleted their logs
}

TEST_CASE("kafka-topics --create with a bad --config is refused with Kafka's InvalidConfigurationException message") {
    // Kafka checks a new topic's configs where it creates the topic (LogConfig.validate)
    // and answers CreateTopics with INVALID_CONFIG; no topic is made.
    TestCluster cluster;
    Terminal terminal(cluster);
    CHECK(terminal.run("kafka-topics --create --topic payments --config min.insync.replicas=two "
                       "--bootstrap-server localhost:9092")
              .stdout_text() == "Error while executing topic command : Invalid value two for configuration "
                                "min.insync.replicas: Not a number of type INT\n");
    CHECK(terminal.run("kafka-topics --create --topic payments --config min.insync.replicas=0 "
                       "--bootstrap-server localhost:9092")
              .stdout_text() == "Error while executing topic command : Invalid value 0 for configuration "
                                "min.insync.replicas: Value must be at least 1\n");
    CHECK(terminal.run("kafka-topics --create --topic payments --config min.insync.replica=2 "
                       "--bootstrap-server localhost:9092")
              .stdout_text() == "Error while executing topic command : Unknown topic config name: min.insync.replica\n");
    cluster.run_for(1s);
    CHECK(terminal.run("kafka-topics --list --bootstrap-server localhost:9092").stdout_text() == "\n");
    CHECK(terminal.run("kafka-topics --create --topic payments --config min.insync.replicas=2 "
                       "--bootstrap-server localhost:9092")
              .stdout_text() == "Created topic payments.\n");
}

TEST_CASE("kafka-topics --describe shows Leader: none and the shrunken ISR after the leader dies") {
    TestCluster cluster;
    Terminal terminal(cluster);
    REQUIRE(cluster.create_topic("orders", 1, 1).error == Error::none);
    int leader = cluster.leader({"orders", 0});
    cluster.crash(leader);
    REQUIRE(cluster.run_until([&] { return cluster.leader({"orders", 0}) == -1; }, 40s));
    cluster.run_for(1s);
    std::string alive = leader == 1 ? "localhost:9092" : "broker-1:9092";
    std::string out = terminal.run("kafka-topics --describe --topic orders --bootstrap-server " + alive).stdout_text();
    CHECK(out.find("\tLeader: none\tReplicas: " + std::to_string(leader) + "\tIsr: " + std::to_string(leader)) !=
          std::string::npos);
}

TEST_CASE("kafka-topics --describe lists server.properties' topic settings in Configs: (source STATIC_BROKER_CONFIG), "
          "not through the ZooKeeper-era --zookeeper") {
    TestCluster cluster;
    StaticBrokerConfigs static_configs;
    for (int id = 1; id <= 3; ++id) {
        Properties server(ConfigScope::broker);
        server.set("broker.id", std::to_string(id));
        server.set("min.insync.replicas", "2");
        server.set("log.retention.hours", "168");  // shown as the topic key retention.ms
        server.set("offsets.topic.replication.factor", "3");  // no topic key: not shown
        static_configs.emplace(BrokerId{id}, server);
    }
    REQUIRE(cluster.create_topic("orders", 1, 3).error == Error::none);
    cluster.run_for(1s);
    Terminal terminal(cluster, static_configs);
    const std::string out = terminal.run("kafka-topics --describe --topic orders --bootstrap-server localhost:9092").stdout_text();
    INFO(out);
    // Which configs are listed; their order is pinned by the test that follows.
    auto configs_of = [](const std::string& text) {
        const std::string header = text.substr(0, text.find('\n'));
        const std::string list = header.substr(header.find("\tConfigs: ") + 10);
        std::set<std::string> items;
        for (std::size_t start = 0; start < list.size();) {
            std::size_t comma = list.find(',', start);
            if (comma == std::string::npos) comma = list.size();
            items.insert(list.substr(start, comma - start));
            start = comma + 1;
        }
        return items;
    };
    CHECK(configs_of(out) == std::set<std::string>{"min.insync.replicas=2", "retention.ms=604800000"});
    // A topic override wins over the broker's value, and is listed once.
    CHECK(terminal.run("kafka-topics --create --topic strict --partitions 1 --replication-factor 3 "
                       "--config min.insync.replicas=3 --bootstrap-server localhost:9092")
              .exit_code() == 0);
    cluster.wait_for_leader({"strict", 0});
    cluster.run_for(1s);
    const std::string strict = terminal.run("kafka-topics --describe --topic strict --bootstrap-server localhost:9092").stdout_text();
    CHECK(configs_of(strict) == std::set<std::string>{"min.insync.replicas=3", "retention.ms=604800000"});
    // The 2.x tool through ZooKeeper read only the topic's own config znode.
    Terminal legacy(cluster, static_configs, KafkaVersion{2, 8, 0}, "terminal-2");
    const std::string zk = legacy.run("kafka-topics --describe --topic orders --zookeeper localhost:2181").stdout_text();
    CHECK(zk.substr(0, zk.find('\n')).ends_with("\tConfigs: "));
}

TEST_CASE("kafka-topics --describe lists Configs: in the admin client's HashMap order, not overrides first") {
    // min.insync.replicas from server.properties, the rest the topic's own: Kafka 3.6
    // prints min.insync.replicas, cleanup.policy, retention.ms (hash buckets 10, 18, 27
    // of 64; describe_configs_order.h).
    TestCluster cluster;
    StaticBrokerConfigs static_configs;
    for (int id = 1; id <= 3; ++id) {
        Properties server(ConfigScope::broker);
        server.set("broker.id", std::to_string(id));
        server.set("min.insync.replicas", "2");
        static_configs.emplace(BrokerId{id}, server);
    }
    Terminal terminal(cluster, static_configs);
    REQUIRE(terminal.run("kafka-topics --create --topic audit --partitions 1 --replication-factor 3 "
                         "--config retention.ms=86400000 --config cleanup.policy=compact --bootstrap-server localhost:9092")
                .exit_code() == 0);
    cluster.wait_for_leader({"audit", 0});
    cluster.run_for(1s);
    const std::string out = terminal.run("kafka-topics --describe --topic audit --bootstrap-server localhost:9092").stdout_text();
    const std::string header = out.substr(0, out.find('\n'));
    CHECK(header.ends_with("\tConfigs: min.insync.replicas=2,cleanup.policy=compact,retention.ms=86400000"));
}

TEST_CASE("kafka-topics --create without a ZooKeeper quorum times out as KafkaAdminClient's createTopics call does") {
    // Kafka 3.6: two attempts of request.timeout.ms (30 s) within default.api.timeout.ms
    // (60 s), 100 ms apart; the second ends 1 ms past the deadline, and
    // Call.handleTimeoutFailure names the call with its deadline and times.
    TestCluster cluster(with_three_zookeepers());
    Terminal terminal(cluster);
    lose_zookeeper_quorum(cluster);
    const auto asked_ms = std::chrono::duration_cast<std::chrono::milliseconds>(cluster.sim().now().time_since_epoch()).count();
    ToolOutput output = terminal.run("kafka-topics --create --topic late --partitions 1 --replication-factor 3 "
                                     "--bootstrap-server localhost:9092");
    const std::int64_t deadline = asked_ms + 60'000;
    CHECK(output.exit_code() == 1);
    CHECK(output.stdout_text() ==
          fmt::format("Error while executing topic command : org.apache.kafka.common.errors.TimeoutException: "
                      "Call(callName=createTopics, deadlineMs={}, tries=2, nextAllowedTryMs={}) timed out at {} after 2 "
                      "attempt(s)\n",
                      deadline, deadline + 101, deadline + 1));
}

TEST_CASE("kafka-topics --create retried while ZooKeeper is back finds the topic its first attempt created") {
    // The first attempt's write waits for ZooKeeper (KafkaZkClient retries until connected)
    // and goes through when the quorum returns; the retry, sent after the first attempt
    // timed out, is answered TOPIC_ALREADY_EXISTS, which is what Kafka's tool prints.
    TestCluster cluster(with_three_zookeepers());
    Terminal terminal(cluster);
    lose_zookeeper_quorum(cluster);
    cluster.sim().at(cluster.sim().now() + 40s, "quorum back", [&] {
        cluster.sim().restart(cluster.zookeeper().node(1));
        cluster.sim().restart(cluster.zookeeper().node(2));
    });
    ToolOutput output = terminal.run("kafka-topics --create --topic late --partitions 1 --replication-factor 3 "
                                     "--bootstrap-server localhost:9092");
    CHECK(output.stdout_text() == "Error while executing topic command : Topic 'late' already exists.\n");
    CHECK(cluster.run_until([&] { return cluster.state({"late", 0}).has_value(); }, 30s));
}
