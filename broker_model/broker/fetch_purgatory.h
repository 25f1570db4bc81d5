#pragma once
// Fetches a leader holds until data arrives or max.wait.ms passes: Kafka's fetch
// purgatory (DelayedOperationPurgatory<DelayedFetch>), which watches each waiting fetch
// under every partition it names, so that an append to one partition checks only the
// fetches that asked for it, in the order they arrived.
//
// A parked fetch lives in a slot that is reused once it is answered; a ticket names
// the slot and its use, so a ticket held by a timer or a watch list goes stale instead
// of pointing at the slot's next fetch. Stale tickets leave a watch list when the next
// fetch of that partition is parked.
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "broker_model/common/partition_index.h"
#include "broker_model/protocol/fetch.h"
#include "sim/node.h"

namespace kafkalab::kafka {

class FetchPurgatory {
public:
    struct Ticket {
        std::uint32_t slot = 0;
        std::uint32_t use = 0;
    };
    struct Waiting {
        sim::NodeIndex client = sim::no_node;
        std::shared_ptr<const FetchRequest> request;
        sim::TimerId timeout;
    };

    FetchPurgatory() = default;
    // The index points into watch_lists_: a copy would point into the original.
    FetchPurgatory(const FetchPurgatory&) = delete;
    FetchPurgatory& operator=(const FetchPurgatory&) = delete;

    /// Parks the fetch and watches it under each partition it names.
    Ticket park(sim::NodeIndex client, std::shared_ptr<const FetchRequest> request);
    /// The fetch the ticket names, or null once it has been taken out.
    Waiting* find(Ticket ticket);
    /// Takes the fetch out of the purgatory (to answer it); it must be waiting.
    Waiting take(Ticket ticket);
    /// Calls visit(ticket) for each fetch waiting on `tp`, in the order they were
    /// parked. `visit` may take fetches out, but must not park any.
    template <class Visit>
    void for_each_watching(const TopicPartition& tp, Visit visit);

    std::size_t size() const { return waiting_count_; }

private:
    struct WatchList {
        TopicPartition partition;
        std::vector<Ticket> tickets;
    };

    // A slot's use count is odd while a fetch waits in it. The counts sit apart from
    // the fetches, 16 to a cache line: pruning a watch list checks many stale tickets.
    static bool occupied(std::uint32_t use) { return use % 2 == 1; }
    bool current(Ticket ticket) const { return slot_uses_[ticket.slot] == ticket.use && occupied(ticket.use); }
    void watch(const TopicPartition& tp, Ticket ticket);

    std::vector<Waiting> slots_;
    std::vector<std::uint32_t> slot_uses_;
    std::vector<std::uint32_t> free_slots_;
    std::size_t waiting_count_ = 0;
    /// Never shrinks: a partition once fetched is likely fetched again. A deque, so
    /// that the index's pointers to its entries hold.
    std::deque<WatchList> watch_lists_;
    PartitionIndex<WatchList> index_;
};

template <class Visit>
void FetchPurgatory::for_each_watching(const TopicPartition& tp, Visit visit) {
    WatchList* list = index_.find(tp);
    if (!list) return;
    // By index: nothing is parked meanwhile, so the list only ever loses staleness.
    for (std::size_t i = 0; i < list->tickets.size(); ++i) {
        const Ticket ticket = list->tickets[i];
        if (current(ticket)) visit(ticket);
    }
}

}  // namespace kafkalab::kafka
