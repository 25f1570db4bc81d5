#pragma once
// Every event of a run as a line a student can read, with its time and its number in
// the run's total order of events ("12.345678s  #48211  registrations → broker-2:
// Produce payments-0 1 record acks=all"). Messages come from the scheduler (each
// delivery as it fires), the rest (crashes, elections, ISR changes, rebalances) from
// the simulation's notable records. Timers are left out: they are the model's
// bookkeeping, not something that happens between hosts.
//
// Only observes: attaching a log adds an observer and chains a listener, and neither
// changes what the simulation does.
#include <any>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "sim/simulation.h"
#include "viz/model/host_role.h"
#include "viz/model/message_kind.h"

namespace kafkalab::scenarios {
class ScenarioRun;
}

namespace kafkalab::viz {

/// What an entry is about: a message of some kind, or one of the notable happenings
/// a timeline marks.
enum class EventCategory : std::uint8_t { message, fault, election, isr_change, rebalance, controller, other };
const char* to_string(EventCategory category);

struct EventEntry {
    std::uint64_t event_number = 0;  // Scheduler::fired() when it happened
    sim::Duration time{0};           // scenario time
    EventCategory category = EventCategory::message;
    MessageKind message_kind = MessageKind::metadata;  // for messages
    std::string kind;                // "deliver", "crash", "leader-election", ...
    std::string from;
    std::string to;
    std::string text;                // the message's or the event's rendering, for reading
    /// The notable record's typed event (a sim::FaultEvent or a kafka::ModelEvent), which
    /// the viewer's marks read; empty for messages and the viewer's own notes.
    std::any event;

    template <class T>
    const T* event_as() const { return std::any_cast<T>(&event); }

    /// "registrations → broker-2: Produce payments-0 1 record acks=all"
    std::string describe() const;
};

class EventLog {
public:
    /// Keeps at most `message_capacity` message entries (the oldest go first); notable
    /// entries are all kept, since the timeline marks them.
    explicit EventLog(std::size_t message_capacity = 200'000) : message_capacity_(message_capacity) {}

    /// Starts recording `run`, which must not outlive this log. A rewind starts a new
    /// run and a new log.
    void attach(scenarios::ScenarioRun& run);

    const std::deque<EventEntry>& entries() const { return entries_; }
    const std::vector<EventEntry>& notable() const { return notable_; }
    /// Entries ever added, including those the capacity pushed out.
    std::uint64_t added() const { return added_; }
    /// Adds a notable entry the simulation did not record itself (the viewer's own
    /// findings, such as a broken model invariant).
    void note(EventEntry entry) { add(std::move(entry)); }

private:
    void on_fired(const sim::FiredEvent& event);
    void on_record(const sim::TraceRecord& record);
    void add(EventEntry entry);

    std::size_t message_capacity_;
    std::size_t message_count_ = 0;
    std::uint64_t added_ = 0;
    scenarios::ScenarioRun* run_ = nullptr;
    sim::Time start_{};
    std::vector<HostRole> roles_;
    std::deque<EventEntry> entries_;
    std::vector<EventEntry> notable_;
};

}  // namespace kafkalab::viz
