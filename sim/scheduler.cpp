#include "sim/scheduler.h"

#include <cassert>

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

TimerId Scheduler::schedule_at(Time at, EventInfo info, Callback fn) {
    if (at < now_) at = now_;
    std::uint32_t slot_index;
    if (!free_slots_.empty()) {
        slot_index = free_slots_.back();
        free_slots_.pop_back();
    } else {
        slot_index = static_cast<std::uint32_t>(slots_.size());
        slots_.emplace_back();
    }
    Slot& slot = slots_[slot_index];
    slot.fn = std::move(fn);
    slot.info = info;
    slot.live = true;
    slot.owner_incarnation = info.node == no_node || info.kind != EventKind::timer
                                 ? 0
                                 : incarnations_[info.node];
    ++live_;
    push({at.time_since_epoch().count(), next_sequence_++, slot_index});
    return {slot_index, slot.generation};
}

bool Scheduler::cancel(TimerId id) {
    if (!id.valid() || id.slot >= slots_.size()) return false;
    Slot& slot = slots_[id.slot];
    if (slot.generation != id.generation || !slot.live) return false;
    slot.live = false;
    slot.fn.reset();
    --live_;
    return true;
}

void Scheduler::push(Entry entry) {
    heap_.push_back(entry);
    std::size_t child = heap_.size() - 1;
    while (child > 0) {
        std::size_t parent = (child - 1) / 4;
        if (!earlier(entry, heap_[parent])) break;
        heap_[child] = heap_[parent];
        child = parent;
    }
    heap_[child] = entry;
}

Scheduler::Entry Scheduler::pop() {
    Entry top = heap_.front();
    Entry last = heap_.back();
    heap_.pop_back();
    const std::size_t size = heap_.size();
    if (size == 0) return top;
    std::size_t hole = 0;
    for (;;) {
        std::size_t first_child = hole * 4 + 1;
        if (first_child >= size) break;
        std::size_t best = first_child;
        std::size_t end = first_child + 4 < size ? first_child + 4 : size;
        for (std::size_t c = first_child + 1; c < end; ++c) {
            if (earlier(heap_[c], heap_[best])) best = c;
        }
        if (!earlier(heap_[best], last)) break;
        heap_[hole] = heap_[best];
        hole = best;
    }
    heap_[hole] = last;
    return top;
}

void Scheduler::release(std::uint32_t slot_index) {
    Slot& slot = slots_[slot_index];
    slot.fn.reset();
    slot.live = false;
    ++slot.generation;
    free_slots_.push_back(slot_index);
}

bool Scheduler::settle_top() {
    while (!heap_.empty()) {
        const Slot& slot = slots_[heap_.front().slot];
        bool orphaned = slot.live && slot.info.kind == EventKind::timer && slot.info.node != no_node &&
                        incarnations_[slot.info.node] != slot.owner_incarnation;
        if (slot.live && !orphaned) return true;
        if (orphaned) --live_;
        release(pop().slot);
    }
    return false;
}

void Scheduler::fire_top() {
    Entry entry = pop();
    Slot& slot = slots_[entry.slot];
    assert(entry.time >= now_.time_since_epoch().count());
    now_ = Time{Duration{entry.time}};
    --live_;
    ++fired_;
    // Take the callback out first: it may schedule events, which can grow `slots_`.
    Callback fn = std::move(slot.fn);
    EventInfo info = slot.info;
    release(entry.slot);
    if (!observers_.empty()) {
        FiredEvent fired{now_, entry.sequence, info};
        for (auto& observer : observers_) observer(fired);
    }
    fn();
}

bool Scheduler::step() {
    if (!settle_top()) return false;
    fire_top();
    return true;
}

void Scheduler::run_until(Time until) {
    const std::int64_t limit = until.time_since_epoch().count();
    while (settle_top() && heap_.front().time <= limit) fire_top();
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
    return Time{Duration{heap_.front().time}};
}

}  // namespace kafkalab::sim
