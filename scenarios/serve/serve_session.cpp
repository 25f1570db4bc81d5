#include "scenarios/serve/serve_session.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

namespace kafkalab::scenarios {

namespace {

using WallClock = std::chrono::steady_clock;

/// The longest the loop waits on the sockets: how late a request may enter the
/// simulation after it arrived while nothing else was due.
constexpr auto max_wait = std::chrono::milliseconds(20);

/// The limits of `options`, with the scenario's socket.request.max.bytes when it sets one.
SocketLimits limits_for(const ServeOptions& options, const ScenarioRun& run) {
    SocketLimits limits = options.limits;
    const auto& brokers = run.scenario().cluster.brokers;
    if (!brokers.empty() && brokers.front().properties.entry("socket.request.max.bytes")) {
        limits.max_frame_bytes = brokers.front().properties.get_int("socket.request.max.bytes");
    }
    return limits;
}

}  // namespace

bool is_loopback(const std::string& ipv4) { return ipv4.starts_with("127."); }

/// Each broker's port: its localhost port (localhost_ports.h), so `localhost:9096`
/// names the same broker under `serve` as in `run` and `validate`; a base port moves
/// them all by as much as it moves broker-1's.
std::vector<std::uint16_t> broker_ports(const ServeOptions& options, const ScenarioRun& run) {
    const auto& brokers = run.scenario().cluster.brokers;
    const std::int64_t shift = options.base_port ? std::int64_t{*options.base_port} - brokers.front().localhost_port : 0;
    std::vector<std::uint16_t> ports;
    for (const auto& broker : brokers) {
        const std::int64_t port = broker.localhost_port + shift;
        if (port < 1 || port > 65535) {
            throw std::runtime_error(fmt::format("{}'s port would be {}, which does not exist", broker.host, port));
        }
        ports.push_back(static_cast<std::uint16_t>(port));
    }
    return ports;
}

std::string advertised_host(const ServeOptions& options) {
    if (!options.advertised_host.empty()) return options.advertised_host;
    if (options.listen_host != "0.0.0.0") return options.listen_host;
    // Kafka advertises the canonical host name when a listener names no host.
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) == 0 && name[0] != 0) return name;
    return "localhost";
}

ServeSession::ServeSession(ScenarioRun& run, ServeOptions options, std::ostream& log)
    : run_(run), options_(std::move(options)), log_(log),
      sockets_(options_.listen_host, broker_ports(options_, run), limits_for(options_, run)),
      advertised_host_(advertised_host(options_)) {
    auto& simulation = run_.simulation();
    for (std::size_t i = 0; i < run_.broker_nodes().size(); ++i) {
        log_ << fmt::format("{} listens on {}:{}", simulation.node_name(run_.broker_nodes()[i]), options_.listen_host,
                            sockets_.port(i));
        if (advertised_host_ != options_.listen_host) log_ << fmt::format(", advertised as {}", advertised_host_);
        log_ << "\n";
    }
    if (!is_loopback(options_.listen_host)) {
        log_ << fmt::format("warning: listening on {}, beyond this machine's loopback: any host that can reach it may "
                            "connect, produce and read, with no authentication; clients are told the brokers are at "
                            "{} (--advertised-host)\n",
                            options_.listen_host, advertised_host_);
    }
    log_.flush();
}

ServeSession::~ServeSession() {
    for (auto& [id, client] : clients_) {
        if (auto* node = node_of(client)) node->detach();
    }
}

kafka::wire::AdvertisedAddress ServeSession::address_of(std::string_view host, std::int32_t port) const {
    auto& simulation = run_.simulation();
    const auto& brokers = run_.broker_nodes();
    for (std::size_t i = 0; i < brokers.size(); ++i) {
        if (simulation.node_name(brokers[i]) == host) return {advertised_host_, sockets_.port(i)};
    }
    return {std::string(host), port};  // not a broker of this run: as the model says
}

void ServeSession::run(const std::atomic<bool>& stop) {
    auto& simulation = run_.simulation();
    const auto wall_start = WallClock::now();
    const sim::Duration sim_start = run_.now();
    const sim::Duration end = run_.end();
    follow_broker_states();
    while (!stop.load() && run_.now() < end) {
        const std::chrono::duration<double> elapsed = WallClock::now() - wall_start;
        const auto target = std::min(end, sim_start + std::chrono::duration_cast<sim::Duration>(
                                                          elapsed * options_.speed));
        if (target > run_.now()) run_.run_until(target);
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(max_wait);
        const sim::Time next = simulation.scheduler().next_event_time();
        if (next != sim::time_never) {
            const std::chrono::duration<double> until_next = (next - simulation.now()) / options_.speed;
            wait = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(until_next),
                              std::chrono::milliseconds(0), wait);
        }
        pump(wait);
    }
}

void ServeSession::pump(std::chrono::milliseconds wait) {
    retire_closed_nodes();
    follow_broker_states();
    for (SocketEvent& event : sockets_.poll(wait)) on_socket_event(event);
}

