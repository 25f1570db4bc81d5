// One port convention on localhost (scenarios/spec/localhost_ports.h): brokers differ
// by port as on one machine, and an address that names no broker is an error at its
// own line and column, in a client's bootstrap-servers and in a tool step alike.
#include "spec_helpers.h"

using namespace kafkalab::scenarios;
using kafkalab::scenarios::testing::load_bad_text;
using kafkalab::scenarios::testing::report;

TEST_CASE("with default listeners broker-N is at localhost:9091+N, as serve listens") {
    auto result = load_scenario_text("cluster: {brokers: 5}\n"
                                     "topics: [{name: t}]\n"
                                     "producers:\n"
                                     "  - {name: p, topic: t, bootstrap-servers: [localhost:9096, 127.0.0.1:9093]}\n"
                                     "steps:\n"
                                     "  - {at: 1s, run: 'kafka-topics --describe --bootstrap-server localhost:9094'}\n",
                                     "five.yaml");
    INFO(report(result));
    REQUIRE(result.ok());
    const auto& brokers = result.scenario->cluster.brokers;
    for (std::size_t i = 0; i < brokers.size(); ++i) CHECK(brokers[i].localhost_port == 9092 + i);
    const auto& servers = result.scenario->producers[0].bootstrap_servers;
    REQUIRE(servers.size() == 2);
    CHECK(servers[0].host == "broker-5");
    CHECK(servers[1].host == "broker-2");
}

TEST_CASE("a broker with a listener port of its own keeps it; the others take the free ports") {
    auto result = load_scenario_text("cluster:\n"
                                     "  brokers:\n"
                                     "    - {id: 1}\n"
                                     "    - {id: 2}\n"
                                     "    - {id: 3, properties: {listeners: 'PLAINTEXT://:9093'}}\n",
                                     "own.yaml");
    INFO(report(result));
    REQUIRE(result.ok());
    const auto& brokers = result.scenario->cluster.brokers;
    CHECK(brokers[0].localhost_port == 9092);
    CHECK(brokers[1].localhost_port == 9094);  // 9093 is broker-3's own
    CHECK(brokers[2].localhost_port == 9093);
}

TEST_CASE("a bootstrap address on localhost that names no broker is refused at its line and column") {
    auto text = load_bad_text("cluster: {brokers: 3}\n"
                                     "topics: [{name: t}]\n"
                                     "producers:\n"
                                     "  - {name: p, topic: t, bootstrap-servers: [localhost:9096]}\n");
    CHECK(text.find("test.yaml:4:45: error: localhost:9096 names no broker: on localhost brokers differ by port "
                    "(broker-1 localhost:9092, broker-2 localhost:9093, broker-3 localhost:9094)") !=
          std::string::npos);
}

TEST_CASE("a tool step's --bootstrap-server that names no broker is refused at the address's column") {
    auto text = load_bad_text("cluster: {brokers: 3}\n"
                                     "topics: [{name: t}]\n"
                                     "steps:\n"
                                     "  - {at: 1s, run: 'kafka-topics --list --bootstrap-server localhost:9092,localhost:9096'}\n"
                                     "  - at: 2s\n"
                                     "    run: kafka-console-consumer --topic t --bootstrap-server=broker-4:9092\n");
    INFO(text);
    CHECK(text.find("test.yaml:4:74: error: localhost:9096 names no broker") != std::string::npos);
    CHECK(text.find("test.yaml:6:62: error: no broker is named 'broker-4'") != std::string::npos);
    CHECK(text.find("localhost:9092 names") == std::string::npos);
}
