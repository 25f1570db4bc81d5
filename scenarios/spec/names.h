#pragma once
// Names that point into the scenario: hosts ("broker-2", "zk-1", a client's name),
// addresses ("localhost:9092"), partitions ("payments-0") and fault targets
// ("leader-of payments-0", "controller"). Internal to the loader; the rules are the
// ones scenario.h and docs/SCENARIOS.md state.
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "scenarios/spec/yaml_fields.h"

namespace kafkalab::scenarios::detail {

/// Every host known so far: brokers, ZooKeeper nodes, producers, consumers.
std::vector<std::string_view> known_hosts(const Scenario& s);
const HostSpec* find_host(const Scenario& s, std::string_view name);

/// "unknown host 'broker-7' (hosts: broker-1, broker-2, zk-1); did you mean ...?"
std::string unknown_host_message(const Scenario& s, std::string_view name);

/// Resolves "broker-2:9092" or "localhost:9092" to a broker and its port, or says why
/// it names no broker.
std::variant<BootstrapServer, std::string> resolve_address(const Scenario& scenario, std::string_view address);

/// The same, reporting
/// at `node` and returns nothing when no broker listens there.
std::optional<BootstrapServer> resolve_bootstrap(Context& ctx, const YAML::Node& node, std::string_view address);

/// Reads `bootstrap-servers` (a list or one address); absent: the first broker.
std::vector<BootstrapServer> read_bootstrap_servers(Context& ctx, const YAML::Node* node);

/// Parses "payments-0" (the partition number after the last '-') and checks that the
/// topic is declared and has that partition.
std::optional<kafka::TopicPartition> read_partition(Context& ctx, const YAML::Node& node, std::string_view what);
/// The same for a partition written inside a longer text; reports at `node`.
std::optional<kafka::TopicPartition> check_partition(Context& ctx, const YAML::Node& node, std::string_view written,
                                                     std::string_view what);

/// Whether clients may use `topic`: declared, created by a step, or auto-created by
/// an explicit auto.create.topics.enable=true. Reports at `node` when not.
bool check_client_topic(Context& ctx, const YAML::Node& node, const std::string& topic);

/// A broker named by host ("broker-2") or by id (2).
std::optional<kafka::BrokerId> read_broker_ref(Context& ctx, const YAML::Node& node, std::string_view what);

/// A fault target: a host name, "leader-of <topic>-<partition>" or "controller".
std::optional<FaultTarget> read_target(Context& ctx, const YAML::Node& node, std::string_view what);

}  // namespace kafkalab::scenarios::detail
