#include "viz/model/live_fault.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "scenarios/spec/fault_yaml.h"

namespace kafkalab::viz {

using scenarios::FaultKind;
using scenarios::FaultSpec;
using scenarios::FaultTarget;

namespace {

LiveFault of(FaultSpec spec) {
    LiveFault fault;
    fault.action = std::move(spec);
    return fault;
}

/// The hosts a fault names, as the status line shows them.
std::string target_text(const FaultTarget& target) { return target.written.empty() ? target.host : target.written; }

}  // namespace

LiveFault LiveFault::on_host(FaultKind kind, std::string host) { return of(FaultSpec::on_host(kind, std::move(host))); }

LiveFault LiveFault::pause(std::string host, sim::Duration for_duration) {
    FaultSpec spec = FaultSpec::on_host(FaultKind::pause, std::move(host));
    spec.for_duration = for_duration;
    return of(std::move(spec));
}

LiveFault LiveFault::partition(const std::vector<std::vector<std::string>>& groups) {
    FaultSpec spec;
    spec.kind = FaultKind::partition;
    for (const auto& group : groups) {
        spec.groups.emplace_back();
        for (const auto& host : group) spec.groups.back().push_back(FaultTarget::named(host));
    }
    return of(std::move(spec));
}

LiveFault LiveFault::heal() {
    FaultSpec spec;
    spec.kind = FaultKind::heal;
    return of(std::move(spec));
}

LiveFault LiveFault::link(FaultKind kind, std::string a, std::string b) {
    return of(FaultSpec::on_link(kind, std::move(a), std::move(b)));
}

LiveFault LiveFault::command(std::string run, std::vector<std::string> input) {
    LiveFault fault;
    fault.action = ConsoleCommand{std::move(run), std::move(input)};
    return fault;
}

LiveFault LiveFault::add_producer(const std::string& name, const std::string& topic, const std::string& acks,
                                  int records_per_second) {
    LiveFault fault;
    fault.action = AddedClient{true, name, topic, acks, records_per_second, ""};
    return fault;
}

LiveFault LiveFault::add_consumer(const std::string& name, const std::string& topic, const std::string& group_id) {
    LiveFault fault;
    fault.action = AddedClient{false, name, topic, "", 0, group_id};
    return fault;
}

std::string LiveFault::host() const {
    if (const auto* c = client()) return c->name;
    const FaultSpec* f = fault();
    if (!f) return "";
    if (f->link.size() == 2) return f->link[0];
    return f->target.host;
}

const char* LiveFault::section() const {
    if (console_command()) return "steps";
    if (const auto* c = client()) return c->producer ? "producers" : "consumers";
    return "faults";
}

void LiveFault::emit(YAML::Emitter& out) const {
    const std::string at_text = sim::format_duration(at.time);
    if (const FaultSpec* f = fault()) {
        FaultSpec timed = *f;
        timed.at = at.time;
        scenarios::emit_fault(out, timed);
        return;
    }
    // Text a class typed is written single-quoted: everything in it is literal.
    out << YAML::Flow << YAML::BeginMap;
    if (const auto* c = console_command()) {
        out << YAML::Key << "at" << YAML::Value << at_text;
        out << YAML::Key << "run" << YAML::Value << YAML::SingleQuoted << c->run;
        if (!c->input.empty()) {
            out << YAML::Key << "input" << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (const auto& typed : c->input) out << YAML::SingleQuoted << typed;
            out << YAML::EndSeq;
        }
    } else if (const auto* c = client()) {
        out << YAML::Key << "name" << YAML::Value << YAML::SingleQuoted << c->name;
        if (c->producer) {
            out << YAML::Key << "topic" << YAML::Value << YAML::SingleQuoted << c->topic;
            out << YAML::Key << "rate" << YAML::Value << fmt::format("{}/s", c->records_per_second);
            out << YAML::Key << "properties" << YAML::Value << YAML::Flow << YAML::BeginMap;
            out << YAML::Key << "acks" << YAML::Value << YAML::SingleQuoted << c->acks << YAML::EndMap;
        } else {
            if (!c->group_id.empty()) out << YAML::Key << "group-id" << YAML::Value << YAML::SingleQuoted << c->group_id;
            out << YAML::Key << "topics" << YAML::Value << YAML::Flow << YAML::BeginSeq << YAML::SingleQuoted
                << c->topic << YAML::EndSeq;
        }
        out << YAML::Key << "start" << YAML::Value << at_text;
    }
    out << YAML::EndMap;
}

std::string LiveFault::to_yaml() const {
    YAML::Emitter out;
    out << YAML::BeginSeq;
    emit(out);
    out << YAML::EndSeq;
    return out.c_str();
}

std::string LiveFault::describe() const {
    if (const auto* c = console_command()) return "$ " + c->run;
    if (const auto* c = client()) return (c->producer ? "add producer " : "add consumer ") + c->name;
    const FaultSpec& f = *fault();
    const std::string kind(scenarios::to_string(f.kind));
    switch (f.kind) {
        case FaultKind::pause:
            return fmt::format("pause {} for {}", f.target.host, sim::format_duration(f.for_duration.value_or(sim::Duration{0})));
        case FaultKind::partition: {
            std::vector<std::string> sides;
            for (const auto& group : f.groups) {
                std::vector<std::string> hosts;
                for (const auto& member : group) hosts.push_back(target_text(member));
                sides.push_back(fmt::format("{}", fmt::join(hosts, " ")));
            }
            return fmt::format("partition {}", fmt::join(sides, " | "));
        }
        case FaultKind::heal: return "heal the network";
        case FaultKind::cut:
        case FaultKind::restore: return fmt::format("{} {} -- {}", kind, f.link.at(0), f.link.at(1));
        default: return fmt::format("{} {}", kind, target_text(f.target));
    }
}

}  // namespace kafkalab::viz
