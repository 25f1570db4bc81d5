// `cluster:` — ZooKeeper nodes, brokers and their server.properties.
#include <algorithm>
#include <map>
#include <optional>

#include "broker_model/common/host_names.h"
#include "broker_model/config/listener_port.h"
#include "broker_model/config/value_parsing.h"
#include "scenarios/spec/localhost_ports.h"
#include "scenarios/spec/parse_parts.h"

namespace kafkalab::scenarios::detail {
namespace {

constexpr std::int64_t most_brokers = 100;
// Kafka refuses user-chosen broker ids above reserved.broker.max.id (1000 by default)
// so that they never collide with generated ones.
constexpr std::int64_t highest_broker_id = 1000;

/// `aliases`: the host names a real zookeeper.connect uses for zk-1, zk-2, ... in order.
void parse_aliases(Context& ctx, const YAML::Node& node, ZooKeeperSpec& zk) {
    auto names = read_string_list(ctx, node, "zookeeper aliases");
    if (!names) return;
    if (names->size() > static_cast<std::size_t>(zk.nodes)) {
        error_at(ctx, node, "zookeeper aliases names " + std::to_string(names->size()) + " hosts, but there are " +
                                std::to_string(zk.nodes) + " ZooKeeper nodes (one alias per node, in order)");
        return;
    }
    for (std::size_t i = 0; i < names->size(); ++i) {
        const std::string& name = (*names)[i];
        bool taken = name == "localhost" || std::find(zk.hosts.begin(), zk.hosts.end(), name) != zk.hosts.end() ||
                     std::find(names->begin(), names->begin() + static_cast<std::ptrdiff_t>(i), name) !=
                         names->begin() + static_cast<std::ptrdiff_t>(i);
        if (!kafka::parse_host_port(name + ":2181") || taken) {
            error_at(ctx, node, "zookeeper aliases must be distinct host names other than localhost and zk-N; found '" +
                                    name + "'");
            return;
        }
    }
    zk.aliases = std::move(*names);
}

void parse_zookeeper(Context& ctx, const YAML::Node& node, ZooKeeperSpec& zk) {
    const YAML::Node* nodes = &node;
    std::optional<Fields> fields;
    if (node.IsMap()) {
        fields.emplace(ctx, node, "in cluster.zookeeper", std::initializer_list<std::string_view>{
                                                               "nodes", "aliases", "properties", "properties-file"});
        nodes = fields->find("nodes");
    } else if (!node.IsScalar()) {
        error_at(ctx, node, "zookeeper must be a node count or a mapping with nodes and properties; found " +
                                describe(node));
        return;
    }
    if (nodes) {
        auto count = read_integer(ctx, *nodes, "zookeeper nodes", 1, 5);
        if (count && *count % 2 == 0) {
            error_at(ctx, *nodes, "zookeeper nodes must be 1, 3 or 5 (an ensemble needs a majority); found " +
                                      std::to_string(*count));
        } else if (count) {
            zk.nodes = static_cast<int>(*count);
        }
    }
    zk.hosts.clear();
    for (int i = 1; i <= zk.nodes; ++i) zk.hosts.push_back(kafka::zookeeper_host(i));
    if (!fields) return;
    if (const auto* aliases = fields->find("aliases")) parse_aliases(ctx, *aliases, zk);
    if (const auto* file = fields->find("properties-file")) read_properties_file(ctx, *file, zk.properties);
    if (const auto* props = fields->find("properties")) read_properties(ctx, *props, zk.properties);
}

BrokerSpec make_broker(Context& ctx, std::int32_t id) {
    BrokerSpec b;
    b.id = kafka::BrokerId{id};
    b.host = kafka::broker_host(b.id);
    b.properties = kafka::Properties(kafka::ConfigScope::broker, ctx.scenario.kafka_version);
    return b;
}

void parse_broker_entry(Context& ctx, const YAML::Node& node, std::int32_t index, ClusterSpec& cluster) {
    if (!is_map(ctx, node, "a broker")) return;
    Fields f(ctx, node, "in a broker", {"id", "rack", "properties"});
    std::int32_t id = index;
    if (const auto* n = f.find("id")) {
        if (auto v = read_integer(ctx, *n, "broker id", 0, highest_broker_id)) id = static_cast<std::int32_t>(*v);
        for (const auto& other : cluster.brokers) {
            if (other.id.value == id) {
                error_at(ctx, *n, "broker id " + std::to_string(id) + " is used twice (first on line " +
                                      std::to_string(other.position.line) + ")");
                return;
            }
        }
    }
    BrokerSpec b = make_broker(ctx, id);
    b.position = position_of(node);
    if (const auto* n = f.find("rack")) b.rack = read_string(ctx, *n, "rack").value_or("");
    if (const auto* n = f.find("properties")) {
        read_properties(ctx, *n, b.properties);
        if (b.properties.contains("broker.id")) {
            error_at(ctx, *n, "give a broker's id with 'id:', not with broker.id in its properties");
        }
        if (b.properties.contains("broker.rack") && b.rack.empty()) b.rack = b.properties.get_string("broker.rack");
        if (b.properties.contains("broker.rack") && b.properties.get_string("broker.rack") != b.rack) {
            const auto* e = b.properties.entry("broker.rack");
            ctx.sink.warning(e->line, e->column, "broker.rack '" + e->value + "' is overridden by this broker's rack: '" +
                                                     b.rack + "'");
        }
    }
    cluster.brokers.push_back(std::move(b));
}

void parse_brokers(Context& ctx, const YAML::Node& node, ClusterSpec& cluster) {
    if (node.IsScalar()) {
        auto count = read_integer(ctx, node, "brokers", 1, most_brokers);
        for (std::int32_t id = 1; id <= count.value_or(1); ++id) cluster.brokers.push_back(make_broker(ctx, id));
        return;
    }
    if (!node.IsSequence() || node.size() == 0 || node.size() > most_brokers) {
        error_at(ctx, node, "brokers must be a count from 1 to 100 or a list of 1 to 100 brokers; found " +
                                describe(node));
        return;
    }
    std::int32_t index = 0;
    for (const auto& entry : node) parse_broker_entry(ctx, entry, ++index, cluster);
}

/// zookeeper.connect, when written, must name this scenario's ZooKeeper nodes: zk-N,
/// localhost for zk-1, or the aliases the scenario gives them.
void check_zookeeper_connect(Context& ctx, const YAML::Node& at, const kafka::Properties& p,
                             const PropertiesFileOrigin* file) {
    if (!p.contains("zookeeper.connect")) return;
    std::string servers = p.get_string("zookeeper.connect").substr(0, p.get_string("zookeeper.connect").find('/'));
    const auto& zk = ctx.scenario.cluster.zookeeper;
    std::int32_t port = zk.properties.get_int("clientPort");
    for (const auto& item : kafka::split_list(servers)) {
        auto hp = kafka::parse_host_port(item);
        auto named = [&](const std::vector<std::string>& hosts) {
            return std::find(hosts.begin(), hosts.end(), hp->host) != hosts.end();
        };
        bool known = hp && hp->port == port && (hp->host == "localhost" || named(zk.hosts) || named(zk.aliases));
        if (!known) {
            std::string message = "zookeeper.connect names '" + item + "', but the ZooKeeper nodes are zk-1 to zk-" +
                                  std::to_string(zk.nodes) + " on port " + std::to_string(port) + " (localhost:" +
                                  std::to_string(port) + " is zk-1";
            message += zk.aliases.empty() ? "; give the real host names as cluster.zookeeper.aliases to map them)"
                                          : "; the aliases name zk-1 to zk-" + std::to_string(zk.aliases.size()) + ")";
            report_key(ctx, Severity::error, p, "zookeeper.connect", file, at, std::move(message));
        }
    }
}

/// The simulation's connections are plaintext: a listener that would use TLS or SASL
/// is served without them, which a file written for a secured cluster should hear.
void check_listener_security(Context& ctx, const YAML::Node& at, const kafka::Properties& p,
                             const PropertiesFileOrigin* file) {
    if (!p.contains("listeners")) return;
    std::map<std::string, std::string, std::less<>> protocols;
    if (p.contains("listener.security.protocol.map")) {
        for (const auto& pair : kafka::split_list(p.get_string("listener.security.protocol.map"))) {
            auto colon = pair.find(':');
            if (colon != std::string::npos) protocols[pair.substr(0, colon)] = pair.substr(colon + 1);
        }
    }
    for (const auto& listener : kafka::split_list(p.get_string("listeners"))) {
        std::string name = listener.substr(0, listener.find("://"));
        auto mapped = protocols.find(name);
        const std::string& protocol = mapped != protocols.end() ? mapped->second : name;
        if (protocol == "PLAINTEXT") continue;
        report_key(ctx, Severity::warning, p, "listeners", file, at,
                   "listener '" + listener + "' uses " + protocol +
                       ", which kafkalab does not model: it is served as a plaintext listener (no TLS, no SASL)");
    }
}

/// Each broker's complete server.properties: cluster-wide keys under its own.
void complete_brokers(Context& ctx, const YAML::Node& at, ClusterSpec& cluster) {
    std::string connect;
    for (const auto& host : cluster.zookeeper.hosts) {
        connect += (connect.empty() ? "" : ",") + host + ":" +
                   std::to_string(cluster.zookeeper.properties.get_int("clientPort"));
    }
    for (auto& b : cluster.brokers) {
        kafka::Properties merged = cluster.properties;
        merged.erase("broker.id");
        merged.erase("broker.rack");  // each broker's own; see parse_cluster
        merged.merge(b.properties);
        merged.set("broker.id", std::to_string(b.id.value));
        if (!b.rack.empty()) merged.set("broker.rack", b.rack);
        if (!merged.contains("zookeeper.connect")) merged.set("zookeeper.connect", connect);
        check_zookeeper_connect(ctx, at, b.properties, nullptr);
        check_listener_security(ctx, at, b.properties, nullptr);
        b.port = kafka::listener_port(merged);
        b.properties = std::move(merged);
    }
    assign_localhost_ports(cluster.brokers);
}

}  // namespace

void parse_cluster(Context& ctx, const YAML::Node* node) {
    ClusterSpec& cluster = ctx.scenario.cluster;
    auto era = ctx.scenario.kafka_version;
    cluster.properties = kafka::Properties(kafka::ConfigScope::broker, era);
    cluster.zookeeper.properties = kafka::Properties(kafka::ConfigScope::zookeeper, era);
    cluster.brokers.clear();
    YAML::Node empty;
    const YAML::Node& at = node ? *node : empty;
    if (node && is_map(ctx, *node, "cluster")) {
        Fields f(ctx, *node, "in cluster", {"zookeeper", "brokers", "properties", "properties-file"});
        if (const auto* n = f.find("zookeeper")) parse_zookeeper(ctx, *n, cluster.zookeeper);
        std::optional<PropertiesFileOrigin> file;
        if (const auto* n = f.find("properties-file")) file = read_properties_file(ctx, *n, cluster.properties);
        if (const auto* n = f.find("properties")) read_properties(ctx, *n, cluster.properties);
        if (const auto* n = f.find("brokers")) parse_brokers(ctx, *n, cluster);
        // A real server.properties carries broker.id=0, so only an inline one is worth
        // a word: whoever typed it expected it to matter.
        const auto* id = cluster.properties.entry("broker.id");
        if (id && id->line > 0) {
            ctx.sink.warning(id->line, id->column,
                             "broker.id in the cluster properties is ignored: every broker gets its own id");
        }
        const YAML::Node* props = f.find("properties") ? f.find("properties") : f.find("properties-file");
        if (props) {
            const PropertiesFileOrigin* origin = file ? &*file : nullptr;
            check_zookeeper_connect(ctx, *props, cluster.properties, origin);
            check_listener_security(ctx, *props, cluster.properties, origin);
            // A real file's broker.rack is one broker's; here each broker has its own.
            if (cluster.properties.contains("broker.rack")) {
                report_key(ctx, Severity::warning, cluster.properties, "broker.rack", origin, *props,
                           "broker.rack '" + cluster.properties.get_string("broker.rack") +
                               "' is overridden by the scenario: each broker's rack is its own `rack:` (none "
                               "when it has no `rack:`)");
            }
        }
    }
    if (cluster.brokers.empty()) cluster.brokers.push_back(make_broker(ctx, 1));
    auto auto_create = cluster.properties.entry("auto.create.topics.enable");
    ctx.auto_create_topics_explicit = auto_create && kafka::parse_bool(auto_create->value) == true;
    complete_brokers(ctx, at, cluster);
}

}  // namespace kafkalab::scenarios::detail
