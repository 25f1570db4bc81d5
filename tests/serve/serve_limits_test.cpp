// kafkalab serve against a hostile but ordinary local process (issue 25, item 2), on
// loopback, bounded in count and time: connect-and-close churn keeps the simulation
// and the memory flat, Kafka's limits on a connection hold (socket.request.max.bytes,
// queued.max.requests, connections.max.idle.ms; kafka.network.SocketServer), running
// out of file descriptors backs off with one log line, and the advertised host is
// what clients are told (advertised.listeners).
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "scenarios/runner/scenario_run.h"
#include "scenarios/serve/serve_session.h"
#include "scenarios/spec/load_scenario.h"

using namespace std::chrono_literals;
using namespace kafkalab;
using namespace kafkalab::scenarios;

namespace {

Scenario one_broker() {
    auto loaded = load_scenario_text("name: one broker\nduration: 60s\n", "one-broker.yaml");
    REQUIRE(loaded.scenario);
    return std::move(*loaded.scenario);
}

/// A client socket connected to 127.0.0.1:port, or -1. With `reset_on_close` its
/// close sends RST: no TIME_WAIT, so thousands of cycles do not use up the ports.
int connect_to(std::uint16_t port, bool reset_on_close = false) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    if (reset_on_close) {
        linger abort_on_close{1, 0};
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

template <class Done>
bool pump_until(ServeSession& session, Done done, int rounds = 200) {
    for (int i = 0; i < rounds && !done(); ++i) session.pump(5ms);
    return done();
}

/// Resident memory of this process, in KiB (/proc/self/status VmRSS).
long resident_kib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    }
    return -1;
}

/// An ApiVersions v0 request frame (size, then header v1 and an empty body).
std::string api_versions_frame(std::int32_t correlation_id) {
    std::string body;
    auto int16 = [&](int v) { body += static_cast<char>(v >> 8); body += static_cast<char>(v & 0xFF); };
    auto int32 = [&](std::int32_t v) { for (int s = 24; s >= 0; s -= 8) body += static_cast<char>((v >> s) & 0xFF); };
    int16(18);  // ApiVersions
    int16(0);
    int32(correlation_id);
    int16(4);
    body += "test";
    std::string frame;
    const auto size = static_cast<std::int32_t>(body.size());
    for (int s = 24; s >= 0; s -= 8) frame += static_cast<char>((size >> s) & 0xFF);
    return frame + body;
}

/// Reads one response frame and returns its correlation id, or -1.
std::int32_t read_correlation_id(int fd) {
    auto read_exactly = [&](char* into, std::size_t n) {
        for (std::size_t got = 0; got < n;) {
            const ssize_t r = recv(fd, into + got, n - got, 0);
            if (r <= 0) return false;
            got += static_cast<std::size_t>(r);
        }
        return true;
    };
    unsigned char head[8];
    if (!read_exactly(reinterpret_cast<char*>(head), 8)) return -1;
    const std::uint32_t size = (head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3];
    std::vector<char> rest(size - 4);
    if (!read_exactly(rest.data(), rest.size())) return -1;
    return static_cast<std::int32_t>((head[4] << 24) | (head[5] << 16) | (head[6] << 8) | head[7]);
}

}  // namespace

