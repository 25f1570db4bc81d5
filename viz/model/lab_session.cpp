#include "viz/model/lab_session.h"

#include <algorithm>
#include <sstream>

#include "broker_model/log/log_manager.h"
#include "scenarios/runner/run_report.h"

namespace kafkalab::viz {

namespace {

/// How far step_event() and step_to_next() look before giving up: far more events than
/// a lesson fires between two log lines, few enough to keep the window responsive.
constexpr std::uint64_t step_event_limit = 5'000'000;
constexpr sim::Duration sample_chunk = std::chrono::milliseconds(250);

}  // namespace

LabSession::LabSession(scenarios::Scenario scenario, SessionOptions options)
    : scenario_(std::make_unique<scenarios::Scenario>(std::move(scenario))), options_(options) {
    start_run();
}

LabSession::~LabSession() { run_.reset(); }

std::uint64_t LabSession::event_number() const { return run_->simulation().scheduler().fired(); }

void LabSession::start_run() {
    run_.reset();
    log_ = std::make_unique<EventLog>(options_.log_capacity);
    series_ = TimelineSeries{sample_chunk};
    scenarios::RunOptions run_options;
    // Only the first run is traced: a rewind's re-run would append a second copy.
    run_options.trace = options_.trace;
    options_.trace = nullptr;
    run_ = std::make_unique<scenarios::ScenarioRun>(*scenario_, run_options);
    start_ = run_->simulation().now() - run_->now();
    roles_ = host_roles(*run_);
    log_->attach(*run_);
    next_live_fault_ = 0;
    snapshot_.reset();
    checker_report_.clear();
    series_.maybe_sample(snapshot());
}

const ClusterSnapshot& LabSession::snapshot() {
    auto& sim = run_->simulation();
    if (!snapshot_ || snapshot_->event_number != sim.scheduler().fired() || snapshot_->time != now()) {
        snapshot_ = take_snapshot(*run_, options_.snapshot);
    }
    return *snapshot_;
}

std::vector<InFlightMessage> LabSession::in_flight() {
    roles_ = host_roles(*run_);  // steps may have started console consumers
    return messages_in_flight(run_->simulation(), roles_);
}

void LabSession::apply(const LiveFault& fault) {
    auto& sim = run_->simulation();
    auto node = sim.find_node(fault.host);
    if (!node) return;
    switch (fault.kind) {
        case LiveFaultKind::crash: sim.crash(*node); break;
        case LiveFaultKind::restart: sim.restart(*node); break;
        case LiveFaultKind::power_loss: sim.power_loss(*node); break;
    }
    snapshot_.reset();
}

void LabSession::reach(const RunPosition& position) {
    auto& sim = run_->simulation();
    std::uint64_t fired = sim.scheduler().fired();
    if (position.event_number > fired) sim.scheduler().run(position.event_number - fired);
    // Every event due by then has fired (the position was first reached that way), so
    // this only moves the clock.
    if (sim.now() < absolute(position.time)) sim.run_until(absolute(position.time));
}

void LabSession::forward(sim::Time until, std::uint64_t max_events) {
    auto& sim = run_->simulation();
    until = std::min(until, end_time());
    const std::uint64_t last_event = max_events == UINT64_MAX ? UINT64_MAX : sim.scheduler().fired() + max_events;
    while (next_live_fault_ < live_faults_.size()) {
        const LiveFault& fault = live_faults_[next_live_fault_];
        if (absolute(fault.at.time) > until || fault.at.event_number > last_event) break;
        reach(fault.at);
        apply(fault);
        ++next_live_fault_;
    }
    while (sim.now() < until && sim.scheduler().fired() < last_event) {
        sim::Time chunk_end = std::min(until, sim.now() + sample_chunk);
        if (last_event == UINT64_MAX) {
            sim.run_until(chunk_end);
        } else {
            while (sim.scheduler().fired() < last_event && sim.scheduler().next_event_time() <= chunk_end) sim.step();
            if (sim.scheduler().fired() < last_event) sim.run_until(chunk_end);
        }
        series_.maybe_sample(snapshot());
    }
}

void LabSession::advance_to(sim::Duration time) {
    time = std::clamp(time, sim::Duration{0}, duration());
    if (time < now()) return rewind_to(time);
    forward(absolute(time), UINT64_MAX);
}

bool LabSession::step_event() {
    auto& sim = run_->simulation();
    const std::uint64_t added = log_->added();
    for (std::uint64_t i = 0; i < step_event_limit && log_->added() == added; ++i) {
        while (next_live_fault_ < live_faults_.size() &&
               live_faults_[next_live_fault_].at.event_number <= sim.scheduler().fired()) {
            reach(live_faults_[next_live_fault_].at);
            apply(live_faults_[next_live_fault_++]);
        }
        if (sim.scheduler().next_event_time() > end_time()) break;
        sim.step();
    }
    series_.maybe_sample(snapshot());
    return log_->added() != added;
}

bool LabSession::step_to_next(EventCategory category) {
    std::size_t seen = log_->notable().size();
    for (std::uint64_t i = 0; i < step_event_limit; ++i) {
        if (!step_event()) return false;
        const auto& notable = log_->notable();
        for (std::size_t k = seen; k < notable.size(); ++k) {
            if (notable[k].category == category) return true;
        }
        seen = notable.size();
    }
    return false;
}

void LabSession::rewind_to(sim::Duration time) {
    start_run();
    forward(absolute(std::clamp(time, sim::Duration{0}, duration())), UINT64_MAX);
}

void LabSession::rewind_to_event(std::uint64_t event_number) {
    if (event_number < this->event_number()) start_run();
    auto& sim = run_->simulation();
    while (sim.scheduler().fired() < event_number) {
        std::uint64_t before = sim.scheduler().fired();
        forward(sim::time_never, event_number - before);
        if (sim.scheduler().fired() == before) break;  // the run ended first
    }
}

bool LabSession::inject(LiveFaultKind kind, const std::string& host) {
    if (!run_->simulation().find_node(host)) return false;
    // The run takes a new course from here: faults recorded for its old future go.
    live_faults_.resize(next_live_fault_);
    live_faults_.push_back(LiveFault{position(), kind, host});
    apply(live_faults_.back());
    next_live_fault_ = live_faults_.size();
    return true;
}

std::string LabSession::live_faults_yaml() const {
    std::string out = "faults:\n";
    for (const auto& fault : live_faults_) out += "  " + fault.to_yaml() + "\n";
    return out;
}

const scenarios::NarrationSpec* LabSession::narration() const {
    const scenarios::NarrationSpec* latest = nullptr;
    for (const auto& line : scenario_->narration) {
        if (line.at <= now() && (!latest || line.at >= latest->at)) latest = &line;
    }
    return latest;
}

const scenarios::PredictionSpec* LabSession::prediction() const {
    const scenarios::PredictionSpec* latest = nullptr;
    for (const auto& question : scenario_->predictions) {
        if (question.at <= now() && (!latest || question.at >= latest->at)) latest = &question;
    }
    return latest;
}

const kafka::PartitionLog* LabSession::replica_log(const std::string& host, const kafka::TopicPartition& tp) {
    auto& sim = run_->simulation();
    auto node = sim.find_node(host);
    if (!node) return nullptr;
    const auto* logs = sim.context(*node).disk().find<kafka::LogManager>(kafka::LogManager::disk_key);
    return logs ? logs->find(tp) : nullptr;
}

std::vector<std::string> LabSession::producer_names() const {
    std::vector<std::string> names;
    for (const auto& producer : scenario_->producers) names.push_back(producer.name);
    return names;
}

const std::string& LabSession::checker_report() {
    if (finished() && checker_report_.empty()) {
        std::ostringstream out;
        scenarios::print_report(*run_, scenarios::finish_run(*run_), out);
        checker_report_ = out.str();
    }
    return checker_report_;
}

}  // namespace kafkalab::viz
