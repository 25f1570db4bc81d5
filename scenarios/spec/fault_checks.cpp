#include "scenarios/spec/fault_checks.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace kafkalab::scenarios::detail {
namespace {

/// The fault's name in a file, for messages: "power-loss".
std::string verb(FaultKind kind) { return std::string(to_string(kind)); }

std::string link_name(const std::vector<std::string>& link) {
    auto ends = link;
    std::sort(ends.begin(), ends.end());
    return ends[0] + " - " + ends[1];
}

/// What is known about hosts and links at the point of the timeline being replayed.
struct Timeline {
    std::map<std::string, const FaultSpec*> down;  // host → the fault that took it down
    std::set<std::string> cut_links;
    bool partitioned = false;
    /// Hosts that a fault resolved only at run time (leader-of, controller, or one
    /// with `when:`) may have taken down; restarting them is not suspicious.
    std::set<std::string> maybe_down;
    bool any_broker_maybe_down = false;
};

bool is_broker(const Scenario& s, std::string_view host) { return s.find_broker(host) != nullptr; }

void replay_host_fault(Context& ctx, const FaultSpec& f, const std::string& host, Timeline& t) {
    auto down = t.down.find(host);
    auto at = sim::format_duration(f.at);
    auto warn = [&](std::string message) { ctx.sink.warning(f.position.line, f.position.column, std::move(message)); };
    if (f.kind == FaultKind::restart) {
        bool maybe = t.maybe_down.count(host) || (t.any_broker_maybe_down && is_broker(ctx.scenario, host));
        if (down == t.down.end() && !maybe) warn("restart of " + host + " at " + at + ", but it is running then");
        t.down.erase(host);
        return;
    }
    if (down != t.down.end()) {
        warn(std::string(verb(f.kind)) + " of " + host + " at " + at + ", but it is already down (" +
             verb(down->second->kind) + " at " + sim::format_duration(down->second->at) + ", line " +
             std::to_string(down->second->position.line) + ")");
        return;
    }
    if (f.kind != FaultKind::pause) t.down[host] = &f;
}

void replay_network_fault(Context& ctx, const FaultSpec& f, Timeline& t) {
    auto warn = [&](std::string message) { ctx.sink.warning(f.position.line, f.position.column, std::move(message)); };
    if (f.kind == FaultKind::partition) {
        t.partitioned = true;
    } else if (f.kind == FaultKind::heal) {
        if (!t.partitioned && t.cut_links.empty()) warn("heal at " + sim::format_duration(f.at) + ", but nothing is partitioned or cut then");
        t.partitioned = false;
        t.cut_links.clear();
    } else if (f.kind == FaultKind::cut) {
        if (!t.cut_links.insert(link_name(f.link)).second) warn("cut of " + link_name(f.link) + ", but it is already cut");
    } else if (f.kind == FaultKind::restore) {
        if (!t.cut_links.erase(link_name(f.link))) warn("restore of " + link_name(f.link) + ", but it is not cut then");
    }
}

bool reshapes_network(FaultKind kind) { return kind == FaultKind::partition || kind == FaultKind::heal; }
bool toggles_link(FaultKind kind) { return kind == FaultKind::cut || kind == FaultKind::restore; }

/// What two faults at one instant both decide, when the one applied last would win:
/// the host, "" for the whole network's partitioning, the link; nothing when they
/// do not contradict.
std::optional<std::string> contested(const FaultSpec& a, const FaultSpec& b) {
    if (changes_liveness(a.kind) && changes_liveness(b.kind)) {
        const auto b_hosts = b.target.named_hosts();
        for (const auto& host : a.target.named_hosts()) {
            if (std::find(b_hosts.begin(), b_hosts.end(), host) != b_hosts.end()) return host;
        }
    }
    // Two partitions, or a partition and a heal: the groups in force depend on file order.
    if (reshapes_network(a.kind) && reshapes_network(b.kind) && (a.kind == FaultKind::partition || b.kind == FaultKind::partition)) {
        return "";
    }
    if (toggles_link(a.kind) && toggles_link(b.kind) && a.kind != b.kind && a.link.size() == 2 && b.link.size() == 2 &&
        link_name(a.link) == link_name(b.link)) {
        return link_name(a.link);
    }
    // A heal restores every cut link too, so a cut at its instant may or may not last.
    const FaultSpec* cut = a.kind == FaultKind::cut ? &a : b.kind == FaultKind::cut ? &b : nullptr;
    if (cut && cut->link.size() == 2 && (a.kind == FaultKind::heal || b.kind == FaultKind::heal)) return link_name(cut->link);
    return std::nullopt;
}

/// Two faults at one instant that undo or override each other contradict: which one
/// the run applies last would be an accident of their order in the file.
void check_same_instant(Context& ctx, const std::vector<const FaultSpec*>& timed) {
    for (std::size_t i = 0; i < timed.size(); ++i) {
        for (std::size_t j = i + 1; j < timed.size() && timed[j]->at == timed[i]->at; ++j) {
            const FaultSpec& a = *timed[i];
            const FaultSpec& b = *timed[j];
            auto what = contested(a, b);
            if (!what) continue;
            ctx.sink.error(b.position.line, b.position.column,
                           std::string("contradictory faults: ") + verb(a.kind) + " (line " +
                               std::to_string(a.position.line) + ") and " + verb(b.kind) +
                               (what->empty() ? "" : " of " + *what) + " both at " + sim::format_duration(b.at));
        }
    }
}

}  // namespace

void check_fault_timeline(Context& ctx) {
    std::vector<const FaultSpec*> timed;
    for (const auto& f : ctx.scenario.faults) {
        if (!f.when) timed.push_back(&f);
    }
    // stable_sort keeps file order among faults at the same instant, as the runner does.
    std::stable_sort(timed.begin(), timed.end(), [](const FaultSpec* a, const FaultSpec* b) { return a->at < b->at; });
    check_same_instant(ctx, timed);
    Timeline t;
    for (const auto& f : ctx.scenario.faults) {
        if (!changes_liveness(f.kind) || f.kind == FaultKind::restart) continue;
        const auto named = f.target.named_hosts();
        if (f.when) t.maybe_down.insert(named.begin(), named.end());
        if (named.empty()) t.any_broker_maybe_down = true;
    }
    for (const FaultSpec* f : timed) {
        std::vector<std::string> named = f->target.named_hosts();
        std::erase(named, std::string());
        if ((changes_liveness(f->kind) || f->kind == FaultKind::pause) && !named.empty()) {
            for (const auto& host : named) replay_host_fault(ctx, *f, host, t);
        } else {
            replay_network_fault(ctx, *f, t);
        }
    }
}

}  // namespace kafkalab::scenarios::detail
