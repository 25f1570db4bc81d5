#include "sim/scheduler.h"

#include <algorithm>
#include <cassert>
#include <span>

#include "sim/heap_populator.h"

namespace kafkalab::sim {

const char* to_string(EventKind kind) {
    switch (kind) {
        case EventKind::timer: return "timer";
        case EventKind::delivery: return "delivery";
        case EventKind::control: return "control";
    }
    return "?";
}

NodeIndex Scheduler::add_owner() {
    incarnations_.push_back(0);
    return static_cast<NodeIndex>(incarnations_.size() - 1);
}

TimerId Scheduler::schedule(Time at, const EventInfo& info, Callback&& fn) {
    if (at < now_) at = now_;
    std::uint32_t slot_index;
    if (!free_slots_.empty()) {
        slot_index = free_slots_.back();
        free_slots_.pop_back();
    } else {
        slot_index = static_cast<std::uint32_t>(slots_.size());
        slots_.emplace_back();
        slot_infos_.emplace_back();
    }
    Slot& slot = slots_[slot_index];
    slot.fn = std::move(fn);
    // An empty callback would mark the slot dead; an event that does nothing is what
    // the caller asked for.
    if (!slot.fn) slot.fn = Callback([] {});
    const bool owned = info.node != no_node && info.kind == EventKind::timer;
    slot.owner = owned ? info.node : no_node;
    slot.owner_incarnation = owned ? incarnations_[info.node] : 0;
    SlotInfo& cold = slot_infos_[slot_index];
    cold.info = info;
    cold.sequence = next_sequence_++;
    ++live_;
    assert(at >= time_zero);  // the queue's buckets rely on it
    if (next_tag_ >= tag_limit_) {
        next_tag_ = queue_.renumber();
        assert(next_tag_ < tag_limit_);
    }
    queue_.push({at.time_since_epoch().count(), next_tag_++ << 32 | slot_index});
    return {slot_index, cold.generation};
}

bool Scheduler::cancel(TimerId id) {
    if (!id.valid() || id.slot >= slots_.size()) return false;
    Slot& slot = slots_[id.slot];
    if (slot_infos_[id.slot].generation != id.generation || !slot.fn) return false;
    slot.fn.reset();
    --live_;
    if (++cancelled_ > live_ + compaction_slack) compact();
    return true;
}

void Scheduler::compact() {
    // Only cancelled entries have an empty callback: a fired one leaves the queue first.
    queue_.remove_if([this](const Entry& entry) {
        if (slots_[entry.slot()].fn) return false;
        release(entry.slot());
        return true;
    });
    cancelled_ = 0;
}

void Scheduler::release(std::uint32_t slot_index) {
    slots_[slot_index].fn.reset();
    ++slot_infos_[slot_index].generation;
    free_slots_.push_back(slot_index);
}

bool Scheduler::settle_top() {
    while (!queue_.empty()) {
        const std::uint32_t slot_index = queue_.top().slot();
        Slot& slot = slots_[slot_index];
        if (slot.fn) {
            if (slot.owner == no_node || incarnations_[slot.owner] == slot.owner_incarnation) return true;
            --live_;  // an orphan: its node crashed after scheduling it
        } else {
            --cancelled_;
        }
        queue_.pop();
        release(slot_index);
    }
    return false;
}

void Scheduler::fire_top() {
    const Entry entry = queue_.top();
    queue_.pop();
    const std::uint32_t slot_index = entry.slot();
    // The next event's slot is rarely in cache with thousands of events pending: fetch
    // it, and its SlotInfo, while this callback runs. Often the queue only knows a few
    // candidates: fetch them all.
    const std::span<const Entry> upcoming = queue_.upcoming();
    if (!upcoming.empty()) {
        for (const Entry& next : upcoming) __builtin_prefetch(&slots_[next.slot()]);
        // SlotInfo is 48 bytes: half of them straddle two cache lines. The next two
        // events' are fetched, so that the next one's is usually here by now: the
        // message it delivers, which its receiver reads first, can be fetched too.
        for (std::size_t i = 0; i < std::min<std::size_t>(2, upcoming.size()); ++i) {
            const auto* info = reinterpret_cast<const char*>(&slot_infos_[upcoming[i].slot()]);
            __builtin_prefetch(info);
            __builtin_prefetch(info + sizeof(SlotInfo) - 1);
        }
        if (const Message* message = slot_infos_[upcoming.front().slot()].info.message) __builtin_prefetch(message);
    }
    assert(entry.time >= now_.time_since_epoch().count());
    now_ = Time{Duration{entry.time}};
    --live_;
    ++fired_;
    // Memory new since the last look is faulted in in bulk (see heap_populator.h).
    if ((fired_ & 63) == 0) HeapPopulator::poll();
    // Take the callback out first: it may schedule events, which can grow `slots_`.
    Callback fn = std::move(slots_[slot_index].fn);
    release(slot_index);
    if (!observers_.empty()) {
        const SlotInfo& cold = slot_infos_[slot_index];
        FiredEvent fired{now_, cold.sequence, cold.info};
        for (auto& observer : observers_) observer(fired);
    }
    if (after_event_) [[unlikely]] {
        fire_watched(fn, slot_index);
        return;
    }
    fn();
}

void Scheduler::fire_watched(Callback& fn, std::uint32_t slot_index) {
    // The slot may be reused by events the callback schedules: copy what the hook sees.
    FiredEvent fired{now_, slot_infos_[slot_index].sequence, slot_infos_[slot_index].info};
    fired.info.message = nullptr;
    fn();
    after_event_(fired);
}

bool Scheduler::step() {
    if (!settle_top()) return false;
    fire_top();
    return true;
}

void Scheduler::run_until(Time until) {
    const std::int64_t limit = until.time_since_epoch().count();
    while (settle_top() && queue_.top().time <= limit) fire_top();
    if (until > now_) now_ = until;
}

std::uint64_t Scheduler::run(std::uint64_t max_events) {
    std::uint64_t count = 0;
    while (count < max_events && settle_top()) {
        fire_top();
        ++count;
    }
    return count;
}

Time Scheduler::next_event_time() {
    if (!settle_top()) return time_never;
    return Time{Duration{queue_.top().time}};
}

}  // namespace kafkalab::sim
