#include "scenarios/spec/fault_yaml.h"

namespace kafkalab::scenarios {
namespace {

/// As the file named it: a host, "leader-of payments-0", "controller", a rack, or a
/// list of hosts.
void emit_target(YAML::Emitter& out, const FaultTarget& target) {
    if (target.kind == TargetKind::hosts && target.rack.empty()) {
        out << YAML::Flow << target.hosts;
        return;
    }
    out << (target.written.empty() ? target.host : target.written);
}

void emit_link(YAML::Emitter& out, const std::vector<std::string>& link) { out << YAML::Flow << link; }

}  // namespace

void emit_fault(YAML::Emitter& out, const FaultSpec& f) {
    out << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "at" << YAML::Value << sim::format_duration(f.at);
    out << YAML::Key << std::string(to_string(f.kind)) << YAML::Value;
    switch (f.kind) {
        case FaultKind::partition:
            out << YAML::BeginMap << YAML::Key << "groups" << YAML::Value << YAML::BeginSeq;
            for (const auto& group : f.groups) {
                out << YAML::BeginSeq;
                for (const auto& member : group) emit_target(out, member);
                out << YAML::EndSeq;
            }
            out << YAML::EndSeq << YAML::EndMap;
            break;
        case FaultKind::heal: out << "all"; break;
        case FaultKind::cut:
        case FaultKind::restore: emit_link(out, f.link); break;
        case FaultKind::slow:
        case FaultKind::lossy:
            if (f.link.size() == 2) {
                emit_link(out, f.link);
            } else {
                emit_target(out, f.target);
            }
            break;
        default: emit_target(out, f.target); break;
    }
    if (f.kind == FaultKind::slow) {
        out << YAML::Key << "latency" << YAML::Value << sim::format_duration(f.added_latency);
        out << YAML::Key << "jitter" << YAML::Value << sim::format_duration(f.added_jitter);
    }
    if (f.kind == FaultKind::lossy) out << YAML::Key << "loss" << YAML::Value << std::to_string(f.loss_probability);
    if (f.for_duration) out << YAML::Key << "for" << YAML::Value << sim::format_duration(*f.for_duration);
    out << YAML::EndMap;
}

std::string fault_to_yaml(const FaultSpec& fault) {
    YAML::Emitter out;
    emit_fault(out, fault);
    return out.c_str();
}

}  // namespace kafkalab::scenarios
