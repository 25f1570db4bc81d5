#pragma once
// One run of a scenario: builds the cluster, the network and the clients the file
// describes, then plays its faults, tool steps, narration and questions at their times,
// printing a timeline, and checks its expectations at the end.
//
// Scenario time 0 is the moment the cluster is ready (brokers registered, a controller
// elected, the scenario's topics created); every `at:` counts from there.
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "broker_model/broker/broker.h"
#include "broker_model/client/consumption_log.h"
#include "broker_model/client/send_ledger.h"
#include "broker_model/zookeeper/ensemble.h"
#include "scenarios/cli_tools/record_format.h"
#include "scenarios/invariants/model_invariants.h"
#include "scenarios/runner/outage_tracker.h"
#include "scenarios/runner/loss_evidence_recorder.h"
#include "scenarios/runner/recovery_watch.h"
#include "scenarios/spec/scenario.h"
#include "sim/simulation.h"

namespace kafkalab::scenarios {

struct ConsoleProducerCommand;

struct RunOptions {
    std::optional<std::uint64_t> seed;      // overrides the scenario's seed
    std::optional<sim::Duration> until;     // stop early (scenario time)
    sim::Trace* trace = nullptr;            // records everything when set
    std::ostream* timeline = nullptr;       // the readable timeline, printed as it happens
    /// Sees every notable record (faults, elections, ISR changes...) from scenario time
    /// 0 on, as it happens; passive, so it never changes the run (the Perfetto writer).
    std::function<void(const sim::TraceRecord&)> on_record;
    /// Sees every timeline line (`what` is "narration", "$", "output", a fault...) at its
    /// scenario time, whether or not a timeline is printed.
    std::function<void(sim::Duration at, const std::string& what, const std::string& text)> on_line;
    /// Checks the model's invariants after every event, from cluster start-up on; a
    /// violation throws invariants::InvariantViolation out of the run (see
    /// model_invariants.h). On by default in Debug builds.
    bool check_invariants = invariants::on_by_default;
};

struct ExpectationResult {
    const ExpectationSpec* spec = nullptr;
    bool passed = false;
    /// False when the run stopped (--until) before the expectation's time: it was not
    /// judged, and neither passes nor fails the run.
    bool reached = true;
    std::string description;  // "leader of payments-0 at 30s is broker 2"
    std::string detail;       // what was found
};

class ScenarioRun {
public:
    /// Keeps a reference to `scenario`, which must outlive the run.
    ScenarioRun(const Scenario& scenario, RunOptions options);
    /// A temporary scenario would be gone before the run reads it.
    ScenarioRun(Scenario&& scenario, RunOptions options) = delete;
    ~ScenarioRun();

    /// Runs to the scenario's duration (or the --until time).
    void run();
    /// Runs up to a scenario time; for stepping (the viewer).
    void run_until(sim::Duration scenario_time);
    /// Scenario time: simulated time since the cluster was ready.
    sim::Duration now() const { return sim_.now() - start_; }
    sim::Duration end() const;
    /// The run stops before the scenario's duration (--until): expectations due later,
    /// and those about the whole run, are not reached.
    bool stops_early() const { return end() < scenario_.duration; }
    /// The simulated time of scenario time 0 (the cluster was ready).
    sim::Time start_time() const { return start_; }

