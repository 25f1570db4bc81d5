#pragma once
// The event queue and the clock. Events fire in a total order: by time, then by the
// order they were scheduled in, so two runs that schedule the same events fire them
// identically. Time jumps straight to the next event; nothing ever waits.
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "sim/callback.h"
#include "sim/time.h"

namespace kafkalab::sim {

class Message;

/// Index of a node in its Simulation; events owned by a node die with it.
using NodeIndex = std::uint32_t;
constexpr NodeIndex no_node = std::numeric_limits<NodeIndex>::max();

enum class EventKind : std::uint8_t {
    timer,     // a node's timer
    delivery,  // a message arriving at a node (it may still be dropped on arrival)
    control,   // the simulation itself: faults, scenario steps, narration
};

const char* to_string(EventKind kind);

/// What an event is, for observers (trace, viewer); the kernel itself only needs `owner`.
struct EventInfo {
    EventKind kind = EventKind::control;
    NodeIndex node = no_node;      // the node the event happens at (receiver, timer owner)
    NodeIndex peer = no_node;      // the sender, for deliveries
    const char* label = "";        // a static name: "heartbeat", "Produce", ...
    const Message* message = nullptr;  // alive while observers run, for deliveries
};

struct FiredEvent {
    Time time;
    std::uint64_t sequence;  // the event's position in the total order of scheduling
    EventInfo info;
};

/// Handle for cancelling a scheduled event. A default handle refers to nothing.
struct TimerId {
    std::uint32_t slot = std::numeric_limits<std::uint32_t>::max();
    std::uint32_t generation = 0;
    bool valid() const { return slot != std::numeric_limits<std::uint32_t>::max(); }
};

class Scheduler {
public:
    using Observer = std::function<void(const FiredEvent&)>;

    Time now() const { return now_; }

    /// Schedules `fn` at `at` (clamped to now: the past cannot be scheduled). If the
    /// event has an owner node, it is skipped silently when that node has crashed
    /// (its incarnation changed) before the event fires.
    TimerId schedule_at(Time at, EventInfo info, Callback fn);
    TimerId schedule_after(Duration delay, EventInfo info, Callback fn) {
        return schedule_at(now_ + delay, info, std::move(fn));
    }

    /// Cancels a pending event; returns false if it already fired or was cancelled.
    bool cancel(TimerId id);

    /// Fires exactly one live event (skipping cancelled and orphaned ones). Returns
    /// false, and leaves the clock alone, when nothing is pending.
    bool step();
    /// Fires every event due at or before `until`, then moves the clock to `until`.
    void run_until(Time until);
    void run_for(Duration d) { run_until(now_ + d); }
    /// Fires events until none is pending or `max_events` have fired.
    std::uint64_t run(std::uint64_t max_events = std::numeric_limits<std::uint64_t>::max());

    /// Time of the next live event, or time_never.
    Time next_event_time();
    /// Live events still pending (cancelled ones are not counted).
    std::size_t pending() const { return live_; }
    std::uint64_t fired() const { return fired_; }

    void add_observer(Observer observer) { observers_.push_back(std::move(observer)); }

    /// Owner bookkeeping: every node gets a slot; crashing it makes its events orphans.
    NodeIndex add_owner();
    void bump_incarnation(NodeIndex owner) { ++incarnations_[owner]; }
    std::uint32_t incarnation(NodeIndex owner) const { return incarnations_[owner]; }

private:
    struct Entry {
        std::int64_t time;
        std::uint64_t sequence;
        std::uint32_t slot;
    };
    struct Slot {
        Callback fn;
        EventInfo info;
        std::uint32_t generation = 0;
        std::uint32_t owner_incarnation = 0;
        bool live = false;
    };

    static bool earlier(const Entry& a, const Entry& b) {
        return a.time < b.time || (a.time == b.time && a.sequence < b.sequence);
    }
    void push(Entry entry);
    Entry pop();
    void release(std::uint32_t slot);
    /// Drops dead entries at the top; true if a live event is on top.
    bool settle_top();
    void fire_top();

    Time now_ = time_zero;
    std::uint64_t next_sequence_ = 0;
    std::uint64_t fired_ = 0;
    std::size_t live_ = 0;
    std::vector<Entry> heap_;  // 4-ary min-heap ordered by `earlier`
    std::vector<Slot> slots_;
    std::vector<std::uint32_t> free_slots_;
    std::vector<std::uint32_t> incarnations_;
    std::vector<Observer> observers_;
};

}  // namespace kafkalab::sim
