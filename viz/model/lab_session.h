#pragma once
// One scenario in the viewer: the run, its event log and timeline, and everything the
// controls do to it. A broken model invariant (a simulator bug, thrown out of the
// event loop in Debug builds) halts the session where it happened, for the window to
// show, instead of ending the program; a rewind to before it starts afresh. Moving forward runs the kernel; moving back re-runs the scenario
// from the start with the same seed and the same live faults at the same points, which
// the kernel's determinism makes exact: the state after a rewind equals the state
// reached directly.
//
//   advance_to / step_event / step_to_next ──> forward, replaying recorded live faults
//   rewind_to(time) / rewind_to_event(n)   ──> new run from 0, forward to the target
//   inject(fault)                          ──> applied now, recorded; later ones dropped
//   resume(host)                           ──> a live pause shortened to end now, re-run
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/runner/scenario_run.h"
#include "scenarios/spec/scenario.h"
#include "viz/model/cluster_snapshot.h"
#include "viz/model/event_log.h"
#include "viz/model/in_flight.h"
#include "viz/model/live_fault.h"
#include "viz/model/timeline.h"
#include "viz/model/truncations.h"

namespace kafkalab::viz {

/// A line of the terminal: a command ("$"), its output, or what a console tool printed.
struct ConsoleLine {
    sim::Duration at{0};  // scenario time
    std::string what;     // "$", "output", "error", "note", "console-consumer-1", ...
    std::string text;
    bool operator==(const ConsoleLine&) const = default;
};

struct SessionOptions {
    /// The scenario file the session was opened from; File > Save session as starts from it.
    std::filesystem::path source_file;
    sim::Trace* trace = nullptr;  // records the run (tests compare it with a plain run)
    SnapshotOptions snapshot;
    std::size_t log_capacity = 200'000;
    /// Check the model's invariants after every event (on in Debug builds). A violation
    /// halts the session instead of escaping: see LabSession::violation().
    bool check_invariants = invariants::on_by_default;
    /// Real clients are attached (kafkalab-viz --serve): their connections live in this
    /// run, which is therefore never re-run. Rewinds are refused, and so are pauses,
    /// whose end is recorded by re-running the past.
    bool forward_only = false;
};

class LabSession {
public:
    LabSession(scenarios::Scenario scenario, SessionOptions options = {});
    ~LabSession();
    LabSession(const LabSession&) = delete;
    LabSession& operator=(const LabSession&) = delete;

    const scenarios::Scenario& scenario() const { return *scenario_; }
    const std::filesystem::path& source_file() const { return options_.source_file; }
    scenarios::ScenarioRun& run() { return *run_; }
    sim::Duration now() const { return run_->now(); }
    sim::Duration duration() const { return run_->end(); }
    std::uint64_t event_number() const;
    RunPosition position() const { return {event_number(), now()}; }
    bool finished() const { return now() >= duration(); }
    /// False with real clients attached (SessionOptions::forward_only).
    bool can_rewind() const { return !options_.forward_only; }

    // --- Forward -------------------------------------------------------------------
    /// Runs to scenario time `time` (clamped to the run); an earlier time rewinds,
    /// except in a forward-only session, which stays where it is.
    void advance_to(sim::Duration time);
    void advance_by(sim::Duration delta) { advance_to(now() + delta); }
    /// Fires events up to and including the next one the event log shows (a message
    /// arriving, a crash, an election...). False at the end of the run.
    bool step_event();
    /// Runs until the next notable event of `category`; false if the run ends first.
    bool step_to_next(EventCategory category);

    // --- Back ----------------------------------------------------------------------
    void rewind_to(sim::Duration time);
    /// Back (or forward) to the moment right after event `event_number` fired.
    void rewind_to_event(std::uint64_t event_number);

    // --- Live faults ---------------------------------------------------------------
    /// Applies a fault now and records it. Faults recorded after this point (before a
    /// rewind) are forgotten: the run has a new future. False, with the reason in
    /// `refused_because`, for a fault a scenario file could not replay (live_fault_checks.h).
    bool inject(LiveFault fault, std::string* refused_because = nullptr);
    bool inject(scenarios::FaultKind kind, const std::string& host) { return inject(LiveFault::on_host(kind, host)); }
    /// Ends the live pause of `host` now. The process cannot be woken early, so the pause
    /// is recorded as lasting until now and the run is replayed to this moment, where
    /// it wakes. False when no live pause of `host` is in force.
    bool resume(const std::string& host);
    /// The live pause of `host` in force now, or null.
    const LiveFault* live_pause(const std::string& host) const;
    const std::vector<LiveFault>& live_faults() const { return live_faults_; }
    /// The session's live faults as scenario lines, ready to paste under `faults:` (and
    /// its console commands under `steps:`).
    std::string live_faults_yaml() const;
    /// File > Save session as: the source file plus every recorded live fault, written
    /// to `out` as a scenario (session_file.h says what its replay reproduces). What
    /// went wrong, or nothing.
    std::optional<std::string> save_as(const std::filesystem::path& out) const;