    sim::Simulation& simulation() { return sim_; }
    const Scenario& scenario() const { return scenario_; }
    kafka::SendLedger& ledger() { return ledger_; }
    const std::shared_ptr<kafka::ConsumptionLog>& consumption() const { return consumption_; }
    const std::vector<sim::NodeIndex>& broker_nodes() const { return brokers_; }
    const std::vector<sim::NodeIndex>& zookeeper_nodes() const { return zookeeper_->servers(); }
    kafka::Broker* broker(const std::string& host);
    /// The broker whose controller has the highest epoch (the real one), if any.
    kafka::Broker* controller();
    const std::vector<ExpectationResult>& snapshot_results() const { return snapshots_; }
    /// Runs a Kafka command line at the terminal now, as a `steps:` entry would (the
    /// viewer's console). The run keeps the step while its tool runs.
    void run_command(StepSpec step);
    /// Adds a client now (the viewer's "add a producer/consumer") as its `producers:` or
    /// `consumers:` entry does at the start; its `start` is a scenario time either way.
    /// See live_clients.cpp.
    void add_producer(const ProducerSpec& producer);
    void add_consumer(const ConsumerSpec& consumer, const std::string& switch_name);
    /// Applies a fault now, whatever its `at` or `when`: the one applier of the fault
    /// vocabulary (fault.h), used for the scenario's `faults:`, a sweep's random
    /// schedule and the viewer's live faults alike. Keeps no reference to `fault`.
    void apply_fault(const FaultSpec& fault);
    /// Each partition's time without a leader and time back to a full ISR, up to now.
    const OutageTracker& outages();
    /// The liveness watch, when an expectation asks whether the cluster recovers.
    const RecoveryWatch* recovery() const { return recovery_ ? &*recovery_ : nullptr; }
    /// What the run did that can lose acknowledged records, for the checker to say why.
    const LossEvidence& loss_evidence() const { return loss_evidence_.evidence(); }
    /// The invariant checker, when RunOptions::check_invariants is set.
    const invariants::ModelInvariants* invariants() const { return invariants_ ? &*invariants_ : nullptr; }

private:
    void build_cluster();
    void wait_until_ready();
    void create_topics();
    void add_clients();
    void schedule_script();
    void schedule_fault(const FaultSpec& fault);
    void run_step(const StepSpec& step);
    /// Prints a console consumer's records in the timeline as they arrive, and ends the
    /// tool after `max_messages` of them (--max-messages).
    void follow_console_consumer(const std::string& name, const RecordFormat& format,
                                 std::optional<std::int32_t> max_messages);
    void finish_console_consumer(const std::string& name, std::size_t printed);
    void run_console_producer(const StepSpec& step, const ConsoleProducerCommand& command);
    /// A tool's output, indented under its command line in the timeline.
    void print_output(const std::string& text);
    void schedule_snapshot(const ExpectationSpec& expectation);
    ExpectationResult evaluate_snapshot(const ExpectationSpec& expectation, bool reached);
    std::vector<sim::NodeIndex> resolve(const FaultTarget& target);
    void print(const std::string& what, const std::string& text);
    void on_event(const sim::TraceRecord& record);
    /// Reads the cluster into outages_ after an election or ISR change, once the event
    /// that recorded it has finished changing the state.
    void update_outages();
    sim::Time at(sim::Duration scenario_time) const { return start_ + scenario_time; }

    const Scenario& scenario_;
    RunOptions options_;
    sim::Simulation sim_;
    std::optional<kafka::zk::Ensemble> zookeeper_;
    std::vector<sim::NodeIndex> brokers_;
    sim::NodeIndex terminal_ = sim::no_node;
    kafka::SendLedger ledger_;
    std::shared_ptr<kafka::ConsumptionLog> consumption_ = std::make_shared<kafka::ConsumptionLog>();
    sim::Time start_{};
    bool started_ = false;
    std::vector<ExpectationResult> snapshots_;
    int console_consumers_ = 0;  // numbers the console consumers that steps start
    int console_producers_ = 0;  // numbers the console producers that steps start
    std::deque<StepSpec> commands_;  // run_command's steps, alive as long as their tools
    OutageTracker outages_;
    /// When set, the scenario time of an election or ISR change outages_ has not read yet.
    std::optional<sim::Duration> outage_change_at_;
    std::optional<RecoveryWatch> recovery_;
    LossEvidenceRecorder loss_evidence_;
    /// Declared last, so it is destroyed first, while the simulation it watches lives.
    std::optional<invariants::ModelInvariants> invariants_;
};

}  // namespace kafkalab::scenarios
