#pragma once
// The faults the simulation applies, as data: what a timeline, a recovery watch or the
// viewer learns when a host goes down or the network changes shape. The simulation
// records each with its rendering (trace_kind() and render_summary(), the only place
// these records' text is written), so the JSONL trace reads as before.
#include <cstdint>
#include <string>
#include <vector>

namespace kafkalab::sim {

enum class FaultEventKind : std::uint8_t {
    crash,       // kill -9
    power_loss,  // the host went dark
    exit,        // the process ended normally (after a clean shutdown)
    retire,      // a real client's socket closed for good (not a fault in the timeline)
    restart,
    partition,
    heal,
    isolate,     // a paused process: its host is off the network
    unisolate,
    cut,         // one cable (or a firewall rule between two hosts)
    restore,
};

struct FaultEvent {
    FaultEventKind kind = FaultEventKind::crash;
    /// The host it happened to: crash, power_loss, exit, retire, restart, isolate, unisolate.
    std::string host;
    /// partition: the hosts of each side.
    std::vector<std::vector<std::string>> sides;
    /// cut, restore: the two ends of the link.
    std::string link_from;
    std::string link_to;

    /// The host went down with it: a crash, a power loss or a clean exit.
    bool takes_host_down() const {
        return kind == FaultEventKind::crash || kind == FaultEventKind::power_loss || kind == FaultEventKind::exit;
    }
};

/// The trace record's kind: "crash", "power-loss", "exit", "partition", "cut", ...
const char* trace_kind(FaultEventKind kind);
/// The trace record's summary: "[broker-1 broker-2] | [broker-3]" for a partition,
/// "broker-1 -- switch-a" for a cut, the host for isolate, empty otherwise.
std::string render_summary(const FaultEvent& event);

}  // namespace kafkalab::sim
