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
    return std::any_of(recorded.begin(), recorded.end(), [&](const LiveFault& f) { return f.adds_client() && f.host == name; });
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
    if (!changes_liveness(fault.kind)) return std::nullopt;
    bool clash = std::any_of(recorded.begin(), recorded.end(), [&](const LiveFault& other) {
        return changes_liveness(other.kind) && other.host == fault.host && other.at.time == fault.at.time;
    });
    for (const auto& f : scenario.faults) {
        bool liveness = f.kind == scenarios::FaultKind::crash || f.kind == scenarios::FaultKind::restart ||
                        f.kind == scenarios::FaultKind::stop || f.kind == scenarios::FaultKind::power_loss;
        clash = clash || (liveness && !f.when && f.target.kind == scenarios::TargetKind::host &&
                          f.target.host == fault.host && f.at == fault.at.time);
    }
    if (!clash) return std::nullopt;
    return "another crash or restart of " + fault.host +
           " happens at this very instant; step on first (a scenario file could not order the two)";
}

std::optional<std::string> partition_refusal(const LiveFault& fault, const scenarios::Scenario& scenario,
                                             const std::vector<LiveFault>& recorded) {
    std::set<std::string> seen;
    for (const auto& group : fault.groups) {
        for (const auto& host : group) {
            if (auto why = unknown_host(scenario, recorded, host)) return why;
            if (!seen.insert(host).second) return host + " is on both sides of the partition";
        }
    }
    if (seen.empty()) return "pick the hosts of at least one side of the partition";
    return std::nullopt;
}

/// A console line must be one of the tools scenario steps run, and parse as one.
std::optional<std::string> command_refusal(const LiveFault& fault) {
    auto parsed = scenarios::parse_cli_command(fault.run);
    if (!parsed) return parsed.error ? parsed.error->message : "cannot parse the command";
    if (!fault.input.empty() && !std::holds_alternative<scenarios::ConsoleProducerCommand>(*parsed.command)) {
        return "input lines are typed into kafka-console-producer only";
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> refusal(const LiveFault& fault, const scenarios::Scenario& scenario,
                                   const std::vector<LiveFault>& recorded) {
    switch (fault.kind) {
        case LiveFaultKind::heal: return std::nullopt;
        case LiveFaultKind::command: return command_refusal(fault);
        case LiveFaultKind::partition: return partition_refusal(fault, scenario, recorded);
        case LiveFaultKind::add_producer:
        case LiveFaultKind::add_consumer:
            // The scenario loader checks the entry itself (LabSession::inject).
            if (!unknown_host(scenario, recorded, fault.host)) return "a host named " + fault.host + " exists already";
            return std::nullopt;
        case LiveFaultKind::cut:
        case LiveFaultKind::restore:
            if (is_link(scenario, recorded, fault.host, fault.peer)) return std::nullopt;
            return "there is no link between " + fault.host + " and " + fault.peer;
        case LiveFaultKind::pause:
            if (auto why = unknown_host(scenario, recorded, fault.host)) return why;
            if (fault.for_duration <= sim::Duration{0}) return "a pause needs a duration";
            return std::nullopt;
        case LiveFaultKind::power_loss: {
            const auto* host = find_host(scenario, fault.host);
            bool client = is_added_client(recorded, fault.host) ||
                          (host && host->kind != scenarios::HostKind::broker && host->kind != scenarios::HostKind::zookeeper);
            if (client) {
                return "power loss hits brokers and ZooKeeper nodes (it loses unflushed data); " + fault.host +
                       " is a client: crash it";
            }
            break;
        }
        default: break;
    }
    if (auto why = unknown_host(scenario, recorded, fault.host)) return why;
    return same_instant(fault, scenario, recorded);
}

}  // namespace kafkalab::viz
