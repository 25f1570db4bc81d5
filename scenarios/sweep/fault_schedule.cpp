#include "scenarios/sweep/fault_schedule.h"

#include <algorithm>
#include <map>

#include "scenarios/sweep/scripted_faults.h"
#include "sim/random.h"

namespace kafkalab::scenarios {
namespace {

using namespace std::chrono_literals;

/// Times are drawn in whole milliseconds, so that a schedule reads well in a report.
constexpr Duration grain = 1ms;

Duration draw_between(sim::RandomStream& random, Duration low, Duration high) {
    if (high <= low) return low;
    return low + grain * random.between(0, (high - low) / grain);
}

bool is_client(const Scenario& s, const std::string& host) {
    auto named = [&](const auto& clients) {
        return std::any_of(clients.begin(), clients.end(), [&](const auto& c) { return c.name == host; });
    };
    return named(s.producers) || named(s.consumers);
}

/// Who is busy until when while one schedule is drawn.
struct Occupancy {
    std::map<std::string, Duration> host_free_at;
    Duration partition_free_at{0};

    bool host_free(const std::string& host, Duration t) const {
        auto it = host_free_at.find(host);
        return it == host_free_at.end() || it->second <= t;
    }
};

struct Episode {
    FaultKind kind = FaultKind::crash;
    Duration at{0};
    Duration lasts{0};
    std::vector<std::string> hosts;
};

/// The hosts episode `e` may hit, in the order of `sweep.hosts`: free of earlier
/// episodes at its start, and of the scenario's own faults over its whole span.
std::vector<std::string> candidates(const Scenario& s, const Occupancy& busy, const ScriptedFaults& scripted,
                                    const Episode& e) {
    std::vector<std::string> free;
    const Duration from = e.at - s.sweep.min_gap;
    const Duration to = e.at + e.lasts + s.sweep.min_gap;
    if (e.kind == FaultKind::partition && (busy.partition_free_at > e.at || !scripted.network_free(from, to))) {
        return free;
    }
    for (const auto& h : s.sweep.hosts) {
        if (e.kind == FaultKind::power_loss && is_client(s, h)) continue;
        if (busy.host_free(h, e.at) && scripted.host_free(h, from, to)) free.push_back(h);
    }
    return free;
}

/// Draws `how_many` of `pool` without repeats, kept in pool order.
std::vector<std::string> draw_hosts(sim::RandomStream& random, std::vector<std::string> pool, std::int32_t how_many) {
    std::vector<std::string> chosen;
    for (std::int32_t i = 0; i < how_many && !pool.empty(); ++i) {
        auto pick = random.below(pool.size());
        chosen.push_back(pool[pick]);
        pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(pick));
    }
    return chosen;
}

void append_faults(const Episode& e, std::vector<FaultSpec>& out) {
    auto fault = [&](FaultKind kind, Duration at) {
        FaultSpec f;
        f.kind = kind;
        f.at = at;
        return f;
    };
    const Duration end = e.at + e.lasts;
    switch (e.kind) {
        case FaultKind::crash:
        case FaultKind::power_loss: {
            for (const auto& h : e.hosts) {
                FaultSpec f = fault(e.kind, e.at);
                f.target = FaultTarget::named(h);
                out.push_back(f);
            }
            for (const auto& h : e.hosts) {
                FaultSpec f = fault(FaultKind::restart, end);
                f.target = FaultTarget::named(h);
                out.push_back(f);
            }
            break;
        }
        case FaultKind::partition: {
            FaultSpec f = fault(FaultKind::partition, e.at);
            f.groups.emplace_back();
            for (const auto& h : e.hosts) f.groups.back().push_back(FaultTarget::named(h));
            out.push_back(f);
            out.push_back(fault(FaultKind::heal, end));
            break;
        }
        case FaultKind::slow:
        case FaultKind::pause:
            for (const auto& h : e.hosts) {
                FaultSpec f = fault(e.kind, e.at);
                f.target = FaultTarget::named(h);
                f.for_duration = e.lasts;
                out.push_back(f);
            }
            break;
        default: break;  // not one of sweep_episode_kinds: the loader refuses it
    }
}

}  // namespace

std::vector<FaultSpec> random_faults(const Scenario& scenario, std::uint64_t seed) {
    const SweepSpec& sweep = scenario.sweep;
    auto random = sim::RandomStream::derive(seed, "sweep-faults");
    const auto count = static_cast<std::int32_t>(random.between(sweep.count_min, sweep.count_max));
    Occupancy busy;
    const ScriptedFaults scripted(scenario);
    std::vector<Episode> episodes;
    Duration cursor = sweep.window_start;
    for (std::int32_t i = 0; i < count; ++i) {
        // The latest start that still leaves room for the episodes after this one;
        // each start is drawn from its fair share of the time that is left.
        const std::int32_t remaining = count - i;
        const Duration latest = sweep.window_stop - sweep.lasts_min - sweep.min_gap * (remaining - 1);
        if (latest < cursor) break;
        Episode e;
        e.at = draw_between(random, cursor, cursor + (latest - cursor) / remaining);
        e.lasts = draw_between(random, sweep.lasts_min, std::min(sweep.lasts_max, sweep.window_stop - e.at));
        e.kind = sweep.faults[random.below(sweep.faults.size())];
        auto how_many = static_cast<std::int32_t>(random.between(sweep.hosts_per_fault_min, sweep.hosts_per_fault_max));
        e.hosts = draw_hosts(random, candidates(scenario, busy, scripted, e), how_many);
        cursor = e.at + sweep.min_gap;
        if (e.hosts.empty()) continue;
        for (const auto& h : e.hosts) busy.host_free_at[h] = e.at + e.lasts + sweep.min_gap;
        if (e.kind == FaultKind::partition) busy.partition_free_at = e.at + e.lasts + sweep.min_gap;
        episodes.push_back(std::move(e));
    }
    std::vector<FaultSpec> faults;
    for (const auto& e : episodes) {
        append_faults(e, faults);
        if (e.kind == FaultKind::slow) {
            // Latencies are drawn after every episode, so they never shift an episode's draws.
            const Duration latency = draw_between(random, sweep.latency_min, sweep.latency_max);
            for (auto it = faults.end() - static_cast<std::ptrdiff_t>(e.hosts.size()); it != faults.end(); ++it) {
                it->added_latency = latency;
                it->added_jitter = latency / 4;
            }
        }
    }
    std::stable_sort(faults.begin(), faults.end(), [](const FaultSpec& a, const FaultSpec& b) { return a.at < b.at; });
    return faults;
}

void add_random_faults(Scenario& scenario, std::uint64_t seed) {
    auto faults = random_faults(scenario, seed);
    scenario.faults.insert(scenario.faults.end(), faults.begin(), faults.end());
}

}  // namespace kafkalab::scenarios
