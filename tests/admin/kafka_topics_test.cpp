// kafka-topics against a simulated cluster prints what Kafka 3.6's tool prints.
#include <catch2/catch.hpp>

#include "scenarios/admin/tools_host.h"
#include "scenarios/cli_tools/cli_command.h"
#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;
using namespace kafkalab::scenarios;

namespace {

struct Terminal {
    explicit Terminal(TestCluster& cluster) : cluster(cluster) {
        node = cluster.sim().add_node("terminal", [](sim::NodeContext& c) {
            return std::make_unique<ToolsHost>(c, [](const std::vector<std::string>& s) { return default_resolve(s, 3); });
        });
    }
    /// Types `line` and waits for the tool to finish.
    ToolOutput run(const std::string& line) {
        auto parsed = parse_cli_command(line);
        REQUIRE(static_cast<bool>(parsed));
        std::optional<ToolOutput> output;
        auto* host = cluster.sim().node_as<ToolsHost>(node);
        host->run_topics(std::get<TopicsCommand>(*parsed.command), [&](ToolOutput o) { output = o; });
        REQUIRE(cluster.run_until([&] { return output.has_value(); }, 120s));
        return *output;
    }
    TestCluster& cluster;
    sim::NodeIndex node;
};

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
    auto* c = cluster.controller();
    std::string id = c->controller()->context_view().topics.at("payments").topic_id;
    std::string expected = "Topic: payments\tTopicId: " + id +
                           "\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: min.insync.replicas=2\n";
    for (int p = 0; p < 3; ++p) {
        auto state = *cluster.state({"payments", p});
        auto replicas = *c->controller()->context_view().replicas({"payments", p});
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
