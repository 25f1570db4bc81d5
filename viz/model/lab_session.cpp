#include "viz/model/lab_session.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "broker_model/client/consumer.h"
#include "broker_model/log/log_manager.h"
#include "scenarios/cli_tools/cli_command.h"
#include "scenarios/runner/run_report.h"
#include "scenarios/spec/joining_client.h"
#include "scenarios/spec/load_scenario.h"
#include "viz/model/live_fault_checks.h"
#include "viz/model/session_file.h"

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
    run_options.check_invariants = options_.check_invariants;
    options_.trace = nullptr;
    console_.clear();
    run_options.on_line = [this](sim::Duration at, const std::string& what, const std::string& text) {
        bool terminal = what == "$" || what == "output" || what == "error" || what == "note" || what.rfind("console-", 0) == 0;
        if (terminal) console_.push_back({at, what, text});
    };
    run_ = std::make_unique<scenarios::ScenarioRun>(*scenario_, run_options);
    start_ = run_->simulation().now() - run_->now();
    roles_ = host_roles(*run_);
    log_->attach(*run_);
    next_live_fault_ = 0;
    snapshot_.reset();
    checker_report_.clear();
    violation_.reset();
    truncations_.clear();
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
    if (const auto* spec = fault.fault()) {
        // The runner's own applier, as for the same `faults:` line, so a saved session
        // replays it the same way.
        run_->apply_fault(*spec);
    } else if (const auto* command = fault.console_command()) {
        scenarios::StepSpec step;
        step.run = command->run;
        step.input = command->input;
        if (auto parsed = scenarios::parse_cli_command(command->run)) {
            step.tool = scenarios::cli_tool_names[parsed.command->index()];
        }
        run_->run_command(std::move(step));
    } else if (const auto* client = fault.client()) {
        if (client->producer) {
            if (auto it = live_producers_.find(client->name); it != live_producers_.end()) run_->add_producer(it->second);
        } else if (auto it = live_consumers_.find(client->name); it != live_consumers_.end()) {
            run_->add_consumer(it->second.first, it->second.second);
        }
        roles_ = host_roles(*run_);
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
    run_guarded([&] { forward(absolute(time), UINT64_MAX); });
}

bool LabSession::step_event() {
    auto& sim = run_->simulation();
    const std::uint64_t added = log_->added();
    run_guarded([&] {
        for (std::uint64_t i = 0; i < step_event_limit && log_->added() == added; ++i) {
            while (next_live_fault_ < live_faults_.size() &&
                   live_faults_[next_live_fault_].at.event_number <= sim.scheduler().fired()) {
                reach(live_faults_[next_live_fault_].at);
                apply(live_faults_[next_live_fault_++]);
            }
            if (sim.scheduler().next_event_time() > end_time()) break;
            sim.step();
        }
    });
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
    if (!can_rewind()) return;
    start_run();
    run_guarded([&] { forward(absolute(std::clamp(time, sim::Duration{0}, duration())), UINT64_MAX); });
}

void LabSession::rewind_to_event(std::uint64_t event_number) {
    if (event_number < this->event_number()) {
        if (!can_rewind()) return;
        start_run();
    }
    auto& sim = run_->simulation();
    run_guarded([&] {
        while (sim.scheduler().fired() < event_number) {
            std::uint64_t before = sim.scheduler().fired();
            forward(sim::time_never, event_number - before);
            if (sim.scheduler().fired() == before) break;  // the run ended first
        }
    });
}

bool LabSession::inject(LiveFault fault, std::string* refused_because) {
    if (violation_) {
        // The model is in a state it should never reach: nothing done to it now teaches anything.
        if (refused_because) *refused_because = "the run is halted by a broken model invariant: rewind first";
        return false;
    }
    if (fault.is(scenarios::FaultKind::pause) && !can_rewind()) {
        if (refused_because) {
            *refused_because = "with real clients attached a pause cannot be ended: ending it re-runs the past";
        }
        return false;
    }
    fault.at = position();
    // The run takes a new course from here: faults recorded for its old future go.
    std::vector<LiveFault> kept(live_faults_.begin(), live_faults_.begin() + static_cast<std::ptrdiff_t>(next_live_fault_));
    auto why = refusal(fault, *scenario_, kept);
    if (!why && fault.adds_client() && run_->simulation().find_node(fault.host())) {
        why = "a host named " + fault.host() + " exists already";
    }
    // An added client is built as the loader builds its entry; for the rest the loader
    // has the last word: the session saved with this fault must load.
    if (!why && fault.adds_client()) why = prepare_client(*fault.client(), fault.at.time, kept);
    if (!why && !fault.adds_client()) why = check_with_loader(fault, kept);
    if (why) {
        if (refused_because) *refused_because = *why;
        return false;
    }
    live_faults_ = std::move(kept);
    live_faults_.push_back(std::move(fault));
    next_live_fault_ = live_faults_.size();
    run_guarded([&] { apply(live_faults_.back()); });
    return true;
}

