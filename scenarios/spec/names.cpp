#include "scenarios/spec/names.h"

#include <algorithm>

#include "broker_model/config/did_you_mean.h"
#include "broker_model/config/value_parsing.h"
#include "scenarios/spec/localhost_ports.h"

namespace kafkalab::scenarios::detail {
namespace {

constexpr std::string_view leader_of_prefix = "leader-of ";

// Listing every host in a message is helpful for a small cluster and noise for a
// big one.
constexpr std::size_t most_hosts_listed = 8;

}  // namespace

std::vector<std::string_view> known_hosts(const Scenario& s) {
    std::vector<std::string_view> hosts;
    for (const auto& b : s.cluster.brokers) hosts.push_back(b.host);
    for (const auto& z : s.cluster.zookeeper.hosts) hosts.push_back(z);
    for (const auto& p : s.producers) hosts.push_back(p.name);
    for (const auto& c : s.consumers) hosts.push_back(c.name);
    return hosts;
}

const HostSpec* find_host(const Scenario& s, std::string_view name) {
    for (const auto& h : s.network.hosts) {
        if (h.name == name) return &h;
    }
    return nullptr;
}

std::string unknown_host_message(const Scenario& s, std::string_view name) {
    auto hosts = known_hosts(s);
    std::string list;
    for (std::size_t i = 0; i < hosts.size() && i < most_hosts_listed; ++i) {
        list += (i ? ", " : "") + std::string(hosts[i]);
    }
    if (hosts.size() > most_hosts_listed) list += ", ...";
    return "unknown host '" + std::string(name) + "' (hosts: " + list + ")" +
           kafka::did_you_mean(kafka::closest_match(name, hosts));
}

std::variant<BootstrapServer, std::string> resolve_address(const Scenario& scenario, std::string_view address) {
    auto host_port = kafka::parse_host_port(address);
    if (!host_port) {
        return "bootstrap server must be host:port, such as broker-1:9092 or localhost:9092; found '" +
               std::string(address) + "'";
    }
    const auto& brokers = scenario.cluster.brokers;
    if (host_port->host == "localhost" || host_port->host == "127.0.0.1") {
        // One machine: brokers differ by port (localhost_ports.h), in `run` and `serve` alike.
        const BrokerSpec* on_port = broker_on_localhost(brokers, static_cast<std::uint16_t>(host_port->port));
        if (!on_port) {
            return std::string(address) + " names no broker: on " + host_port->host + " brokers differ by port (" +
                   localhost_ports_listing(brokers) + ")";
        }
        return BootstrapServer{std::string(address), on_port->host, on_port->port};
    }
    const BrokerSpec* broker = scenario.find_broker(host_port->host);
    if (!broker) {
        std::vector<std::string_view> names;
        for (const auto& b : brokers) names.push_back(b.host);
        return "no broker is named '" + host_port->host + "'" +
               kafka::did_you_mean(kafka::closest_match(host_port->host, names));
    }
    if (broker->port != host_port->port) {
        return std::string(address) + ": " + broker->host + " listens on port " + std::to_string(broker->port) +
               ", not " + std::to_string(host_port->port);
    }
    return BootstrapServer{std::string(address), broker->host, broker->port};
}

std::optional<BootstrapServer> resolve_bootstrap(Context& ctx, const YAML::Node& node, std::string_view address) {
    auto resolved = resolve_address(ctx.scenario, address);
    if (const auto* why = std::get_if<std::string>(&resolved)) {
        error_at(ctx, node, *why);
        return std::nullopt;
    }
    return std::get<BootstrapServer>(std::move(resolved));
}

std::vector<BootstrapServer> read_bootstrap_servers(Context& ctx, const YAML::Node* node) {
    std::vector<BootstrapServer> servers;
    if (!node) {
        const BrokerSpec& first = ctx.scenario.cluster.brokers.front();
        servers.push_back(BootstrapServer{first.host + ":" + std::to_string(first.port), first.host, first.port});
        return servers;
    }
    if (node->IsScalar()) {
        if (auto s = resolve_bootstrap(ctx, *node, node->Scalar())) servers.push_back(*s);
        return servers;
    }
    if (!is_list(ctx, *node, "bootstrap-servers")) return servers;
    for (const auto& item : *node) {
        auto text = read_string(ctx, item, "a bootstrap server");
        if (!text) continue;
        if (auto s = resolve_bootstrap(ctx, item, *text)) servers.push_back(*s);
    }
    if (servers.empty() && node->size() == 0) error_at(ctx, *node, "bootstrap-servers must name at least one broker");
    return servers;
}

bool check_client_topic(Context& ctx, const YAML::Node& node, const std::string& topic) {
    if (ctx.scenario.find_topic(topic) || ctx.topics_created_by_steps.count(topic) ||
        ctx.auto_create_topics_explicit) {
        return true;
    }
    std::vector<std::string_view> names;
    for (const auto& t : ctx.scenario.topics) names.push_back(t.name);
    for (const auto& t : ctx.topics_created_by_steps) names.push_back(t);
    error_at(ctx, node, "unknown topic '" + topic + "': declare it under topics, create it in a step, or set "
                        "auto.create.topics.enable: true in the cluster properties" +
                        kafka::did_you_mean(kafka::closest_match(topic, names)));
    return false;
}

std::optional<kafka::TopicPartition> read_partition(Context& ctx, const YAML::Node& node, std::string_view what) {
    auto text = read_string(ctx, node, what);
    if (!text) return std::nullopt;
    return check_partition(ctx, node, *text, what);
}

std::optional<kafka::TopicPartition> check_partition(Context& ctx, const YAML::Node& node, std::string_view written,
                                                     std::string_view what) {
    std::optional<std::string> text{std::string(written)};
    std::size_t dash = text->rfind('-');
    auto number = dash == std::string::npos ? std::nullopt : kafka::parse_int64(text->substr(dash + 1));
    if (!number || dash == 0 || *number < 0 || *number > INT32_MAX) {
        error_at(ctx, node, std::string(what) + " must be a partition written topic-number, such as payments-0; found '" +
                                *text + "'");
        return std::nullopt;
    }
    kafka::TopicPartition tp{text->substr(0, dash), static_cast<std::int32_t>(*number)};
    const TopicSpec* topic = ctx.scenario.find_topic(tp.topic);
    if (!topic) {
        std::vector<std::string_view> names;
        for (const auto& t : ctx.scenario.topics) names.push_back(t.name);
        error_at(ctx, node, "unknown topic '" + tp.topic + "' in " + std::string(what) + " '" + *text + "'" +
                                kafka::did_you_mean(kafka::closest_match(tp.topic, names)));
        return std::nullopt;
    }
    if (tp.partition >= topic->partitions) {
        error_at(ctx, node, "topic '" + tp.topic + "' has partitions 0 to " + std::to_string(topic->partitions - 1) +
                                "; there is no partition " + std::to_string(tp.partition));
        return std::nullopt;
    }
    return tp;
}

std::optional<kafka::BrokerId> read_broker_ref(Context& ctx, const YAML::Node& node, std::string_view what) {
    auto text = read_string(ctx, node, what);
    if (!text) return std::nullopt;
    if (auto id = kafka::parse_int64(*text)) {
        for (const auto& b : ctx.scenario.cluster.brokers) {
            if (b.id.value == *id) return b.id;
        }
    } else if (const BrokerSpec* b = ctx.scenario.find_broker(*text)) {
        return b->id;
    }
    std::vector<std::string_view> names;
    for (const auto& b : ctx.scenario.cluster.brokers) names.push_back(b.host);
    error_at(ctx, node, std::string(what) + " must name a broker by host or id; there is no broker '" + *text + "'" +
                            kafka::did_you_mean(kafka::closest_match(*text, names)));
    return std::nullopt;
}

namespace {

/// `[broker-1, zk-1]`: every name a host, each once.
std::optional<FaultTarget> read_host_list(Context& ctx, const YAML::Node& node, std::string_view what) {
    auto names = read_string_list(ctx, node, what);
    if (!names) return std::nullopt;
    if (names->empty()) {
        error_at(ctx, node, std::string(what) + " names no host; give a host, a rack or a list of hosts");
        return std::nullopt;
    }
    FaultTarget target;
    target.kind = TargetKind::hosts;
    for (std::size_t i = 0; i < names->size(); ++i) {
        const std::string& name = (*names)[i];
        const YAML::Node& item = node[i];
        if (!find_host(ctx.scenario, name)) {
            error_at(ctx, item, unknown_host_message(ctx.scenario, name));
            return std::nullopt;
        }
        if (std::find(target.hosts.begin(), target.hosts.end(), name) != target.hosts.end()) {
            error_at(ctx, item, "'" + name + "' is named twice in " + std::string(what));
            return std::nullopt;
        }
        target.hosts.push_back(name);
        target.written += (i ? ", " : "[") + name;
    }
    target.written += "]";
    return target;
}

/// A rack's hosts: those whose switch it is (a broker's `rack`, a `racks` entry).
std::vector<std::string> hosts_of_rack(const Scenario& s, std::string_view rack) {
    std::vector<std::string> hosts;
    for (const auto& h : s.network.hosts) {
        if (h.switch_name == rack) hosts.push_back(h.name);
    }
    return hosts;
}

}  // namespace

std::optional<FaultTarget> read_target(Context& ctx, const YAML::Node& node, std::string_view what) {
    if (node.IsSequence()) return read_host_list(ctx, node, what);
    auto text = read_string(ctx, node, what);
    if (!text) return std::nullopt;
    FaultTarget target;
    target.written = *text;
    if (*text == "controller") {
        target.kind = TargetKind::controller;
        return target;
    }
    if (text->starts_with(leader_of_prefix)) {
        auto tp = check_partition(ctx, node, text->substr(leader_of_prefix.size()), "leader-of");
        if (!tp) return std::nullopt;
        target.kind = TargetKind::leader_of;
        target.partition = *tp;
        return target;
    }
    for (auto host : known_hosts(ctx.scenario)) {
        if (host == *text) {
            target.host = *text;
            return target;
        }
    }
    const auto& switches = ctx.scenario.network.switches;
    if (std::find(switches.begin(), switches.end(), *text) != switches.end()) {
        target.hosts = hosts_of_rack(ctx.scenario, *text);
        if (target.hosts.empty()) {
            error_at(ctx, node, "rack '" + *text + "' has no hosts");
            return std::nullopt;
        }
        target.kind = TargetKind::hosts;
        target.rack = *text;
        return target;
    }
    error_at(ctx, node, unknown_host_message(ctx.scenario, *text));
    return std::nullopt;
}

}  // namespace kafkalab::scenarios::detail
