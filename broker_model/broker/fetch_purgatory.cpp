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
    const Ticket ticket{index, ++slot_uses_[index]};
    for (const FetchPartition& wanted : waiting.request->partitions) watch(wanted.partition, ticket);
    return ticket;
}

void FetchPurgatory::watch(const TopicPartition& tp, Ticket ticket) {
    WatchList* list = index_.find(tp);
    if (!list) {
        watch_lists_.push_back(WatchList{tp, {}});
        list = &watch_lists_.back();
        index_.insert(&list->partition, list);
    }
    // Most tickets here were answered long ago: an idle follower parks one fetch per
    // max.wait.ms, so pruning on each park keeps the list to the fetches still waiting.
    std::erase_if(list->tickets, [this](Ticket t) { return !current(t); });
    // A fetch naming a partition twice is watched once.
    if (!list->tickets.empty() && list->tickets.back().slot == ticket.slot && list->tickets.back().use == ticket.use) {
        return;
    }
    list->tickets.push_back(ticket);
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
