#pragma once
// `kafkalab serve`: a scenario's cluster on the wall clock, with each simulated
// broker listening on its own loopback port, the one `localhost:<port>` names in the
// scenario (scenarios/spec/localhost_ports.h: broker-1 on 9092, broker-2 on 9093, ...
// by default), so real Kafka clients can produce to it and consume from it while
// the scenario's workload runs and its faults fire on schedule.
//
// The simulated clock is paced to the wall clock: each turn of the loop runs the
// events due by now, then waits on the sockets until the next event is due (or 20 ms,
// so a request that arrives meanwhile enters the simulation promptly).
//
// A crashed broker's port is closed (clients get "connection refused") and its open
// connections are reset, as a killed Kafka process's would be.
//
// Each connection is a client node named real-N (N counts connections). When it
// closes, its node is retired and the next connection's node takes its slot in the
// simulation (Simulation::reuse_node), so the simulation holds as many real nodes as
// were ever connected at once, not as many as ever connected: 20,000 connect-and-close
// cycles leave it as small as one (tests/serve). Kafka's limits on a connection apply
// (wire_sockets.h): socket.request.max.bytes from the scenario's server.properties,
// queued.max.requests and connections.max.idle.ms at Kafka's defaults.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "broker_model/wire/codec_context.h"
#include "scenarios/runner/scenario_run.h"
#include "scenarios/serve/real_client_node.h"
#include "scenarios/serve/wire_sockets.h"

namespace kafkalab::scenarios {

struct ServeOptions {
    // A constructor, so {host, port, speed} leaves the rest at its defaults.
    ServeOptions(std::string listen = "127.0.0.1", std::optional<std::uint16_t> port = std::nullopt,
                 double speed_factor = 1.0)
        : listen_host(std::move(listen)), base_port(port), speed(speed_factor) {}

    std::string listen_host;
    /// broker-1's port; the others keep their distance from it. Absent: every broker
    /// on its localhost port (localhost_ports.h: 9092, 9093, ... by default).
    std::optional<std::uint16_t> base_port;
    /// Simulated seconds per wall-clock second (1: real time).
    double speed;
    /// The host Metadata gives clients for the brokers (Kafka's advertised.listeners).
    /// Empty: the listen host, or this machine's host name when listening on 0.0.0.0,
    /// which no client can connect to.
    std::string advertised_host;
    /// Kafka's defaults; socket.request.max.bytes is the scenario's when it sets it.
    SocketLimits limits;
};

/// Whether an IPv4 address is on the loopback network (127.0.0.0/8).
bool is_loopback(const std::string& ipv4);
/// The host clients are told to use under `options` (see ServeOptions::advertised_host).
std::string advertised_host(const ServeOptions& options);

class ServeSession {
public:
    /// Binds every broker's port; throws std::runtime_error naming the one that fails.
    ServeSession(ScenarioRun& run, ServeOptions options, std::ostream& log);
    ~ServeSession();

    /// Runs until the scenario's end (or its --until) or until `stop` is set.
    void run(const std::atomic<bool>& stop);
    /// What run() does between two steps of the clock, for a caller that runs the
    /// clock itself (the viewer): follows the brokers' states, then takes what the
    /// sockets have, waiting up to `wait` for it.
    void pump(std::chrono::milliseconds wait);

    /// The address real clients use for the broker named `host`.
    kafka::wire::AdvertisedAddress address_of(std::string_view host, std::int32_t port) const;
    std::size_t connections() const { return clients_.size(); }
    /// Retired client nodes waiting for a new connection to take their slot.
    std::size_t spare_nodes() const { return spare_nodes_.size(); }

private:
    struct Client {
        std::string name;  // real-N
        sim::NodeIndex node = sim::no_node;
        std::size_t broker = 0;  // index into the run's brokers
        std::uint32_t broker_incarnation = 0;
        std::shared_ptr<RealClientLink> link;
    };

    void on_socket_event(SocketEvent& event);
    void accept(const SocketEvent& event);
    /// Opens the ports of running brokers, closes those of crashed ones, and resets
    /// connections to a broker that went down since they were opened.
    void follow_broker_states();
    void disconnect(ConnectionId connection, const std::string& why);
    /// The client's node leaves the simulation at the next pump (a node may be closing
    /// its own connection, from inside its own code); its slot goes to a later connection.
    void retire(const Client& client);
    void retire_closed_nodes();
    RealClientNode* node_of(const Client& client);
    /// One line of the log, stamped with the scenario time, also recorded in the run
    /// as a "real-client" record between the client's node and its broker.
    void log_line(const std::string& text, sim::NodeIndex client, sim::NodeIndex broker);

    ScenarioRun& run_;
    ServeOptions options_;
    std::ostream& log_;
    WireSockets sockets_;
    std::map<ConnectionId, Client> clients_;
    std::size_t clients_ever_ = 0;
    std::vector<sim::NodeIndex> closing_nodes_;  // to retire at the next pump
    std::deque<sim::NodeIndex> spare_nodes_;     // retired, in the order they retired
    std::string advertised_host_;
    OrphanedSends orphans_;
};

}  // namespace kafkalab::scenarios
