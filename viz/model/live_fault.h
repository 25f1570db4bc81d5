#pragma once
// A fault a teacher injects from the window, or a Kafka command typed in its console,
// or a client added from the Clients menu. It is recorded with the exact point of the
// run it was applied at (events fired and scenario time), so a rewind replays it at
// that very point, and a session can be saved as scenario `faults:` (and `steps:`,
// `producers:`, `consumers:`) entries in the syntax of docs/SCENARIOS.md, which only
// have a time: see session_file.h.
//
// A fault is the scenario's own FaultSpec (scenarios/spec/fault.h): the viewer has no
// fault vocabulary of its own, the run applies it with ScenarioRun::apply_fault and
// fault_yaml.h writes it, exactly as for a `faults:` line.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "scenarios/spec/fault.h"
#include "sim/time.h"

namespace kafkalab::viz {

/// A point of a run: after `event_number` events, with the clock at `time`.
struct RunPosition {
    std::uint64_t event_number = 0;
    sim::Duration time{0};  // scenario time
    auto operator<=>(const RunPosition&) const = default;
};

/// A console line: a `steps:` entry rather than a fault.
struct ConsoleCommand {
    std::string run;                 // as typed
    std::vector<std::string> input;  // lines typed into kafka-console-producer
    bool operator==(const ConsoleCommand&) const = default;
};

/// A client added from the window: a `producers:` or `consumers:` entry with `start:`.
struct AddedClient {
    bool producer = true;
    std::string name;  // also its host
    std::string topic;
    std::string acks = "all";         // producer: "all", "1", "0"
    int records_per_second = 1;       // producer; values "message-000000", ...
    std::string group_id;             // consumer; empty: a random group, as kafka-console-consumer makes
    bool operator==(const AddedClient&) const = default;
};

struct LiveFault {
    RunPosition at;
    /// A fault's own `at` is not read: at.time is when it happened.
    std::variant<scenarios::FaultSpec, ConsoleCommand, AddedClient> action;
    bool operator==(const LiveFault&) const = default;

    /// crash, restart, power-loss (or any fault of one host) of `host`.
    static LiveFault on_host(scenarios::FaultKind kind, std::string host);
    /// Freezes the process (a long GC) for `for_duration`. A pause the teacher ends
    /// early by resuming is shortened to what it lasted.
    static LiveFault pause(std::string host, sim::Duration for_duration);
    /// The sides of a network partition; hosts named in none form one more side, as in
    /// scenario files.
    static LiveFault partition(const std::vector<std::vector<std::string>>& groups);
    static LiveFault heal();
    /// cut or restore of the link between `a` and `b` (a host or a switch).
    static LiveFault link(scenarios::FaultKind kind, std::string a, std::string b);
    static LiveFault command(std::string run, std::vector<std::string> input = {});
    /// A producer writing `records_per_second` records with the given acks ("all", "1", "0").
    static LiveFault add_producer(const std::string& name, const std::string& topic, const std::string& acks,
                                  int records_per_second);
    /// A consumer subscribed to `topic`; no `group_id`: a random group.
    static LiveFault add_consumer(const std::string& name, const std::string& topic, const std::string& group_id);

    const scenarios::FaultSpec* fault() const { return std::get_if<scenarios::FaultSpec>(&action); }
    scenarios::FaultSpec* fault() { return std::get_if<scenarios::FaultSpec>(&action); }
    const ConsoleCommand* console_command() const { return std::get_if<ConsoleCommand>(&action); }
    const AddedClient* client() const { return std::get_if<AddedClient>(&action); }
    bool adds_client() const { return client() != nullptr; }
    bool is(scenarios::FaultKind kind) const { return fault() && fault()->kind == kind; }
    /// The host it names: the one a fault of one host hits, one end of a link, or the
    /// added client; empty for partitions, heals and commands.
    std::string host() const;

    /// The scenario section it is saved under: "faults", "steps", "producers" or "consumers".
    const char* section() const;
    /// Writes its scenario entry into `out` as one flow map.
    void emit(YAML::Emitter& out) const;
    /// The scenario line that replays it: "- {at: 12.5s, crash: broker-2}", for a
    /// command the `steps:` line "- {at: 12.5s, run: 'kafka-topics --list ...'}", for
    /// a client its entry with "start: 12.5s".
    std::string to_yaml() const;
    /// For the status line: "cut broker-1 -- switch".
    std::string describe() const;
};

}  // namespace kafkalab::viz
