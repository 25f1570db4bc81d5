#include "sim/scheduler.h"

#include <algorithm>
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
    assert(at >= time_zero);  // Entry::key() relies on it
    if (next_tag_ >= tag_limit_) renumber();
    push({at.time_since_epoch().count(), next_tag_++ << 32 | slot_index});
    return {slot_index, cold.generation};
}

bool Scheduler::cancel(TimerId id) {
    if (!id.valid() || id.slot >= slots_.size()) return false;
    Slot& slot = slots_[id.slot];
    if (slot_infos_[id.slot].generation != id.generation || !slot.fn) return false;
    slot.fn.reset();
    --live_;
    return true;
}

void Scheduler::push(Entry entry) {
    heap_.push_back(entry);
    std::size_t child = heap_.size() - 1;
    while (child > heap_root) {
        const std::size_t parent = parent_of(child);
        if (!earlier(entry, heap_[parent])) break;
        heap_[child] = heap_[parent];
        child = parent;
    }
    heap_[child] = entry;
}

Scheduler::Entry Scheduler::pop() {
    const Entry top = heap_[heap_root];
    const Entry last = heap_.back();
    heap_.pop_back();
    const std::size_t size = heap_.size();
    if (size == heap_root) return top;
    // Bottom-up deletion: walk the hole down along the smallest children to a leaf,
    // then sift `last` up from there. `last` came from the bottom, so it almost always
    // belongs near the bottom again, and this saves one comparison per level.
    std::size_t hole = heap_root;
    for (;;) {
        const std::size_t first = first_child_of(hole);
        if (first >= size) break;
        // A fixed-length loop over a full set of children unrolls into conditional
        // moves on the 128-bit key; measured faster here than a tournament of pairs.
        std::size_t best = first;
        if (first + 4 <= size) {
            for (std::size_t c = first + 1; c < first + 4; ++c) {
                if (earlier(heap_[c], heap_[best])) best = c;
            }
        } else {
            for (std::size_t c = first + 1; c < size; ++c) {
                if (earlier(heap_[c], heap_[best])) best = c;
            }
        }
        heap_[hole] = heap_[best];
        hole = best;
    }
    while (hole > heap_root) {
        const std::size_t parent = parent_of(hole);
        if (!earlier(last, heap_[parent])) break;
        heap_[hole] = heap_[parent];
        hole = parent;
    }
    heap_[hole] = last;
    return top;
}

void Scheduler::renumber() {
    // Give pending entries the tags 0, 1, 2, ... in their current tag order. Relative
    // order is kept, so every comparison, and thus the heap's shape, stays valid.
    std::vector<std::size_t> by_tag(heap_.size() - heap_root);
    for (std::size_t i = 0; i < by_tag.size(); ++i) by_tag[i] = heap_root + i;
    std::sort(by_tag.begin(), by_tag.end(),
              [this](std::size_t a, std::size_t b) { return heap_[a].tag() < heap_[b].tag(); });
    for (std::size_t rank = 0; rank < by_tag.size(); ++rank) {
        Entry& entry = heap_[by_tag[rank]];
        entry.tag_slot = static_cast<std::uint64_t>(rank) << 32 | entry.slot();
    }
    next_tag_ = by_tag.size();
    assert(next_tag_ < tag_limit_);
}

void Scheduler::release(std::uint32_t slot_index) {
    slots_[slot_index].fn.reset();
    ++slot_infos_[slot_index].generation;
    free_slots_.push_back(slot_index);
}

bool Scheduler::settle_top() {
    while (!heap_empty()) {
        const std::uint32_t slot_index = heap_[heap_root].slot();
        Slot& slot = slots_[slot_index];
        if (slot.fn) {
            if (slot.owner == no_node || incarnations_[slot.owner] == slot.owner_incarnation) return true;
            --live_;  // an orphan: its node crashed after scheduling it
        }
        pop();
        release(slot_index);
    }
    return false;
}

void Scheduler::fire_top() {
    const Entry entry = pop();
    const std::uint32_t slot_index = entry.slot();
    if (!heap_empty()) {
        // The next event's slot is most likely the next one to fire; with thousands of
        // events pending it is rarely in cache, so fetch it while this callback runs.
        const std::uint32_t next = heap_[heap_root].slot();
        __builtin_prefetch(&slots_[next]);
        // The event after it is one of the root's children: start on those too.
        const std::size_t first = first_child_of(heap_root);
        for (std::size_t c = first; c < first + 4 && c < heap_.size(); ++c) {
            __builtin_prefetch(&slots_[heap_[c].slot()]);
        }
        // SlotInfo is 48 bytes: half of them straddle two cache lines.
        const auto* info = reinterpret_cast<const char*>(&slot_infos_[next]);
        __builtin_prefetch(info);
        __builtin_prefetch(info + sizeof(SlotInfo) - 1);
    }
    assert(entry.time >= now_.time_since_epoch().count());
    now_ = Time{Duration{entry.time}};
    --live_;
    ++fired_;
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
    while (settle_top() && heap_[heap_root].time <= limit) fire_top();
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
    return Time{Duration{heap_[heap_root].time}};
}

}  // namespace kafkalab::sim