TEST_CASE("20,000 connect-and-close cycles keep one real client node and flat memory") {
    const Scenario run_scenario = one_broker();
    ScenarioRun run(run_scenario, {});
    std::ostream discard(nullptr);  // 40,000 log lines would themselves grow the memory
    ServeSession session(run, {"127.0.0.1", 21092, 1.0}, discard);
    const std::size_t nodes_before = run.simulation().node_count();
    auto cycles = [&](int count) {
        for (int i = 0; i < count; ++i) {
            const int fd = connect_to(21092, true);
            REQUIRE(fd >= 0);
            REQUIRE(pump_until(session, [&] { return session.connections() == 1; }));
            close(fd);
            REQUIRE(pump_until(session, [&] { return session.connections() == 0; }));
        }
    };
    cycles(1'000);  // warm up: the first slot, the allocator's pools
    const long rss_after_1000 = resident_kib();
    cycles(19'000);
    const long rss_after_20000 = resident_kib();
    WARN("RSS after 1,000 cycles " << rss_after_1000 << " KiB, after 20,000 " << rss_after_20000 << " KiB");
    CHECK(run.simulation().node_count() == nodes_before + 1);
    CHECK(run.simulation().find_node("real-20000"));
    CHECK_FALSE(run.simulation().find_node("real-19999"));
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer keeps freed memory in quarantine, so RSS measures it, not serve.
    WARN("RSS bound not checked under AddressSanitizer");
#else
    CHECK(rss_after_20000 - rss_after_1000 < 8 * 1024);
#endif
}

TEST_CASE("a reused node slot is a new client: nothing of the old one reaches it") {
    const Scenario run_scenario = one_broker();
    ScenarioRun run(run_scenario, {});
    std::ostringstream log;
    ServeSession session(run, {"127.0.0.1", 21192, 1.0}, log);
    const int first = connect_to(21192);
    REQUIRE(pump_until(session, [&] { return session.connections() == 1; }));
    const auto node = run.simulation().find_node("real-1");
    REQUIRE(node);
    close(first);
    REQUIRE(pump_until(session, [&] { return session.connections() == 0; }));
    session.pump(0ms);
    CHECK(session.spare_nodes() == 1);
    const int second = connect_to(21192);
    REQUIRE(pump_until(session, [&] { return session.connections() == 1; }));
    CHECK(run.simulation().find_node("real-2") == node);
    CHECK_FALSE(run.simulation().find_node("real-1"));
    // It answers as a fresh client.
    const std::string request = api_versions_frame(7);
    REQUIRE(send(second, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
    for (int i = 0; i < 20; ++i) session.pump(5ms);
    CHECK(read_correlation_id(second) == 7);
    close(second);
}

TEST_CASE("pipelined requests are read one at a time and answered in order") {
    const Scenario run_scenario = one_broker();
    ScenarioRun run(run_scenario, {});
    std::ostringstream log;
    ServeSession session(run, {"127.0.0.1", 21292, 1.0}, log);
    const int client = connect_to(21292);
    REQUIRE(pump_until(session, [&] { return session.connections() == 1; }));
    std::string burst;
    for (int id = 1; id <= 200; ++id) burst += api_versions_frame(id);
    REQUIRE(send(client, burst.data(), burst.size(), 0) == static_cast<ssize_t>(burst.size()));
    for (int i = 0; i < 400; ++i) session.pump(1ms);
    for (int id = 1; id <= 200; ++id) REQUIRE(read_correlation_id(client) == id);
    close(client);
}

TEST_CASE("a connection holds at most one request, and at most queued.max.requests are taken at once") {
    SocketLimits limits;
    limits.queued_max_requests = 1;
    WireSockets sockets("127.0.0.1", {21392}, limits);
    const int a = connect_to(21392);
    const int b = connect_to(21392);
    std::string flood;
    while (flood.size() < 4 * 1024 * 1024) flood += api_versions_frame(1);
    // Four MiB pipelined on one connection, one request on the other.
    std::vector<SocketEvent> events;
    auto poll_some = [&](int rounds) {
        for (int i = 0; i < rounds; ++i) {
            for (auto& e : sockets.poll(2ms)) events.push_back(std::move(e));
        }
    };
    poll_some(5);
    REQUIRE(sockets.connection_count() == 2);
    const ConnectionId first = events.at(0).connection, second = events.at(1).connection;
    events.clear();
    (void)send(a, flood.data(), flood.size(), MSG_DONTWAIT);
    const std::string one = api_versions_frame(2);
    REQUIRE(send(b, one.data(), one.size(), 0) == static_cast<ssize_t>(one.size()));
    poll_some(20);
    REQUIRE(events.size() == 1);  // one request in all: queued.max.requests is 1
    CHECK(events[0].kind == SocketEvent::Kind::frame);
    CHECK(sockets.muted_count() == 1);
    CHECK(sockets.buffered_bytes(first) + sockets.buffered_bytes(second) <= 64 * 1024 + 4);
    sockets.unmute(events[0].connection);
    events.clear();
    poll_some(5);
    REQUIRE(events.size() == 1);  // the other connection's request, now
    CHECK(sockets.buffered_bytes(first) <= 64 * 1024 + 4);
    close(a);
    close(b);
}

TEST_CASE("a connection idle for connections.max.idle.ms is closed with a log line") {
    const Scenario run_scenario = one_broker();
    ScenarioRun run(run_scenario, {});
    std::ostringstream log;
    ServeOptions options{"127.0.0.1", 21492, 1.0};
    options.limits.max_idle = 100ms;
    ServeSession session(run, options, log);
    const int client = connect_to(21492);
    REQUIRE(pump_until(session, [&] { return session.connections() == 1; }));
    REQUIRE(pump_until(session, [&] { return session.connections() == 0; }, 100));
    CHECK(log.str().find("real-1 disconnected: idle for longer than connections.max.idle.ms (100 ms)") !=
          std::string::npos);
    close(client);
}

TEST_CASE("out of file descriptors, serve backs off with one log line and accepts again once one is free") {
#if defined(__SANITIZE_ADDRESS__)
    // Not under the sanitizers: UBSan checks a virtual call's object by asking whether
    // its memory is readable, and asks through a pipe, which needs two free file
    // descriptors; with none left (this test's point) every such check fails and is
    // reported as "invalid vptr ... memory cannot be printed" on live objects. The
    // Release suite runs it.
    WARN("not run under the sanitizers: see the comment above");
    return;
#endif
    const Scenario run_scenario = one_broker();
    ScenarioRun run(run_scenario, {});
    std::ostringstream log;
    ServeSession session(run, {"127.0.0.1", 21592, 1.0}, log);
    rlimit saved{};
    REQUIRE(getrlimit(RLIMIT_NOFILE, &saved) == 0);
    std::size_t open_now = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++open_now;
    // Room for six client sockets and two accepted ones: the rest wait in the backlog.
    rlimit tight = saved;
    tight.rlim_cur = open_now + 8;
    REQUIRE(setrlimit(RLIMIT_NOFILE, &tight) == 0);
    std::vector<int> clients;
    for (int i = 0; i < 6; ++i) {
        const int fd = connect_to(21592);
        if (fd >= 0) clients.push_back(fd);
    }
    REQUIRE(clients.size() >= 4);
    // With the listener readable and accept() failing, the old loop spun: count pumps.
    const auto start = std::chrono::steady_clock::now();
    int pumps = 0;
    while (std::chrono::steady_clock::now() - start < 300ms) {
        session.pump(20ms);
        ++pumps;
    }
    const std::string shortage = "cannot accept connections: Too many open files";
    const std::string text = log.str();
    REQUIRE(text.find(shortage) != std::string::npos);
    CHECK(text.find(shortage) == text.rfind(shortage));  // once
    CHECK(pumps < 40);
    const std::size_t accepted = session.connections();
    CHECK(accepted < clients.size());
    // Close what was accepted; the waiting ones are taken.
    setrlimit(RLIMIT_NOFILE, &saved);
    for (std::size_t i = 0; i < accepted; ++i) close(clients[i]);
    // The count alone can match before the closes are seen (the accepted ones still
    // counted, the waiting ones not yet taken), so wait for the resume line too.
    const auto resumed = [&] { return log.str().find("accepting connections again") != std::string::npos; };
    REQUIRE(pump_until(session, [&] { return resumed() && session.connections() == clients.size() - accepted; }));
    for (std::size_t i = accepted; i < clients.size(); ++i) close(clients[i]);
}

TEST_CASE("Metadata advertises --advertised-host, and 0.0.0.0 is never advertised") {
    const Scenario run_scenario = one_broker();
    ScenarioRun run(run_scenario, {});
    std::ostringstream log;
    ServeOptions options{"127.0.0.1", 21692, 1.0};
    options.advertised_host = "kafka.example.org";
    ServeSession session(run, options, log);
    CHECK(session.address_of("broker-1", 9092).host == "kafka.example.org");
    CHECK(session.address_of("broker-1", 9092).port == 21692);
    CHECK(log.str().find("broker-1 listens on 127.0.0.1:21692, advertised as kafka.example.org") != std::string::npos);
    CHECK(log.str().find("warning") == std::string::npos);  // loopback only

    ServeOptions everywhere{"0.0.0.0", 9092, 1.0};
    CHECK(advertised_host(everywhere) != "0.0.0.0");
    CHECK_FALSE(advertised_host(everywhere).empty());
    CHECK(is_loopback("127.0.0.1"));
    CHECK(is_loopback("127.1.2.3"));
    CHECK_FALSE(is_loopback("0.0.0.0"));
    CHECK_FALSE(is_loopback("192.168.1.5"));
}
