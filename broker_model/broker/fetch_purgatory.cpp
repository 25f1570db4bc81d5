#include "broker_model/broker/fetch_purgatory.h"

#include <algorithm>
#include <cassert>

namespace kafkalab::kafka {

FetchPurgatory::Ticket FetchPurgatory::park(sim::NodeIndex client, std::shared_ptr<const FetchRequest> request) {
    std::uint32_t index;
    if (free_slots_.empty()) {
        index = static_cast<std::uint32_t>(slots_.size());
        slots_.emplace_back();
        slot_uses_.push_back(0);
    } else {
        index = free_slots_.back();
        free_slots_.pop_back();
    }
    Waiting& waiting = slots_[index];
    waiting.client = client;
    waiting.request = std::move(request);
    waiting.timeout = {};
    ++waiting_count_;
    return Ticket{index, ++slot_uses_[index]};
}

void FetchPurgatory::watch(FetchWatchList& list, Ticket ticket) {
    // Most tickets here were answered long ago: an idle follower parks one fetch per
    // max.wait.ms, so pruning on each watch keeps the list to the fetches still waiting.
    std::erase_if(list, [this](Ticket t) { return !current(t); });
    // A fetch naming a partition twice is watched once.
    if (!list.empty() && list.back().slot == ticket.slot && list.back().use == ticket.use) return;
    list.push_back(ticket);
}

FetchPurgatory::Waiting* FetchPurgatory::find(Ticket ticket) {
    if (ticket.slot >= slots_.size() || !current(ticket)) return nullptr;
    return &slots_[ticket.slot];
}

FetchPurgatory::Waiting FetchPurgatory::take(Ticket ticket) {
    assert(find(ticket));
    Waiting taken = std::move(slots_[ticket.slot]);
    slots_[ticket.slot] = {};
    ++slot_uses_[ticket.slot];  // even: free
    free_slots_.push_back(ticket.slot);
    --waiting_count_;
    return taken;
}

}  // namespace kafkalab::kafka
