// `kafkalab describe` (scenarios/describe/scenario_page.h): a rack scenario on one
// page, with the replica placement the run itself makes.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "scenarios/describe/scenario_page.h"
#include "scenarios/runner/cluster_view.h"
#include "scenarios/runner/scenario_run.h"
#include "scenarios/spec/load_scenario.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;

namespace {

Scenario rack_scenario() {
    auto loaded = load_scenario(std::string(KAFKALAB_TEST_DATA) + "/good/six-brokers-three-racks.yaml");
    REQUIRE(loaded.ok());
    return std::move(*loaded.scenario);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

/// The index of the first line containing `text`, or -1.
int line_with(const std::vector<std::string>& lines, const std::string& text) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].find(text) != std::string::npos) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace

TEST_CASE("describe: each broker with its rack, and what one broker sets apart from the rest") {
    const Scenario s = rack_scenario();
    std::ostringstream out;
    write_scenario_page(s, out);
    auto lines = lines_of(out.str());
    for (int id = 1; id <= 6; ++id) {
        const char* rack = id % 3 == 1 ? "rack-a" : id % 3 == 2 ? "rack-b" : "rack-c";
        int at = line_with(lines, "broker-" + std::to_string(id) + " ");
        REQUIRE(at >= 0);
        CHECK(lines[at].find(std::string("rack ") + rack) != std::string::npos);
        CHECK((lines[at].find("num.replica.fetchers=2") != std::string::npos) == (id == 6));
    }
    CHECK(line_with(lines, "every broker: min.insync.replicas=2") >= 0);
    CHECK(line_with(lines, "ZooKeeper: zk-1, zk-2, zk-3") >= 0);
    // zk-1 shares rack-a's switch with broker-1 and broker-4.
    int rack_a = line_with(lines, "switch rack-a");
    REQUIRE(rack_a >= 0);
    CHECK(lines[rack_a].find("broker-1, broker-4, zk-1") != std::string::npos);
}

TEST_CASE("describe: the replica placement is the run's, one replica per rack, with the topic's configs") {
    const Scenario s = rack_scenario();
    std::ostringstream out;
    write_scenario_page(s, out);
    auto lines = lines_of(out.str());
    CHECK(line_with(lines, "payments: 6 partition(s), replication factor 3") >= 0);
    CHECK(line_with(lines, "configs: retention.ms=86400000") >= 0);
    ScenarioRun run(s, RunOptions{});
    const auto view = cluster_view(run);
    for (int p = 0; p < 6; ++p) {
        const kafka::TopicPartition tp{"payments", p};
        int at = line_with(lines, tp.to_string() + " ");
        REQUIRE(at >= 0);
        INFO(lines[at]);
        CHECK(lines[at].find("replicas [" + kafka::join_ids(view.at(tp).replicas) + "]") != std::string::npos);
        // Kafka's rack-aware assignment: three replicas on three racks.
        std::set<std::string> racks;
        for (auto id : view.at(tp).replicas) racks.insert(s.cluster.brokers[static_cast<std::size_t>(id.value - 1)].rack);
        CHECK(racks.size() == 3);
        CHECK(lines[at].find("racks [") != std::string::npos);
    }
}

TEST_CASE("describe: clients, the faults in time order and the expectations") {
    const Scenario s = rack_scenario();
    std::ostringstream out;
    write_scenario_page(s, out);
    auto lines = lines_of(out.str());
    CHECK(line_with(lines, "billing -> payments: 50 records per 1s") >= 0);
    CHECK(line_with(lines, "acks=all") >= 0);
    CHECK(line_with(lines, "ledger-1: subscribes to payments, group ledger") >= 0);
    // The file lists the restart first; the page lists faults as they happen.
    int power_loss = line_with(lines, "power-loss: rack-a");
    int restart = line_with(lines, "restart: rack-a");
    REQUIRE(power_loss >= 0);
    REQUIRE(restart >= 0);
    CHECK(power_loss < restart);
    int expectations = line_with(lines, "Expectations");
    REQUIRE(expectations >= 0);
    CHECK(line_with(lines, "- no acknowledged record is lost (all topics)") > expectations);
}

TEST_CASE("describe: each broker's listener in the cluster and its localhost address for real clients") {
    std::ostringstream out;
    write_scenario_page(rack_scenario(), out);
    auto lines = lines_of(out.str());
    // Every listener at the default 9092: on localhost broker-N is at 9091 + N.
    for (int id = 1; id <= 6; ++id) {
        const std::string host = "broker-" + std::to_string(id);
        int at = line_with(lines, "  " + host + " ");
        REQUIRE(at >= 0);
        CHECK(lines[at].find(host + ":9092") != std::string::npos);
        CHECK(lines[at].find("localhost:" + std::to_string(9091 + id)) != std::string::npos);
    }
}

TEST_CASE("describe: a broker with a listener port of its own keeps it on localhost; the others move past it") {
    auto loaded = load_scenario(std::string(KAFKALAB_TEST_DATA) + "/good/everything.yaml");
    REQUIRE(loaded.ok());
    std::ostringstream out;
    write_scenario_page(*loaded.scenario, out);
    auto lines = lines_of(out.str());
    // broker-3 listens on 9093, which no other broker shares; broker-1 and broker-2
    // share 9092, so broker-2 takes the next port not taken, 9094.
    const std::pair<const char*, const char*> expected[] = {{"broker-1:9092", "localhost:9092"},
                                                            {"broker-2:9092", "localhost:9094"},
                                                            {"broker-3:9093", "localhost:9093"}};
    for (const auto& [listener, localhost] : expected) {
        INFO(listener);
        int at = line_with(lines, listener);
        REQUIRE(at >= 0);
        CHECK(lines[at].find(localhost) != std::string::npos);
    }
}

TEST_CASE("describe: the stock server.properties loads without a warning, and its keys without effect are listed") {
    auto loaded = load_scenario(std::string(KAFKALAB_TEST_DATA) + "/good/beginner-one-broker.yaml");
    REQUIRE(loaded.ok());
    // Kafka's own config/server.properties: threads, directories and socket buffers are
    // Kafka keys the simulation has nothing for; they load silently.
    for (const auto& d : loaded.diagnostics) {
        INFO(d.to_string());
        CHECK(d.severity != Severity::warning);
    }
    std::ostringstream out;
    write_scenario_page(*loaded.scenario, out);
    auto lines = lines_of(out.str());
    int at = line_with(lines, "accepted, not modelled: ");
    REQUIRE(at >= 0);
    for (const char* key : {"num.network.threads", "num.io.threads", "socket.send.buffer.bytes", "log.dirs"}) {
        CHECK(lines[at].find(key) != std::string::npos);
    }
    // Keys the model uses are not in the list.
    for (const char* key : {"offsets.topic.replication.factor", "log.retention.hours", "group.initial.rebalance.delay.ms"}) {
        CHECK(lines[at].find(key) == std::string::npos);
    }
}

TEST_CASE("describe: a loss expectation names the causes it excepts") {
    // The wide safe sweep tolerates only the losses Kafka itself has; the page says which.
    auto loaded = load_scenario(std::string(KAFKALAB_TEST_DATA) + "/../../scenarios/sweeps/safe-wide-faults.yaml");
    REQUIRE(loaded.ok());
    std::ostringstream out;
    write_scenario_page(*loaded.scenario, out);
    auto lines = lines_of(out.str());
    CHECK(line_with(lines, "- no acknowledged record is lost (all topics), except by power-lost-leader, "
                           "last-replica-standing, power-loss-of-every-replica") >= 0);
}