void ServeSession::on_socket_event(SocketEvent& event) {
    switch (event.kind) {
        case SocketEvent::Kind::accepted: return accept(event);
        case SocketEvent::Kind::frame: {
            const auto found = clients_.find(event.connection);
            if (found == clients_.end()) return;
            if (auto* node = node_of(found->second)) node->receive_frame(event.frame);
            return;
        }
        case SocketEvent::Kind::closed: {
            const auto found = clients_.find(event.connection);
            if (found == clients_.end()) return;
            if (auto* node = node_of(found->second)) node->detach();
            const Client& client = found->second;
            log_line(fmt::format("{} disconnected: {}", client.name, event.reason), client.node,
                     run_.broker_nodes()[client.broker]);
            retire(client);
            clients_.erase(found);
            return;
        }
        case SocketEvent::Kind::notice: {
            const sim::NodeIndex broker = run_.broker_nodes()[event.listener];
            log_line(event.reason, broker, broker);
            return;
        }
    }
}

void ServeSession::retire(const Client& client) { closing_nodes_.push_back(client.node); }

void ServeSession::retire_closed_nodes() {
    for (sim::NodeIndex node : closing_nodes_) {
        run_.simulation().retire(node);
        spare_nodes_.push_back(node);
    }
    closing_nodes_.clear();
}

void ServeSession::accept(const SocketEvent& event) {
    auto& simulation = run_.simulation();
    const sim::NodeIndex broker = run_.broker_nodes()[event.listener];
    const ConnectionId connection = event.connection;
    auto link = std::make_shared<RealClientLink>();
    link->reply = [this, connection](std::string frame) { sockets_.send(connection, std::move(frame)); };
    link->close = [this, connection](const std::string& why) { disconnect(connection, why); };
    link->ready = [this, connection] { sockets_.unmute(connection); };

    RealClientNode::Options node_options;
    node_options.broker = broker;
    node_options.link = link;
    node_options.ledger = &run_.ledger();
    node_options.orphans = &orphans_;
    node_options.client_host = "/" + event.peer.substr(0, event.peer.rfind(':'));
    node_options.encode.address = [this](kafka::BrokerId, std::string_view host, std::int32_t port) {
        return address_of(host, port);
    };
    const std::string name = fmt::format("real-{}", ++clients_ever_);
    sim::NodeIndex node = sim::no_node;
    if (spare_nodes_.empty()) {
        node = simulation.add_node(name, RealClientNode::factory(std::move(node_options)));
    } else {
        node = spare_nodes_.front();
        spare_nodes_.pop_front();
        simulation.reuse_node(node, name, RealClientNode::factory(std::move(node_options)));
    }
    clients_[connection] = Client{name, node, event.listener, simulation.context(broker).incarnation(), link};
    log_line(fmt::format("{} connected to {} ({}:{}) from {}", name, simulation.node_name(broker),
                         options_.listen_host, sockets_.port(event.listener), event.peer),
             node, broker);
}

void ServeSession::follow_broker_states() {
    auto& simulation = run_.simulation();
    const auto& brokers = run_.broker_nodes();
    for (std::size_t i = 0; i < brokers.size(); ++i) {
        const bool up = simulation.is_up(brokers[i]);
        if (up == sockets_.listening(i)) continue;
        try {
            sockets_.set_listening(i, up);
        } catch (const std::exception& error) {
            log_line(fmt::format("{} cannot listen again: {}", simulation.node_name(brokers[i]), error.what()),
                     brokers[i], brokers[i]);
        }
    }
    std::vector<std::pair<ConnectionId, std::string>> reset;
    for (const auto& [id, client] : clients_) {
        const sim::NodeIndex broker = brokers[client.broker];
        if (!simulation.is_up(broker)) {
            reset.emplace_back(id, simulation.node_name(broker) + " is down");
        } else if (simulation.context(broker).incarnation() != client.broker_incarnation) {
            reset.emplace_back(id, simulation.node_name(broker) + " restarted");
        }
    }
    for (const auto& [id, why] : reset) {
        if (auto found = clients_.find(id); found != clients_.end()) {
            if (auto* node = node_of(found->second)) node->detach();
        }
        disconnect(id, why);
    }
}

void ServeSession::disconnect(ConnectionId connection, const std::string& why) {
    const auto found = clients_.find(connection);
    if (found == clients_.end()) return;
    const Client& client = found->second;
    log_line(fmt::format("{} closed: {}", client.name, why), client.node, run_.broker_nodes()[client.broker]);
    if (auto* node = node_of(client)) node->detach();
    sockets_.close(connection);
    retire(client);
    clients_.erase(found);
}

void ServeSession::log_line(const std::string& text, sim::NodeIndex client, sim::NodeIndex broker) {
    // Laid out as the run's timeline, which it joins on standard output.
    log_ << fmt::format("{:>12}  {:<18} {}\n", sim::format_time(sim::Time{run_.now()}), "real client", text);
    log_.flush();
    // And recorded, so the viewer's event log shows when a class's client came and went.
    run_.simulation().record("real-client", client, broker, text);
}

RealClientNode* ServeSession::node_of(const Client& client) {
    return run_.simulation().node_as<RealClientNode>(client.node);
}

}  // namespace kafkalab::scenarios
