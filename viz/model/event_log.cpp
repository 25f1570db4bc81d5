#include "viz/model/event_log.h"

#include <algorithm>

#include "scenarios/runner/notable_event.h"
#include "scenarios/runner/scenario_run.h"
#include "viz/model/cluster_snapshot.h"

namespace kafkalab::viz {

const char* to_string(EventCategory category) {
    switch (category) {
        case EventCategory::message: return "message";
        case EventCategory::fault: return "fault";
        case EventCategory::election: return "election";
        case EventCategory::isr_change: return "ISR change";
        case EventCategory::rebalance: return "rebalance";
        case EventCategory::controller: return "controller";
        case EventCategory::other: return "other";
    }
    return "?";
}

namespace {

/// The viewer's grouping of what the runner's classification says a record is.
EventCategory category_of(const sim::TraceRecord& record) {
    using scenarios::NotableKind;
    const std::optional<NotableKind> kind = scenarios::classify(record);
    if (!kind) return EventCategory::other;
    switch (*kind) {
        case NotableKind::crash:
        case NotableKind::power_loss:
        case NotableKind::clean_exit:
        case NotableKind::restart:
        case NotableKind::partition:
        case NotableKind::heal:
        case NotableKind::cut:
        case NotableKind::restore: return EventCategory::fault;
        case NotableKind::leader_election:
        case NotableKind::unclean_election: return EventCategory::election;
        case NotableKind::isr_change: return EventCategory::isr_change;
        case NotableKind::rebalance: return EventCategory::rebalance;
        case NotableKind::controller:
        case NotableKind::broker_failure: return EventCategory::controller;
        case NotableKind::controlled_shutdown:
        case NotableKind::zk_session_expired:
        case NotableKind::topic_deletion:
        case NotableKind::truncation: return EventCategory::other;
    }
    return EventCategory::other;
}

}  // namespace

std::string EventEntry::describe() const {
    if (category == EventCategory::message) return from + " \u2192 " + to + ": " + text;
    std::string who = !to.empty() ? to : from;
    std::string line = kind;
    if (!who.empty()) line += " " + who;
    if (!text.empty()) line += ": " + text;
    return line;
}

void EventLog::attach(scenarios::ScenarioRun& run) {
    run_ = &run;
    auto& sim = run.simulation();
    start_ = sim.now() - run.now();
    roles_ = host_roles(run);
    sim.scheduler().add_observer([this](const sim::FiredEvent& event) { on_fired(event); });
    auto previous = sim.event_listener();
    sim.set_event_listener([this, previous](const sim::TraceRecord& record) {
        if (previous) previous(record);
        on_record(record);
    });
}

void EventLog::on_fired(const sim::FiredEvent& event) {
    if (event.info.kind != sim::EventKind::delivery || !event.info.message) return;
    auto& sim = run_->simulation();
    // A client started after attach() (a console tool, one added from the window).
    if (roles_.size() < sim.node_count()) roles_ = host_roles(*run_);
    EventEntry entry;
    entry.event_number = sim.scheduler().fired();
    entry.time = event.time - start_;
    entry.kind = "deliver";
    entry.from = sim.node_name(event.info.peer);
    entry.to = sim.node_name(event.info.node);
    entry.message_kind = classify_message(event.info.label, roles_[event.info.peer], roles_[event.info.node]);
    entry.text = event.info.message->summary();
    add(std::move(entry));
}

void EventLog::on_record(const sim::TraceRecord& record) {
    EventEntry entry;
    entry.event_number = run_->simulation().scheduler().fired();
    entry.time = record.time - start_;
    entry.category = category_of(record);
    const std::optional<scenarios::NotableKind> kind = scenarios::classify(record);
    entry.kind = kind ? scenarios::label(*kind) : record.kind;
    entry.from = record.source;
    entry.to = record.destination;
    entry.text = record.summary;
    entry.event = record.event;
    add(std::move(entry));
}

void EventLog::add(EventEntry entry) {
    ++added_;
    if (entry.category == EventCategory::message) {
        ++message_count_;
        while (message_count_ > message_capacity_ && !entries_.empty()) {
            if (entries_.front().category == EventCategory::message) --message_count_;
            entries_.pop_front();
        }
    } else {
        notable_.push_back(entry);
    }
    entries_.push_back(std::move(entry));
}

}  // namespace kafkalab::viz
