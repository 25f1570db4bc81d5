// kafkalab serve's session, in-process on loopback: a TCP connection becomes a client
// node, a crashed broker refuses connections and resets its clients, and every
// coming and going is recorded in the run for the viewer's event log.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <vector>

#include "scenarios/runner/scenario_run.h"
#include "scenarios/serve/serve_session.h"
#include "scenarios/spec/load_scenario.h"

using namespace std::chrono_literals;
using namespace kafkalab;
using namespace kafkalab::scenarios;

namespace {

constexpr const char* three_brokers = R"(
name: three brokers
seed: 1
duration: 60s
cluster: {brokers: 3}
topics:
  - {name: registered_user, partitions: 3, replication-factor: 3}
)";

Scenario scenario() {
    auto loaded = load_scenario_text(three_brokers, "three-brokers.yaml");
    REQUIRE(loaded.scenario);
    return std::move(*loaded.scenario);
}

/// A client socket connected to 127.0.0.1:port, or -1 with errno set.
int connect_to(std::uint16_t port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        const int error = errno;
        close(fd);
        errno = error;
        return -1;
    }
    return fd;
}

/// Pumps the session until `done` or a second has passed.
template <class Done>
bool pump_until(ServeSession& session, Done done) {
    for (int i = 0; i < 100 && !done(); ++i) session.pump(10ms);
    return done();
}

struct Recorded {
    std::vector<std::string> real_client_lines;
};

RunOptions recording(Recorded& recorded) {
    RunOptions options;
    options.on_record = [&recorded](const sim::TraceRecord& record) {
        if (record.kind == "real-client") recorded.real_client_lines.push_back(record.summary);
    };
    return options;
}

}  // namespace

TEST_CASE("a TCP connection becomes the client node real-1 and its close is noticed and recorded") {
    Recorded recorded;
    const Scenario run_scenario = scenario();
    ScenarioRun run(run_scenario, recording(recorded));
    std::ostringstream log;
    ServeSession session(run, {"127.0.0.1", 20692, 1.0}, log);
    const int client = connect_to(20693);
    REQUIRE(client >= 0);
    REQUIRE(pump_until(session, [&] { return session.connections() == 1; }));
    const auto node = run.simulation().find_node("real-1");
    REQUIRE(node);
    CHECK(run.simulation().is_up(*node));
    close(client);
    REQUIRE(pump_until(session, [&] { return session.connections() == 0; }));
    REQUIRE(recorded.real_client_lines.size() == 2);
    CHECK(recorded.real_client_lines[0].rfind("real-1 connected to broker-2 (127.0.0.1:20693) from 127.0.0.1:", 0) == 0);
    CHECK(recorded.real_client_lines[1] == "real-1 disconnected: closed by the client");
    CHECK(log.str().find("broker-3 listens on 127.0.0.1:20694") != std::string::npos);
}

TEST_CASE("a crashed broker's port refuses connections and its open connections are reset") {
    const Scenario run_scenario = scenario();
    ScenarioRun run(run_scenario, {});
    std::ostringstream log;
    ServeSession session(run, {"127.0.0.1", 20792, 1.0}, log);
    const int client = connect_to(20792);
    REQUIRE(client >= 0);
    REQUIRE(pump_until(session, [&] { return session.connections() == 1; }));
    run.simulation().crash(run.broker_nodes()[0]);
    session.pump(0ms);
    CHECK(session.connections() == 0);
    char byte = 0;
    CHECK(recv(client, &byte, 1, 0) == 0);  // the server closed it
    close(client);
    CHECK(connect_to(20792) == -1);
    CHECK(errno == ECONNREFUSED);
    CHECK(log.str().find("real-1 closed: broker-1 is down") != std::string::npos);
    // Back up, it listens again, and a new client is a new node.
    run.simulation().restart(run.broker_nodes()[0]);
    session.pump(0ms);
    const int again = connect_to(20792);
    REQUIRE(again >= 0);
    REQUIRE(pump_until(session, [&] { return session.connections() == 1; }));
    CHECK(run.simulation().find_node("real-2"));
    close(again);
}

TEST_CASE("brokers are advertised at their own ports and other hosts as the model names them") {
    const Scenario run_scenario = scenario();
    ScenarioRun run(run_scenario, {});
    std::ostringstream log;
    ServeSession session(run, {"127.0.0.1", 20892, 1.0}, log);
    const auto broker_2 = session.address_of("broker-2", 9092);
    CHECK(broker_2.host == "127.0.0.1");
    CHECK(broker_2.port == 20893);
    const auto elsewhere = session.address_of("zk-1", 2181);
    CHECK(elsewhere.host == "zk-1");
    CHECK(elsewhere.port == 2181);
}

TEST_CASE("a port that is taken is named in the error") {
    const Scenario run_scenario = scenario();
    ScenarioRun run(run_scenario, {});
    std::ostringstream log;
    ServeSession first(run, {"127.0.0.1", 20992, 1.0}, log);
    const Scenario other_scenario = scenario();
    ScenarioRun other(other_scenario, {});
    REQUIRE_THROWS_WITH(ServeSession(other, {"127.0.0.1", 20992, 1.0}, log),
                        Catch::Contains("cannot listen on 127.0.0.1:20992"));
}

TEST_CASE("serve listens where localhost:<port> names each broker in the scenario, moved by --base-port") {
    // broker-2's own listener port is 9200; broker-1 and broker-3 share 9092 and so
    // take 9092 and 9093 (scenarios/spec/localhost_ports.h).
    auto loaded = load_scenario_text("cluster:\n"
                                     "  brokers:\n"
                                     "    - {id: 1}\n"
                                     "    - {id: 2, properties: {listeners: 'PLAINTEXT://:9200'}}\n"
                                     "    - {id: 3}\n",
                                     "ports.yaml");
    REQUIRE(loaded.scenario);
    ScenarioRun run(*loaded.scenario, {});
    std::ostringstream log;
    ServeSession session(run, {"127.0.0.1", 21092, 1.0}, log);
    CHECK(session.address_of("broker-1", 9092).port == 21092);
    CHECK(session.address_of("broker-2", 9200).port == 21200);
    CHECK(session.address_of("broker-3", 9092).port == 21093);
    CHECK(log.str().find("broker-2 listens on 127.0.0.1:21200") != std::string::npos);
}
