#pragma once
// The one fault vocabulary: what can break, its name in a scenario file, whom it hits
// and its parameters. YAML `faults:` (parse_faults.cpp), sweeps' random schedules
// (scenarios/sweep/), the viewer's live faults (viz/model/live_fault.h) and saved
// sessions all speak it; ScenarioRun::apply_fault is its one applier and
// fault_yaml.h its one writer. docs/SCENARIOS.md "faults" is the YAML side.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "broker_model/common/types.h"
#include "scenarios/spec/source_position.h"
#include "sim/time.h"

namespace kafkalab::scenarios {

using sim::Duration;

/// Whom a fault hits. `host` for named hosts and clients; `leader_of` and `controller`
/// are resolved when the fault fires.
/// hosts: a rack (every host on its switch: a rack's power feed or top-of-rack switch
/// failing) or a list of hosts, all hit at once.
enum class TargetKind : std::uint8_t { host, leader_of, controller, hosts };
struct FaultTarget {
    TargetKind kind = TargetKind::host;
    std::string host;                  // kind == host
    std::vector<std::string> hosts;    // kind == hosts, in scenario order, each once
    kafka::TopicPartition partition;   // kind == leader_of
    std::string rack;                  // kind == hosts named by their rack; empty for a list
    std::string written;               // as written: "leader-of payments-0", "rack-a", "[broker-1, zk-1]"

    /// One host named as itself.
    static FaultTarget named(std::string host) {
        FaultTarget t;
        t.written = host;
        t.host = std::move(host);
        return t;
    }

    /// The hosts named at load time: one, several, or none when resolved at run time.
    std::vector<std::string> named_hosts() const {
        if (kind == TargetKind::host) return {host};
        if (kind == TargetKind::hosts) return hosts;
        return {};
    }
    bool operator==(const FaultTarget&) const = default;
};

/// The small condition language of `when:`. A fault with a condition fires the first
/// time the condition holds at or after `at`:
///  - isr_shrinks / isr_expands / leader_changes: of `partition`;
///  - acknowledged_records: once `records` records (of `topic`, or of all topics when
///    empty) have been acknowledged to producers.
enum class ConditionKind : std::uint8_t { isr_shrinks, isr_expands, leader_changes, acknowledged_records };
struct FaultCondition {
    ConditionKind kind = ConditionKind::isr_shrinks;
    kafka::TopicPartition partition;
    std::string topic;
    std::int64_t records = 0;
    bool operator==(const FaultCondition&) const = default;
};

/// crash: kill -9. restart: start a crashed or stopped node again. stop: clean
/// shutdown (controlled shutdown for a broker, LeaveGroup for a consumer).
/// power_loss: crash and lose unflushed data. pause: freeze the process (a long GC)
/// for `for_duration`. partition: split hosts into `groups`. heal: end every partition
/// and restore every cut link. cut / restore: a link. slow / lossy: add latency and
/// jitter, or loss, to a host's links or one link, for `for_duration`.
enum class FaultKind : std::uint8_t {
    crash, restart, stop, power_loss, pause, partition, heal, cut, restore, slow, lossy,
};

/// Each kind with its name in a scenario file (the key of a `faults:` entry, an item of
/// `sweep: faults:`), in the order docs/SCENARIOS.md lists them.
inline constexpr std::array<std::pair<std::string_view, FaultKind>, 11> fault_kind_names{{
    {"crash", FaultKind::crash}, {"restart", FaultKind::restart}, {"stop", FaultKind::stop},
    {"power-loss", FaultKind::power_loss}, {"pause", FaultKind::pause}, {"partition", FaultKind::partition},
    {"heal", FaultKind::heal}, {"cut", FaultKind::cut}, {"restore", FaultKind::restore},
    {"slow", FaultKind::slow}, {"lossy", FaultKind::lossy},
}};

/// "power-loss" for FaultKind::power_loss.
constexpr std::string_view to_string(FaultKind kind) {
    for (const auto& [name, k] : fault_kind_names) {
        if (k == kind) return name;
    }
    return "fault";
}

constexpr std::optional<FaultKind> fault_kind_named(std::string_view name) {
    for (const auto& [n, k] : fault_kind_names) {
        if (n == name) return k;
    }
    return std::nullopt;
}

/// Crash, stop and power loss take a host down until a restart names it.
constexpr bool takes_host_down(FaultKind kind) {
    return kind == FaultKind::crash || kind == FaultKind::stop || kind == FaultKind::power_loss;
}

/// The faults that take a host down or bring it back: two of them on one host at one
/// instant contradict each other.
constexpr bool changes_liveness(FaultKind kind) { return takes_host_down(kind) || kind == FaultKind::restart; }

/// The kinds a sweep's random schedule draws episodes of (fault_schedule.h): each has
/// its own end (a restart, a heal, or `for`), so an episode never outlives its span.
inline constexpr std::array<FaultKind, 5> sweep_episode_kinds{
    FaultKind::crash, FaultKind::power_loss, FaultKind::partition, FaultKind::slow, FaultKind::pause,
};

struct FaultSpec {
    FaultKind kind = FaultKind::crash;
    Duration at{0};                        // with `when`: the earliest time to watch from
    std::optional<FaultCondition> when;    // none: fires at `at`
    FaultTarget target;                    // crash, restart, stop, power_loss, pause; slow/lossy of a host
    std::vector<std::vector<FaultTarget>> groups;  // partition
    std::vector<std::string> link;         // cut, restore, and slow/lossy of a link: two names
    std::optional<Duration> for_duration;  // pause (always set), slow, lossy; none: until the end
    Duration added_latency{0};             // slow
    Duration added_jitter{0};              // slow
    double loss_probability = 0.0;         // lossy, in (0, 1]
    SourcePosition position;

    /// crash, restart, stop, power-loss, pause, slow or lossy of one named host.
    static FaultSpec on_host(FaultKind kind, std::string host) {
        FaultSpec f;
        f.kind = kind;
        f.target = FaultTarget::named(std::move(host));
        return f;
    }
    /// cut or restore of a link, or a firewall rule between two hosts.
    static FaultSpec on_link(FaultKind kind, std::string a, std::string b) {
        FaultSpec f;
        f.kind = kind;
        f.link = {std::move(a), std::move(b)};
        return f;
    }
    bool operator==(const FaultSpec&) const = default;
};

}  // namespace kafkalab::scenarios
