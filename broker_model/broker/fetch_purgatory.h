#pragma once
// Fetches a leader holds until data arrives or max.wait.ms passes: Kafka's fetch
// purgatory (DelayedOperationPurgatory<DelayedFetch>), which watches each waiting fetch
// under every partition it names, so that an append to one partition checks only the
// fetches that asked for it, in the order they arrived.
//
// A parked fetch lives in a slot that is reused once it is answered; a ticket names
// the slot and its use, so a ticket held by a timer or a watch list goes stale instead
// of pointing at the slot's next fetch. Each partition holds its own watch list (see
// Partition::fetch_watchers): the leader has just touched the partition when it parks
// a fetch or appends, where a list of the purgatory's own was two more cache misses.
// Stale tickets leave a list when the next fetch is watched there.
#include <cstdint>
#include <memory>
#include <vector>

#include "broker_model/protocol/fetch.h"
#include "sim/node.h"

namespace kafkalab::kafka {

struct FetchTicket {
    std::uint32_t slot = 0;
    std::uint32_t use = 0;
};
/// The tickets of the fetches watching one partition, in the order they were parked.
using FetchWatchList = std::vector<FetchTicket>;

class FetchPurgatory {
public:
    using Ticket = FetchTicket;
    struct Waiting {
        sim::NodeIndex client = sim::no_node;
        std::shared_ptr<const FetchRequest> request;
        sim::TimerId timeout;
    };

    /// Parks the fetch; the caller then watches it under each partition it names.
    Ticket park(sim::NodeIndex client, std::shared_ptr<const FetchRequest> request);
    /// Adds the ticket to a partition's list, dropping the list's stale tickets.
    void watch(FetchWatchList& list, Ticket ticket);
    /// The fetch the ticket names, or null once it has been taken out.
    Waiting* find(Ticket ticket);
    /// Takes the fetch out of the purgatory (to answer it); it must be waiting.
    Waiting take(Ticket ticket);
    /// Calls visit(ticket) for each fetch still waiting in `list`, in the order they
    /// were parked. `visit` may take fetches out, but must not park or watch any.
    template <class Visit>
    void for_each_watching(const FetchWatchList& list, Visit visit) const;

    std::size_t size() const { return waiting_count_; }

private:
    // A slot's use count is odd while a fetch waits in it. The counts sit apart from
    // the fetches, 16 to a cache line: pruning a watch list checks many stale tickets.
    static bool occupied(std::uint32_t use) { return use % 2 == 1; }
    bool current(Ticket ticket) const { return slot_uses_[ticket.slot] == ticket.use && occupied(ticket.use); }

    std::vector<Waiting> slots_;
    std::vector<std::uint32_t> slot_uses_;
    std::vector<std::uint32_t> free_slots_;
    std::size_t waiting_count_ = 0;
};

template <class Visit>
void FetchPurgatory::for_each_watching(const FetchWatchList& list, Visit visit) const {
    // By index: nothing is watched meanwhile, so the list only ever gains staleness.
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Ticket ticket = list[i];
        if (current(ticket)) visit(ticket);
    }
}

}  // namespace kafkalab::kafka
