#pragma once
// A fault a teacher injects from the window, or a Kafka command typed in its console.
// It is recorded with the exact point of the run it was applied at (events fired and
// scenario time), so a rewind replays it at that very point, and a session can be
// saved as scenario `faults:` (and `steps:`) lines in the syntax of docs/SCENARIOS.md,
// which only has a time: see session_file.h.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/time.h"

namespace kafkalab::viz {

/// A point of a run: after `event_number` events, with the clock at `time`.
struct RunPosition {
    std::uint64_t event_number = 0;
    sim::Duration time{0};  // scenario time
    auto operator<=>(const RunPosition&) const = default;
};

/// The scenario file's fault actions that make sense from the window.
/// `command` is a console line: a `steps:` entry rather than a fault; `add_producer` and
/// `add_consumer` add a client (a `producers:` or `consumers:` entry with `start:`).
/// They are recorded with the faults so that all replay in the order they were given.
enum class LiveFaultKind : std::uint8_t {
    crash, restart, power_loss, pause, partition, heal, cut, restore, command, add_producer, add_consumer,
};
const char* to_string(LiveFaultKind kind);
/// Crash, restart and power loss: the faults that take a host down or bring it back.
bool changes_liveness(LiveFaultKind kind);

struct LiveFault {
    RunPosition at;
    LiveFaultKind kind = LiveFaultKind::crash;
    /// The host hit (crash, restart, power-loss, pause) or one end of the link (cut, restore).
    std::string host;
    /// The other end of the link (cut, restore): a host or a switch.
    std::string peer;
    /// The sides of a network partition; hosts named in none form one more side, as in Kafka
    /// scenario files.
    std::vector<std::vector<std::string>> groups;
    /// How long a pause freezes the process (a long GC). A pause the teacher ends early
    /// by resuming is shortened to what it lasted.
    sim::Duration for_duration{0};
    /// A console command line as typed, and the lines typed into kafka-console-producer.
    std::string run;
    std::vector<std::string> input;
    /// An added client's scenario entry as a YAML flow map, without its `start` (the
    /// moment it was added): "{name: 'audit-1', topic: 'payments', rate: 5/s, ...}".
    std::string client_entry;
    bool operator==(const LiveFault&) const = default;

    static LiveFault on_host(LiveFaultKind kind, std::string host);
    static LiveFault pause(std::string host, sim::Duration for_duration);
    static LiveFault partition(std::vector<std::vector<std::string>> groups);
    static LiveFault heal();
    static LiveFault link(LiveFaultKind kind, std::string a, std::string b);
    static LiveFault command(std::string run, std::vector<std::string> input = {});
    /// A producer writing `records_per_second` records (values "message-000000", ...)
    /// with the given acks ("all", "1", "0").
    static LiveFault add_producer(const std::string& name, const std::string& topic, const std::string& acks,
                                  int records_per_second);
    /// A consumer subscribed to `topic`; no `group_id`: a random group, as
    /// kafka-console-consumer makes.
    static LiveFault add_consumer(const std::string& name, const std::string& topic, const std::string& group_id);
    bool adds_client() const { return kind == LiveFaultKind::add_producer || kind == LiveFaultKind::add_consumer; }

    /// The scenario line that replays it: "- {at: 12.5s, crash: broker-2}", for a
    /// command the `steps:` line "- {at: 12.5s, run: 'kafka-topics --list ...'}", for
    /// a client its entry with "start: 12.5s".
    std::string to_yaml() const;
    /// For the status line: "cut broker-1 -- switch".
    std::string describe() const;
};

}  // namespace kafkalab::viz
