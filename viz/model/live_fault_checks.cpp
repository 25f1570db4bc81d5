#include "viz/model/live_fault_checks.h"

#include <algorithm>
#include <set>

#include "scenarios/cli_tools/cli_command.h"

namespace kafkalab::viz {

namespace {

const scenarios::HostSpec* find_host(const scenarios::Scenario& scenario, const std::string& name) {
    for (const auto& host : scenario.network.hosts) {
        if (host.name == name) return &host;
    }
    return nullptr;
}

/// A client added from the window earlier in the session.
bool is_added_client(const std::vector<LiveFault>& recorded, const std::string& name) {
    return std::any_of(recorded.begin(), recorded.end(), [&](const LiveFault& f) { return f.adds_client() && f.host() == name; });
}

std::optional<std::string> unknown_host(const scenarios::Scenario& scenario, const std::vector<LiveFault>& recorded,
                                        const std::string& name) {
    if (find_host(scenario, name) || is_added_client(recorded, name)) return std::nullopt;
    return "unknown host " + name;
}

/// A cable of the topology, or two hosts (cut apart by a firewall rule), as the loader takes.
bool is_link(const scenarios::Scenario& scenario, const std::vector<LiveFault>& recorded, const std::string& a,
             const std::string& b) {
    if (a == b) return false;
    if (!unknown_host(scenario, recorded, a) && !unknown_host(scenario, recorded, b)) return true;
    const auto& links = scenario.network.links;
    return std::any_of(links.begin(), links.end(),
                       [&](const auto& l) { return (l.a == a && l.b == b) || (l.a == b && l.b == a); });
}

/// Two liveness faults on one host at one instant: the scenario loader refuses them.
std::optional<std::string> same_instant(const LiveFault& fault, const scenarios::Scenario& scenario,
                                        const std::vector<LiveFault>& recorded) {
    const scenarios::FaultSpec& spec = *fault.fault();
    if (!changes_liveness(spec.kind)) return std::nullopt;
    const std::string host = fault.host();
    bool clash = std::any_of(recorded.begin(), recorded.end(), [&](const LiveFault& other) {
        return other.fault() && changes_liveness(other.fault()->kind) && other.host() == host &&
               other.at.time == fault.at.time;
    });
    for (const auto& f : scenario.faults) {
        clash = clash || (changes_liveness(f.kind) && !f.when && f.target.kind == scenarios::TargetKind::host &&
                          f.target.host == host && f.at == fault.at.time);
    }
    if (!clash) return std::nullopt;
    return "another crash or restart of " + host +
           " happens at this very instant; step on first (a scenario file could not order the two)";
}

std::optional<std::string> partition_refusal(const scenarios::FaultSpec& fault, const scenarios::Scenario& scenario,
                                             const std::vector<LiveFault>& recorded) {
    std::set<std::string> seen;
    for (const auto& group : fault.groups) {
        for (const auto& member : group) {
            if (auto why = unknown_host(scenario, recorded, member.host)) return why;
            if (!seen.insert(member.host).second) return member.host + " is on both sides of the partition";
        }
    }
    if (seen.empty()) return "pick the hosts of at least one side of the partition";
    return std::nullopt;
}

/// A console line must be one of the tools scenario steps run, and parse as one.
std::optional<std::string> command_refusal(const ConsoleCommand& command) {
    auto parsed = scenarios::parse_cli_command(command.run);
    if (!parsed) return parsed.error ? parsed.error->message : "cannot parse the command";
    if (!command.input.empty() && !std::holds_alternative<scenarios::ConsoleProducerCommand>(*parsed.command)) {
        return "input lines are typed into kafka-console-producer only";
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> refusal(const LiveFault& fault, const scenarios::Scenario& scenario,
                                   const std::vector<LiveFault>& recorded) {
    if (const auto* command = fault.console_command()) return command_refusal(*command);
    if (fault.adds_client()) {
        // The entry itself is checked as the loader checks it (scenarios/spec/joining_client.h).
        if (!unknown_host(scenario, recorded, fault.host())) return "a host named " + fault.host() + " exists already";
        return std::nullopt;
    }
    const scenarios::FaultSpec& spec = *fault.fault();
    switch (spec.kind) {
        case scenarios::FaultKind::heal: return std::nullopt;
        case scenarios::FaultKind::partition: return partition_refusal(spec, scenario, recorded);
        case scenarios::FaultKind::cut:
        case scenarios::FaultKind::restore:
            if (spec.link.size() == 2 && is_link(scenario, recorded, spec.link[0], spec.link[1])) return std::nullopt;
            return "there is no link between " + spec.link.at(0) + " and " + spec.link.at(1);
        case scenarios::FaultKind::pause:
            if (auto why = unknown_host(scenario, recorded, spec.target.host)) return why;
            if (spec.for_duration.value_or(sim::Duration{0}) <= sim::Duration{0}) return "a pause needs a duration";
            return std::nullopt;
        case scenarios::FaultKind::power_loss: {
            const auto* host = find_host(scenario, spec.target.host);
            bool client = is_added_client(recorded, spec.target.host) ||
                          (host && host->kind != scenarios::HostKind::broker && host->kind != scenarios::HostKind::zookeeper);
            if (client) {
                return "power loss hits brokers and ZooKeeper nodes (it loses unflushed data); " + spec.target.host +
                       " is a client: crash it";
            }
            break;
        }
        default: break;
    }
    if (auto why = unknown_host(scenario, recorded, spec.target.host)) return why;
    return same_instant(fault, scenario, recorded);
}

}  // namespace kafkalab::viz