std::optional<std::string> LabSession::check_with_loader(const LiveFault& fault, const std::vector<LiveFault>& kept) {
    if (options_.source_file.empty()) return std::nullopt;  // nothing to check it against but the rules above
    std::ifstream in(options_.source_file, std::ios::binary);
    std::ostringstream original;
    original << in.rdbuf();
    std::vector<LiveFault> with_fault = kept;
    with_fault.push_back(fault);
    std::string text;
    try {
        text = session_as_scenario(original.str(), options_.source_file.parent_path(), with_fault);
    } catch (const std::runtime_error& error) {
        return error.what();
    }
    auto loaded = scenarios::load_scenario_text(text, options_.source_file.filename().string());
    if (!loaded.ok()) {
        for (const auto& d : loaded.diagnostics) {
            if (d.severity == scenarios::Severity::error) return d.message;
        }
        return "the scenario loader refuses this";
    }
    return std::nullopt;
}

std::optional<std::string> LabSession::prepare_client(const AddedClient& client, sim::Duration start,
                                                      const std::vector<LiveFault>& kept) {
    if (client.producer) {
        std::vector<scenarios::ProducerSpec> joined_before;
        for (const auto& earlier : kept) {
            const AddedClient* added = earlier.client();
            if (!added || !added->producer) continue;
            if (auto it = live_producers_.find(added->name); it != live_producers_.end()) joined_before.push_back(it->second);
        }
        auto built = scenarios::joining_producer(
            *scenario_, {client.name, client.topic, client.acks, client.records_per_second, start}, joined_before);
        if (const auto* why = std::get_if<std::string>(&built)) return *why;
        live_producers_.insert_or_assign(client.name, std::get<scenarios::ProducerSpec>(std::move(built)));
        return std::nullopt;
    }
    auto built = scenarios::joining_consumer(*scenario_, {client.name, client.topic, client.group_id, start});
    if (const auto* why = std::get_if<std::string>(&built)) return *why;
    // No rack names a client added later: it sits on the default switch, as its saved entry will.
    live_consumers_.insert_or_assign(client.name, std::make_pair(std::get<scenarios::ConsumerSpec>(std::move(built)),
                                                                 std::string(scenarios::default_switch)));
    return std::nullopt;
}

const LiveFault* LabSession::live_pause(const std::string& host) const {
    for (std::size_t i = next_live_fault_; i-- > 0;) {
        const LiveFault& fault = live_faults_[i];
        if (fault.is(scenarios::FaultKind::pause) && fault.host() == host && fault.at.time <= now() &&
            now() < fault.at.time + fault.fault()->for_duration.value_or(sim::Duration{0})) {
            return &fault;
        }
    }
    return nullptr;
}

bool LabSession::resume(const std::string& host) {
    const LiveFault* pause = live_pause(host);
    if (!pause) return false;
    const sim::Duration target = now();
    const auto index = static_cast<std::size_t>(pause - live_faults_.data());
    live_faults_.resize(next_live_fault_);
    if (pause->at.time == target) {
        // Resumed at the very instant it was paused: as if it never was.
        live_faults_.erase(live_faults_.begin() + static_cast<std::ptrdiff_t>(index));
    } else {
        live_faults_[index].fault()->for_duration = target - live_faults_[index].at.time;
    }
    rewind_to(target);
    return true;
}

std::string LabSession::live_faults_yaml() const {
    std::map<std::string, std::string> sections;
    for (const auto& fault : live_faults_) sections[fault.section()] += "  " + fault.to_yaml() + "\n";
    std::string out;
    for (const char* name : {"producers", "consumers"}) {
        if (sections.count(name)) out += std::string(name) + ":\n" + sections[name];
    }
    if (sections.count("faults") || out.empty()) out += "faults:\n" + sections["faults"];
    if (sections.count("steps")) out += "steps:\n" + sections["steps"];
    return out;
}

std::optional<std::string> LabSession::save_as(const std::filesystem::path& out) const {
    if (options_.source_file.empty()) return "this session was not opened from a file";
    return save_session(options_.source_file, out, live_faults_);
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

const kafka::PartitionLog* LabSession::replica_log(const std::string& host, const kafka::TopicPartition& tp) const {
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
        run_guarded([&] {
            std::ostringstream out;
            scenarios::print_report(*run_, scenarios::finish_run(*run_), out);
            checker_report_ = out.str();
        });
    }
    return checker_report_;
}

}  // namespace kafkalab::viz