    // --- Console -------------------------------------------------------------------
    /// Runs a Kafka command line at the terminal now, as a scenario `steps:` entry does
    /// (`input`: the lines typed into kafka-console-producer), and records it like a
    /// live fault. False, with the reason, for a line the tools do not take.
    bool run_command(std::string line, std::vector<std::string> input = {}, std::string* refused_because = nullptr) {
        return inject(LiveFault::command(std::move(line), std::move(input)), refused_because);
    }
    /// What the terminal showed in this run so far: the lesson's steps and the console's
    /// commands, each with its output, in order.
    const std::vector<ConsoleLine>& console() const { return console_; }

    // --- What the panels read ------------------------------------------------------
    // The mutable reads below bring a cache up to date; the panels get what they return
    // and the session as const (viz/app/panels.h: SnapshotFrame), never the live run.
    /// The state now; cached until the run moves.
    const ClusterSnapshot& snapshot();
    std::vector<InFlightMessage> in_flight();
    /// The scenario time of a simulation time (for a violation's moment).
    sim::Duration scenario_time(sim::Time time) const { return time - start_; }
    /// Who produced each record, for colouring a replica's log by producer.
    const kafka::SendLedger& ledger() const { return run_->ledger(); }
    const std::vector<HostRole>& roles() const { return roles_; }
    const EventLog& log() const { return *log_; }
    const TimelineSeries& series() const { return series_; }
    /// The latest narration line at or before now, if any.
    const scenarios::NarrationSpec* narration() const;
    /// The latest prediction question at or before now, if any.
    const scenarios::PredictionSpec* prediction() const;
    /// A broker's log of `tp` as its disk holds it (also while the broker is down), or null.
    const kafka::PartitionLog* replica_log(const std::string& host, const kafka::TopicPartition& tp) const;
    /// The scenario's producers by name, in file order: the index is the colour.
    std::vector<std::string> producer_names() const;
    /// The checker's report, once the run reached its end; empty before.
    const std::string& checker_report();
    /// Every truncation of a replica's log so far, as marks for the partitions panel.
    const std::vector<TruncationMark>& truncations();

    // --- A broken model -------------------------------------------------------------
    /// The invariant violation that halted this run, if one did. While it is set the
    /// run does not move forward; rewinding starts a new run and clears it.
    const std::optional<invariants::Violation>& violation() const { return violation_; }

private:
    void start_run();
    /// Runs `body`, turning an invariant violation out of the event loop into a halt
    /// (violation() set, a line in the event log). False when halted, before or now.
    bool run_guarded(const std::function<void()>& body);
    /// Moves forward to absolute time `until` but stops after `max_events` events,
    /// applying recorded live faults at their points on the way and sampling the
    /// timeline.
    void forward(sim::Time until, std::uint64_t max_events);
    void reach(const RunPosition& position);
    void apply(const LiveFault& fault);
    /// Reads the session saved with `fault` after `kept` with the scenario loader, as
    /// the saved file will be read: why it would not load, or nothing.
    std::optional<std::string> check_with_loader(const LiveFault& fault, const std::vector<LiveFault>& kept);
    /// Builds the typed spec of a client joining at `start` (scenarios/spec/joining_client.h)
    /// and keeps it for apply(): why the loader would refuse its entry, or nothing.
    std::optional<std::string> prepare_client(const AddedClient& client, sim::Duration start,
                                              const std::vector<LiveFault>& kept);
    sim::Time absolute(sim::Duration scenario_time) const { return start_ + scenario_time; }
    sim::Time end_time() const { return absolute(duration()); }

    std::unique_ptr<scenarios::Scenario> scenario_;  // the run keeps a reference to it
    SessionOptions options_;
    std::unique_ptr<EventLog> log_;
    TimelineSeries series_;
    // Declared after the log: the run's scheduler calls into the log, so it goes first.
    std::unique_ptr<scenarios::ScenarioRun> run_;
    std::vector<HostRole> roles_;
    sim::Time start_{};
    std::vector<LiveFault> live_faults_;
    std::size_t next_live_fault_ = 0;  // the first not yet applied in this run
    std::optional<ClusterSnapshot> snapshot_;
    std::string checker_report_;
    std::optional<invariants::Violation> violation_;
    TruncationHistory truncations_;
    std::vector<ConsoleLine> console_;
    /// Clients added from the window, by name, as typed specs.
    std::map<std::string, scenarios::ProducerSpec> live_producers_;
    std::map<std::string, std::pair<scenarios::ConsumerSpec, std::string>> live_consumers_;  // with its switch
};

}  // namespace kafkalab::viz
