#pragma once
// The event queue and the clock. Events fire in a total order: by time, then by the
// order they were scheduled in, so two runs that schedule the same events fire them
// identically. Time jumps straight to the next event; nothing ever waits.
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "sim/callback.h"
#include "sim/event_queue.h"
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
    /// Runs after an event's callback returned, with the event that fired (its message
    /// pointer cleared: the message may be gone by then).
    using AfterEvent = std::function<void(const FiredEvent&)>;

    Time now() const { return now_; }

    /// Schedules `fn` at `at` (clamped to now: the past cannot be scheduled). If the
    /// event has an owner node, it is skipped silently when that node has crashed
    /// (its incarnation changed) before the event fires. An empty `fn` schedules an
    /// event that does nothing when it fires.
    TimerId schedule_at(Time at, EventInfo info, Callback fn) { return schedule(at, info, std::move(fn)); }
    TimerId schedule_after(Duration delay, EventInfo info, Callback fn) {
        return schedule(now_ + delay, info, std::move(fn));
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
    /// Entries the queue holds: pending events plus cancelled and orphaned ones not yet
    /// dropped. Cancelled entries never outnumber live ones by more than a few
    /// thousand (see compact()), so memory follows what is pending.
    std::size_t queued() const { return queue_.size(); }
    std::uint64_t fired() const { return fired_; }

    void add_observer(Observer observer) { observers_.push_back(std::move(observer)); }
    /// One hook that sees the state every event left behind (the invariant checker);
    /// an empty function removes it. Without one, firing costs one test of a flag.
    /// The hook may throw to stop the run: the event has completed and the queue is
    /// consistent, so the exception leaves step() or run_until() cleanly.
    void set_after_event(AfterEvent hook) { after_event_ = std::move(hook); }

    /// Calls `visit(time, sequence, info)` for every live pending event, in queue order
    /// (not firing order). Read-only: the viewer draws the messages in flight with it.
    template <class Visit>
    void for_each_pending(Visit&& visit) const {
        queue_.for_each([&](const EventQueue::Entry& entry) {
            const std::uint32_t slot_index = entry.slot();
            const Slot& slot = slots_[slot_index];
            if (!slot.fn) return;
            if (slot.owner != no_node && incarnations_[slot.owner] != slot.owner_incarnation) return;
            visit(Time{Duration{entry.time}}, slot_infos_[slot_index].sequence, slot_infos_[slot_index].info);
        });
    }

    /// Owner bookkeeping: every node gets a slot; crashing it makes its events orphans.
    NodeIndex add_owner();
    void bump_incarnation(NodeIndex owner) { ++incarnations_[owner]; }
    std::uint32_t incarnation(NodeIndex owner) const { return incarnations_[owner]; }

private:
    friend struct SchedulerTesting;  // tests shrink tag_limit_, and compact at will

    // The hot path of one event touches a 16-byte queue entry and one 64-byte slot;
    // what only observers and handles need lives apart in SlotInfo. The queue orders
    // by (time, tag), where the tag is the low 32 bits of the scheduling sequence, and
    // renumbering keeps tags in sequence order when the counter runs out, so the order
    // stays exactly (time, sequence).
    using Entry = EventQueue::Entry;
    /// What firing an event needs. An empty `fn` means the slot is free, or its event
    /// was cancelled or already fired.
    struct alignas(64) Slot {
        Callback fn;
        NodeIndex owner = no_node;  // the timer's node, whose crash orphans it; else no_node
        std::uint32_t owner_incarnation = 0;
    };
    struct SlotInfo {
        EventInfo info;
        std::uint64_t sequence = 0;    // the full scheduling sequence, for observers
        std::uint32_t generation = 0;  // grows on every release; stale TimerIds then miss
    };

    /// Both public ways to schedule end here; taking the callback by reference saves
    /// moving it once more on the way into its slot.
    TimerId schedule(Time at, const EventInfo& info, Callback&& fn);
    /// Drops every cancelled entry from the queue. Kafka clients arm a request timeout
    /// (30 s) for each request and cancel it when the answer comes, usually within a
    /// millisecond: left in the queue until due, those dead timers outnumbered the live
    /// events sixty to one in a large idle cluster, and took most of its memory.
    void compact();
    void release(std::uint32_t slot);
    /// Drops dead entries at the top; true if a live event is on top.
    bool settle_top();
    void fire_top();
    /// fire_top's rare path when an after-event hook is set, kept out of the hot loop.
    [[gnu::noinline]] void fire_watched(Callback& fn, std::uint32_t slot_index);

    Time now_ = time_zero;
    std::uint64_t next_sequence_ = 0;
    /// The tag the next event gets. Invariant: every pending entry's tag is below it, and
    /// tags of pending entries are in the order of their sequences.
    std::uint64_t next_tag_ = 0;
    std::uint64_t tag_limit_ = std::uint64_t{1} << 32;
    std::uint64_t fired_ = 0;
    std::size_t live_ = 0;
    std::size_t cancelled_ = 0;  // cancelled entries still in the queue
    /// Compaction waits for this many more cancelled entries than live ones, so that
    /// its cost, linear in the queue, is paid for by as many cancels.
    static constexpr std::size_t compaction_slack = 4096;
    /// Holds cancelled and orphaned entries until they reach the top.
    EventQueue queue_;
    std::vector<Slot> slots_;
    std::vector<SlotInfo> slot_infos_;  // parallel to slots_
    std::vector<std::uint32_t> free_slots_;
    std::vector<std::uint32_t> incarnations_;
    std::vector<Observer> observers_;
    AfterEvent after_event_;
};

}  // namespace kafkalab::sim
