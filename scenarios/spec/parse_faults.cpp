// `faults:` — what breaks, when, and for how long.
#include <algorithm>
#include <array>

#include "broker_model/config/did_you_mean.h"
#include "scenarios/spec/fault_checks.h"
#include "scenarios/spec/names.h"
#include "scenarios/spec/parse_parts.h"
#include "scenarios/spec/quantities.h"

namespace kafkalab::scenarios::detail {
namespace {


bool is_client(const Scenario& s, std::string_view host) {
    const HostSpec* h = find_host(s, host);
    return h && (h->kind == HostKind::producer || h->kind == HostKind::consumer);
}

std::optional<FaultCondition> read_condition(Context& ctx, const YAML::Node& node) {
    if (!is_map(ctx, node, "when")) return std::nullopt;
    Fields f(ctx, node, "in when", {"isr-shrinks", "isr-expands", "leader-changes", "acknowledged-records"});
    if (node.size() != 1) {
        error_at(ctx, node, "when takes one condition: isr-shrinks, isr-expands, leader-changes or acknowledged-records");
        return std::nullopt;
    }
    FaultCondition c;
    for (auto [key, kind] : {std::pair{"isr-shrinks", ConditionKind::isr_shrinks},
                             std::pair{"isr-expands", ConditionKind::isr_expands},
                             std::pair{"leader-changes", ConditionKind::leader_changes}}) {
        if (const auto* n = f.find(key)) {
            auto tp = read_partition(ctx, *n, key);
            if (!tp) return std::nullopt;
            c.kind = kind;
            c.partition = *tp;
            return c;
        }
    }
    if (const auto* n = f.find("acknowledged-records")) {
        c.kind = ConditionKind::acknowledged_records;
        // `details` outlives `count`, which may point into it.
        std::optional<Fields> details;
        const YAML::Node* count = n;
        if (n->IsMap()) {
            details.emplace(ctx, *n, "in acknowledged-records", std::initializer_list<std::string_view>{"count", "topic"});
            count = details->find("count");
            if (const auto* t = details->find("topic")) c.topic = read_string(ctx, *t, "topic").value_or("");
            if (!c.topic.empty() && !check_client_topic(ctx, *details->find("topic"), c.topic)) return std::nullopt;
            if (!count) {
                error_at(ctx, *n, "acknowledged-records needs count");
                return std::nullopt;
            }
        }
        auto records = read_integer(ctx, *count, "acknowledged-records", 1, INT64_MAX);
        if (!records) return std::nullopt;
        c.records = *records;
        return c;
    }
    return std::nullopt;
}

/// Two names joined by a link of the topology, or two hosts (cut apart by a firewall
/// rule between them, the way Jepsen isolates a leader from its followers only).
bool read_link(Context& ctx, const YAML::Node& node, std::string_view what, std::vector<std::string>& link) {
    auto ends = read_string_list(ctx, node, what);
    if (!ends || ends->size() != 2) {
        if (ends) error_at(ctx, node, std::string(what) + " must name a link as [a, b]; found " + describe(node));
        return false;
    }
    const auto& links = ctx.scenario.network.links;
    bool exists = std::any_of(links.begin(), links.end(), [&](const LinkEntry& l) {
        return (l.a == (*ends)[0] && l.b == (*ends)[1]) || (l.a == (*ends)[1] && l.b == (*ends)[0]);
    });
    const auto& hosts = ctx.scenario.network.hosts;
    auto is_host = [&](const std::string& name) {
        return std::any_of(hosts.begin(), hosts.end(), [&](const HostSpec& h) { return h.name == name; });
    };
    exists = exists || (is_host((*ends)[0]) && is_host((*ends)[1]) && (*ends)[0] != (*ends)[1]);
    if (!exists) {
        error_at(ctx, node, "there is no link between '" + (*ends)[0] + "' and '" + (*ends)[1] +
                                "'; hosts link to their rack's switch (\"" +
                                (ctx.scenario.network.switches.empty() ? std::string("switch")
                                                                       : ctx.scenario.network.switches.front()) +
                                "\"), and racks link to each other");
        return false;
    }
    link = std::move(*ends);
    return true;
}

bool read_groups(Context& ctx, const YAML::Node& node, FaultSpec& fault) {
    if (!is_map(ctx, node, "partition")) return false;
    Fields f(ctx, node, "in partition", {"groups"});
    const YAML::Node* groups = f.find("groups");
    if (!groups || !groups->IsSequence() || groups->size() == 0) {
        error_at(ctx, groups ? *groups : node, "partition needs groups: [[hosts...], [hosts...]]; hosts named in no "
                                               "group form one more group");
        return false;
    }
    std::vector<std::string> seen;
    for (const auto& group : *groups) {
        if (!is_list(ctx, group, "a partition group")) return false;
        std::vector<FaultTarget> members;
        for (const auto& member : group) {
            auto target = read_target(ctx, member, "a partition group member");
            if (!target) return false;
            if (std::find(seen.begin(), seen.end(), target->written) != seen.end()) {
                error_at(ctx, member, "'" + target->written + "' is in two partition groups");
                return false;
            }
            seen.push_back(target->written);
            members.push_back(std::move(*target));
        }
        fault.groups.push_back(std::move(members));
    }
    return true;
}

bool read_action_target(Context& ctx, const YAML::Node& value, std::string_view key, FaultSpec& fault) {
    switch (fault.kind) {
        case FaultKind::partition: return read_groups(ctx, value, fault);
        case FaultKind::heal:
            if (value.IsScalar() && value.Scalar() == "all") return true;
            error_at(ctx, value, "heal takes 'all' (it ends every partition and restores every cut link); found " +
                                     describe(value));
            return false;
        case FaultKind::cut:
        case FaultKind::restore: return read_link(ctx, value, key, fault.link);
        case FaultKind::slow:
        case FaultKind::lossy:
            if (value.IsSequence()) return read_link(ctx, value, key, fault.link);
            break;
        default: break;
    }
    auto target = read_target(ctx, value, key);
    if (!target) return false;
    // A rack's power feed takes its clients down too; a host or a list is named on purpose.
    const bool rack = target->kind == TargetKind::hosts && !value.IsSequence();
    for (const auto& host : target->named_hosts()) {
        if (fault.kind != FaultKind::power_loss || rack || !is_client(ctx.scenario, host)) continue;
        error_at(ctx, value, "power-loss hits brokers and ZooKeeper nodes (it loses unflushed data); '" + host +
                                 "' is a client: use crash");
        return false;
    }
    fault.target = std::move(*target);
    return true;
}

void read_modifiers(Context& ctx, const Fields& f, const YAML::Node& entry, FaultSpec& fault) {
    bool timed = fault.kind == FaultKind::pause || fault.kind == FaultKind::slow || fault.kind == FaultKind::lossy;
    auto refuse = [&](std::string_view key, std::string_view for_what) {
        if (f.key_node(key)) error_at(ctx, *f.key_node(key), std::string(key) + " applies only to " + std::string(for_what));
    };
    if (!timed) refuse("for", "pause, slow and lossy");
    if (fault.kind != FaultKind::slow) {
        refuse("latency", "slow");
        refuse("jitter", "slow");
    }
    if (fault.kind != FaultKind::lossy) refuse("loss", "lossy");
    if (timed) {
        if (const auto* n = f.find("for")) fault.for_duration = read_duration(ctx, *n, "for");
        if (fault.kind == FaultKind::pause && !f.has("for")) error_at(ctx, entry, "pause needs for: how long the process is frozen");
        if (fault.for_duration && !fault.when && ctx.duration_known && fault.at + *fault.for_duration > ctx.scenario.duration) {
            warning_at(ctx, *f.find("for"), "this lasts past the end of the run (" +
                                                sim::format_duration(ctx.scenario.duration) + ")");
        }
    }
    if (fault.kind == FaultKind::slow) {
        if (const auto* n = f.find("latency")) fault.added_latency = read_duration(ctx, *n, "latency", true).value_or(Duration{0});
        if (const auto* n = f.find("jitter")) fault.added_jitter = read_duration(ctx, *n, "jitter", true).value_or(Duration{0});
        if (!f.has("latency") && !f.has("jitter")) error_at(ctx, entry, "slow needs latency or jitter to add");
    }
    if (fault.kind == FaultKind::lossy) {
        const YAML::Node* n = f.find("loss");
        auto p = n && n->IsScalar() ? parse_probability(n->Scalar()) : std::nullopt;
        if (!p || *p == 0) {
            error_at(ctx, n ? *n : entry, "lossy needs loss: a probability above 0, such as 0.1 or 10%");
        } else {
            fault.loss_probability = *p;
        }
    }
}

void parse_fault(Context& ctx, const YAML::Node& entry) {
    if (!is_map(ctx, entry, "a fault")) return;
    std::vector<std::string_view> keys{"at", "when"};
    for (const auto& [name, kind] : fault_kind_names) keys.push_back(name);
    keys.insert(keys.end(), {"for", "latency", "jitter", "loss"});
    Fields f(ctx, entry, "in a fault", std::move(keys));
    FaultSpec fault;
    fault.position = position_of(entry);
    const std::pair<std::string_view, FaultKind>* action = nullptr;
    for (const auto& a : fault_kind_names) {
        if (!f.has(a.first)) continue;
        if (action) {
            error_at(ctx, *f.key_node(a.first), "one fault per entry: this one already says " + std::string(action->first));
            return;
        }
        action = &a;
    }
    if (!action) {
        std::string listed;
        for (std::size_t i = 0; i < fault_kind_names.size(); ++i) {
            listed += (i == 0 ? "" : i + 1 == fault_kind_names.size() ? " or " : ", ") + std::string(fault_kind_names[i].first);
        }
        error_at(ctx, entry, "a fault needs one action: " + listed);
        return;
    }
    fault.kind = action->second;
    if (const auto* n = f.find("when")) fault.when = read_condition(ctx, *n);
    if (const auto* n = f.find("at")) {
        // A time that did not read is reported once: replaying the fault at 0s would
        // add false warnings about what happens then.
        auto at = read_time(ctx, *n, "at");
        if (!at) return;
        fault.at = *at;
    } else if (!f.has("when")) {
        error_at(ctx, entry, "a fault needs at: (a time) or when: (a condition)");
    }
    if (!read_action_target(ctx, *f.find(action->first), action->first, fault)) return;
    read_modifiers(ctx, f, entry, fault);
    ctx.scenario.faults.push_back(std::move(fault));
}

}  // namespace

void parse_faults(Context& ctx, const YAML::Node& node) {
    if (!is_list_of_at_most(ctx, node, "faults", 10000)) return;
    for (const auto& entry : node) {
        if (ctx.sink.full()) return;
        parse_fault(ctx, entry);
    }
    check_fault_timeline(ctx);
}

}  // namespace kafkalab::scenarios::detail
