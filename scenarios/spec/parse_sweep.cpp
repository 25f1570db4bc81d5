// `sweep:` — which faults a random schedule may draw, how many, when and whom.
#include "scenarios/spec/parse_sweep.h"

#include <algorithm>
#include <array>

#include "broker_model/config/did_you_mean.h"
#include "scenarios/spec/names.h"
#include "scenarios/spec/quantities.h"

namespace kafkalab::scenarios::detail {
namespace {

constexpr std::int64_t most_episodes = 100;

template <class Kind>
struct Named {
    std::string_view name;
    Kind kind;
};
/// The names of sweep_episode_kinds, from the one fault vocabulary (fault.h).
constexpr auto fault_names = [] {
    std::array<Named<FaultKind>, sweep_episode_kinds.size()> names{};
    for (std::size_t i = 0; i < names.size(); ++i) names[i] = {to_string(sweep_episode_kinds[i]), sweep_episode_kinds[i]};
    return names;
}();
constexpr std::array<Named<SweepShareKind>, 4> share_names{{
    {"lost-acknowledged-records", SweepShareKind::lost_acknowledged_records},
    {"duplicate-records", SweepShareKind::duplicate_records},
    {"reordered-records", SweepShareKind::reordered_records},
    {"failed-runs", SweepShareKind::failed_runs},
}};

template <class Kind, std::size_t N>
std::optional<Kind> read_name(Context& ctx, const YAML::Node& node, const std::array<Named<Kind>, N>& names,
                              std::string_view what) {
    std::vector<std::string_view> candidates;
    for (const auto& n : names) {
        if (node.IsScalar() && node.Scalar() == n.name) return n.kind;
        candidates.push_back(n.name);
    }
    std::string listed;
    for (auto c : candidates) listed += (listed.empty() ? "" : ", ") + std::string(c);
    std::string found = node.IsScalar() ? node.Scalar() : "";
    error_at(ctx, node, std::string(what) + " must be one of " + listed + "; found " + describe(node) +
                            (found.empty() ? "" : kafka::did_you_mean(kafka::closest_match(found, candidates))));
    return std::nullopt;
}

/// `key: N` or `key: {min: A, max: B}`, each end read by `read_one`; min <= max.
template <class T, class ReadOne>
void read_range(Context& ctx, const YAML::Node& node, std::string_view key, T& low, T& high, ReadOne read_one) {
    if (!node.IsMap()) {
        if (auto v = read_one(node, key)) low = high = *v;
        return;
    }
    Fields f(ctx, node, "in " + std::string(key), {"min", "max"});
    if (!f.has("min") && !f.has("max")) error_at(ctx, node, std::string(key) + " needs min and/or max");
    if (const auto* n = f.find("min")) low = read_one(*n, "min").value_or(low);
    if (const auto* n = f.find("max")) high = read_one(*n, "max").value_or(high);
    if (low > high) error_at(ctx, node, std::string(key) + ": min is larger than max");
}

void read_fault_kinds(Context& ctx, const YAML::Node& node, SweepSpec& sweep) {
    if (!is_list_of_at_most(ctx, node, "faults", fault_names.size())) return;
    if (node.size() == 0) {
        std::string listed;
        for (const auto& n : fault_names) listed += (listed.empty() ? "" : ", ") + std::string(n.name);
        error_at(ctx, node, "faults needs at least one of " + listed);
        return;
    }
    sweep.faults.clear();
    for (const auto& entry : node) {
        auto kind = read_name(ctx, entry, fault_names, "a sweep fault");
        if (!kind) continue;
        if (std::find(sweep.faults.begin(), sweep.faults.end(), *kind) != sweep.faults.end()) {
            error_at(ctx, entry, "'" + entry.Scalar() + "' is listed twice");
            continue;
        }
        sweep.faults.push_back(*kind);
    }
}

void read_hosts(Context& ctx, const YAML::Node& node, SweepSpec& sweep) {
    if (!is_list_of_at_most(ctx, node, "hosts", 1000)) return;
    sweep.hosts.clear();
    for (const auto& entry : node) {
        auto name = read_string(ctx, entry, "a host");
        if (!name) continue;
        if (!find_host(ctx.scenario, *name)) {
            error_at(ctx, entry, unknown_host_message(ctx.scenario, *name));
        } else if (std::find(sweep.hosts.begin(), sweep.hosts.end(), *name) != sweep.hosts.end()) {
            error_at(ctx, entry, "'" + *name + "' is listed twice");
        } else {
            sweep.hosts.push_back(*name);
        }
    }
    if (node.size() == 0) error_at(ctx, node, "hosts needs at least one host");
}

void read_window(Context& ctx, const YAML::Node& node, SweepSpec& sweep) {
    if (!is_map(ctx, node, "window")) return;
    Fields f(ctx, node, "in window", {"from", "to"});
    if (const auto* n = f.find("from")) sweep.window_start = read_time(ctx, *n, "from").value_or(sweep.window_start);
    if (const auto* n = f.find("to")) sweep.window_stop = read_time(ctx, *n, "to").value_or(sweep.window_stop);
    if (sweep.window_start >= sweep.window_stop) error_at(ctx, node, "window: from must come before to");
}

void read_expectations(Context& ctx, const YAML::Node& node, SweepSpec& sweep) {
    if (!is_list_of_at_most(ctx, node, "expect", 100)) return;
    for (const auto& entry : node) {
        if (!entry.IsMap() || entry.size() != 1) {
            error_at(ctx, entry, "a sweep expectation is one name and its share, such as "
                                 "{lost-acknowledged-records: {min: 20%}}; found " + describe(entry));
            continue;
        }
        const YAML::Node name = entry.begin()->first;
        const YAML::Node bounds = entry.begin()->second;
        auto kind = read_name(ctx, name, share_names, "a sweep expectation");
        if (!kind || !is_map(ctx, bounds, name.Scalar())) continue;
        SweepShareExpectation e;
        e.kind = *kind;
        e.position = position_of(entry);
        Fields f(ctx, bounds, "in " + name.Scalar(), {"min", "max"});
        auto share = [&](const char* key) -> std::optional<double> {
            const YAML::Node* n = f.find(key);
            if (!n) return std::nullopt;
            auto p = n->IsScalar() ? parse_probability(n->Scalar()) : std::nullopt;
            if (!p) error_at(ctx, *n, std::string(key) + " must be a share of the runs, such as 20% or 0.2; found " + describe(*n));
            return p;
        };
        e.min = share("min");
        e.max = share("max");
        if (!f.has("min") && !f.has("max")) error_at(ctx, bounds, name.Scalar() + " needs min and/or max");
        if (e.min && e.max && *e.min > *e.max) error_at(ctx, bounds, "min is larger than max");
        sweep.expect.push_back(e);
    }
}

void set_defaults(Context& ctx) {
    SweepSpec& sweep = ctx.scenario.sweep;
    sweep.window_start = ctx.scenario.duration / 10;
    sweep.window_stop = ctx.scenario.duration * 2 / 3;
    sweep.hosts.clear();
    for (const auto& b : ctx.scenario.cluster.brokers) sweep.hosts.push_back(b.host);
}

bool is_client(const Scenario& s, const std::string& host) {
    const HostSpec* h = find_host(s, host);
    return h && (h->kind == HostKind::producer || h->kind == HostKind::consumer);
}

/// Checks that need every key: the schedule must fit the window, and the hosts the
/// chosen kinds hit.
void check_sweep(Context& ctx, const YAML::Node& node) {
    const SweepSpec& sweep = ctx.scenario.sweep;
    const Duration window = sweep.window_stop - sweep.window_start;
    if (window > Duration{0} && sweep.lasts_min + sweep.min_gap * std::max(sweep.count_max - 1, 0) > window) {
        error_at(ctx, node, "count " + std::to_string(sweep.count_max) + " episodes lasting at least " +
                                sim::format_duration(sweep.lasts_min) + ", " + sim::format_duration(sweep.min_gap) +
                                " apart, do not fit in the window of " + sim::format_duration(window));
    }
    if (sweep.hosts_per_fault_max > static_cast<std::int32_t>(sweep.hosts.size()) && !sweep.hosts.empty()) {
        error_at(ctx, node, "hosts-per-fault may be at most the number of hosts (" +
                                std::to_string(sweep.hosts.size()) + ")");
    }
    bool power_loss = std::find(sweep.faults.begin(), sweep.faults.end(), FaultKind::power_loss) != sweep.faults.end();
    bool any_server = std::any_of(sweep.hosts.begin(), sweep.hosts.end(),
                                  [&](const std::string& h) { return !is_client(ctx.scenario, h); });
    if (power_loss && !any_server) {
        error_at(ctx, node, "power-loss hits brokers and ZooKeeper nodes, and hosts names none");
    }
}

}  // namespace

void parse_sweep(Context& ctx, const YAML::Node* node) {
    set_defaults(ctx);
    if (!node || !is_map(ctx, *node, "sweep")) return;
    SweepSpec& sweep = ctx.scenario.sweep;
    Fields f(ctx, *node, "in sweep",
             {"faults", "count", "hosts-per-fault", "window", "min-gap", "lasts", "latency", "hosts", "expect"});
    auto integer = [&](std::int64_t low, std::int64_t high) {
        return [&ctx, low, high](const YAML::Node& n, std::string_view what) -> std::optional<std::int32_t> {
            auto v = read_integer(ctx, n, what, low, high);
            return v ? std::optional<std::int32_t>(static_cast<std::int32_t>(*v)) : std::nullopt;
        };
    };
    auto duration = [&ctx](const YAML::Node& n, std::string_view what) { return read_duration(ctx, n, what); };
    if (const auto* n = f.find("faults")) read_fault_kinds(ctx, *n, sweep);
    if (const auto* n = f.find("count")) read_range(ctx, *n, "count", sweep.count_min, sweep.count_max, integer(0, most_episodes));
    if (const auto* n = f.find("hosts-per-fault")) {
        read_range(ctx, *n, "hosts-per-fault", sweep.hosts_per_fault_min, sweep.hosts_per_fault_max, integer(1, 1000));
    }
    if (const auto* n = f.find("window")) read_window(ctx, *n, sweep);
    if (const auto* n = f.find("min-gap")) sweep.min_gap = read_duration(ctx, *n, "min-gap", true).value_or(sweep.min_gap);
    if (const auto* n = f.find("lasts")) read_range(ctx, *n, "lasts", sweep.lasts_min, sweep.lasts_max, duration);
    if (const auto* n = f.find("latency")) read_range(ctx, *n, "latency", sweep.latency_min, sweep.latency_max, duration);
    if (const auto* n = f.find("hosts")) read_hosts(ctx, *n, sweep);
    if (const auto* n = f.find("expect")) read_expectations(ctx, *n, sweep);
    check_sweep(ctx, *node);
}

}  // namespace kafkalab::scenarios::detail
