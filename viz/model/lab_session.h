#pragma once
// One scenario in the viewer: the run, its event log and timeline, and everything the
// controls do to it. Moving forward runs the kernel; moving back re-runs the scenario
// from the start with the same seed and the same live faults at the same points, which
// the kernel's determinism makes exact: the state after a rewind equals the state
// reached directly.
//
//   advance_to / step_event / step_to_next ──> forward, replaying recorded live faults
//   rewind_to(time) / rewind_to_event(n)   ──> new run from 0, forward to the target
//   inject(fault)                          ──> applied now, recorded; later ones dropped
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

namespace kafkalab::viz {

struct SessionOptions {
    sim::Trace* trace = nullptr;  // records the run (tests compare it with a plain run)
    SnapshotOptions snapshot;
    std::size_t log_capacity = 200'000;
};

class LabSession {
public:
    LabSession(scenarios::Scenario scenario, SessionOptions options = {});
    ~LabSession();
    LabSession(const LabSession&) = delete;
    LabSession& operator=(const LabSession&) = delete;

    const scenarios::Scenario& scenario() const { return *scenario_; }
    scenarios::ScenarioRun& run() { return *run_; }
    sim::Duration now() const { return run_->now(); }
    sim::Duration duration() const { return run_->end(); }
    std::uint64_t event_number() const;
    RunPosition position() const { return {event_number(), now()}; }
    bool finished() const { return now() >= duration(); }

    // --- Forward -------------------------------------------------------------------
    /// Runs to scenario time `time` (clamped to the run); an earlier time rewinds.
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
    /// rewind) are forgotten: the run has a new future. False for an unknown host.
    bool inject(LiveFaultKind kind, const std::string& host);
    const std::vector<LiveFault>& live_faults() const { return live_faults_; }
    /// The session's live faults as scenario lines, ready to paste under `faults:`.
    std::string live_faults_yaml() const;

    // --- What the panels read ------------------------------------------------------
    /// The state now; cached until the run moves.
    const ClusterSnapshot& snapshot();
    std::vector<InFlightMessage> in_flight();
    const std::vector<HostRole>& roles() const { return roles_; }
    const EventLog& log() const { return *log_; }
    const TimelineSeries& series() const { return series_; }
    /// The latest narration line at or before now, if any.
    const scenarios::NarrationSpec* narration() const;
    /// The latest prediction question at or before now, if any.
    const scenarios::PredictionSpec* prediction() const;
    /// A broker's log of `tp` as its disk holds it (also while the broker is down), or null.
    const kafka::PartitionLog* replica_log(const std::string& host, const kafka::TopicPartition& tp);
    /// The scenario's producers by name, in file order: the index is the colour.
    std::vector<std::string> producer_names() const;
    /// The checker's report, once the run reached its end; empty before.
    const std::string& checker_report();

private:
    void start_run();
    /// Moves forward to absolute time `until` but stops after `max_events` events,
    /// applying recorded live faults at their points on the way and sampling the
    /// timeline.
    void forward(sim::Time until, std::uint64_t max_events);
    void reach(const RunPosition& position);
    void apply(const LiveFault& fault);
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
};

}  // namespace kafkalab::viz
