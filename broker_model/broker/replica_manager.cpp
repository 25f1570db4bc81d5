#include "broker_model/broker/replica_manager.h"

#include <algorithm>

#include "broker_model/common/recurring_step.h"

namespace kafkalab::kafka {

namespace {
/// retry.backoff.ms (100 ms): how long a leader waits after a failed AlterPartition
/// before it proposes that partition's ISR again.
constexpr sim::Duration alter_partition_retry_backoff = std::chrono::milliseconds(100);
}  // namespace

/// An acks=all produce in purgatory: answered when every partition's high watermark
/// has passed its batch, or when the request's timeout expires.
struct ReplicaManager::PendingProduce {
    sim::NodeIndex client;
    std::int32_t correlation_id;
    struct Part {
        ProducePartitionResponse response;
        Offset required_offset{0};  // the high watermark must reach it
        LeaderEpoch leader_epoch = no_epoch;
        bool done = false;
    };
    std::vector<Part> parts;
    sim::TimerId timeout;
    bool answered = false;
    /// Set for appends made by the broker itself: called instead of sending a response.
    std::function<void(const ProduceResponse&)> local_callback;
};

ReplicaManager::ReplicaManager(BrokerServices& services) : services_(services), fetchers_(services) {}

ReplicaManager::~ReplicaManager() { *alive_ = false; }

void ReplicaManager::start() {
    auto alive = alive_;
    // Each task re-arms itself; the pending timer holds the only reference, so the loop
    // dies with the broker's timers.
    auto repeat = [this, alive](sim::Duration every, const char* label, std::function<void()> task) {
        auto loop = recurring_step([this, alive, every, label, task](const auto& again) {
            if (!*alive) return;
            task();
            services_.context.set_timer(every, label, again);
        });
        services_.context.set_timer(every, label, loop);
    };
    // Kafka schedules the "isr-expiration" task every replica.lag.time.max.ms / 2
    // (every replica.lag.time.max.ms before 0.10.2).
    repeat(services_.config.isr_expiration_period.value_or(services_.config.replica_lag_time_max / 2), "isr expiration",
           [this] { expire_isr(); });
    repeat(services_.config.high_watermark_checkpoint_interval, "high watermark checkpoint",
           [this] { services_.logs.checkpoint_high_watermarks(); });
    if (services_.config.log_flush_interval) {
        repeat(*services_.config.log_flush_interval, "log flush", [this] { services_.logs.flush_all(); });
    }
}

const Partition* ReplicaManager::partition(const TopicPartition& tp) const { return lookup(tp); }

Partition* ReplicaManager::lookup(const TopicPartition& tp) {
    return index_.find(tp);
}

const Partition* ReplicaManager::lookup(const TopicPartition& tp) const {
    return index_.find(tp);
}

std::vector<TopicPartition> ReplicaManager::led_partitions() const {
    std::vector<TopicPartition> led;
    for (const auto& [tp, p] : partitions_) {
        if (p.is_leader()) led.push_back(tp);
    }
    return led;
}

Partition* ReplicaManager::find_leader(const TopicPartition& tp, Error& error) {
    Partition* p = lookup(tp);
    if (!p || !p->is_leader()) {
        error = services_.metadata.partition(tp) ? Error::not_leader_or_follower : Error::unknown_topic_or_partition;
        return nullptr;
    }
    error = Error::none;
    return p;
}

Error ReplicaManager::check_epoch(const Partition& partition, LeaderEpoch current) const {
    // KIP-320: a client with an older epoch is fenced; one with a newer epoch knows
    // of a leader change this broker has not heard of yet.
    if (current == no_epoch) return Error::none;
    if (current < partition.leader_epoch()) return Error::fenced_leader_epoch;
    if (current > partition.leader_epoch()) return Error::unknown_leader_epoch;
    return Error::none;
}

void ReplicaManager::maybe_flush(PartitionLog& log) {
    std::int64_t every = services_.config.log_flush_interval_messages.value_or(0);
    if (every > 0 && log.unflushed_records() >= every) log.flush();
}

// --- Produce -------------------------------------------------------------------

void ReplicaManager::handle_produce(sim::NodeIndex from, const ProduceRequest& request) {
    auto pending = std::make_shared<PendingProduce>();
    pending->client = from;
    pending->correlation_id = request.correlation_id;
    start_produce_parts(*pending, request);
    if (request.acks == Acks::none) return;  // acks=0: the producer hears nothing
    wait_or_finish(pending, request);
}

void ReplicaManager::append_local(const TopicPartition& tp, std::shared_ptr<const RecordData> records, Acks acks,
                                  sim::Duration timeout, std::function<void(const ProducePartitionResponse&)> done) {
    ProduceRequest request;
    request.acks = acks;
    request.timeout_ms = static_cast<std::int32_t>(std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count());
    request.partitions.push_back({tp, std::move(records), {}});
    auto pending = std::make_shared<PendingProduce>();
    pending->client = sim::no_node;
    pending->local_callback = [done = std::move(done)](const ProduceResponse& response) {
        done(response.partitions.at(0));
    };
    start_produce_parts(*pending, request);
    if (acks == Acks::none) {
        ProduceResponse response;
        for (const auto& part : pending->parts) response.partitions.push_back(part.response);
        pending->local_callback(response);
        return;
    }
    wait_or_finish(pending, request);
}

void ReplicaManager::start_produce_parts(PendingProduce& pending, const ProduceRequest& request) {
    for (const auto& data : request.partitions) {
        PendingProduce::Part part;
        part.response.partition = data.partition;
        Error error;
        Partition* partition = find_leader(data.partition, error);
        if (partition && request.acks == Acks::all &&
            partition->isr().size() < static_cast<std::size_t>(services_.min_insync_replicas(data.partition.topic))) {
            // Checked before the append: the record is not written at all.
            error = Error::not_enough_replicas;
        }
        if (error != Error::none) {
            part.response.error = error;
            part.done = true;
            pending.parts.push_back(std::move(part));
            continue;
        }
        PartitionLog& log = partition->log();
        AppendResult result = log.append_as_leader(data.records, partition->leader_epoch(), data.producer);
        part.response.error = result.error;
        part.response.base_offset = result.first_offset;
        part.response.log_start_offset = log.log_start_offset();
        part.required_offset = result.last_offset + 1;
        part.leader_epoch = partition->leader_epoch();
        part.done = result.error != Error::none || request.acks != Acks::all;
        pending.parts.push_back(std::move(part));
        if (result.ok() && !result.duplicate) {
            maybe_flush(log);
            if (partition->maybe_increment_high_watermark()) on_high_watermark_moved(data.partition);
            on_partition_changed(data.partition);
        }
    }
}

void ReplicaManager::wait_or_finish(const std::shared_ptr<PendingProduce>& pending, const ProduceRequest& request) {
    if (request.acks == Acks::all && !try_complete_produce(*pending)) {
        auto alive = alive_;
        std::weak_ptr<PendingProduce> weak = pending;
        pending->timeout = services_.context.set_timer(
            std::chrono::milliseconds(request.timeout_ms), "produce timeout", [this, alive, weak] {
                if (!*alive) return;
                auto p = weak.lock();
                if (!p || p->answered) return;
                for (auto& part : p->parts) {
                    if (!part.done) part.response.error = Error::request_timed_out;
                    part.done = true;
                }
                finish_produce(p);
            });
        pending_produces_.push_back(pending);
        return;
    }
    finish_produce(pending);
}

bool ReplicaManager::try_complete_produce(PendingProduce& pending) {
    bool all_done = true;
    for (auto& part : pending.parts) {
        if (part.done) continue;
        const Partition* found = lookup(part.response.partition);
        // Still the leader, perhaps in a newer epoch (an ISR change bumps it): keep waiting,
        // as Kafka's DelayedProduce does; leadership lost: the producer must look again.
        if (!found || !found->is_leader()) {
            part.response.error = Error::not_leader_or_follower;
            part.done = true;
            continue;
        }
        const Partition& partition = *found;
        if (partition.log().high_watermark() < part.required_offset) {
            all_done = false;
            continue;
        }
        // Partition.checkEnoughReplicasReachOffset: replicated, but the ISR may have
        // shrunk below min.insync.replicas meanwhile.
        auto min_isr = static_cast<std::size_t>(services_.min_insync_replicas(part.response.partition.topic));
        if (partition.isr().size() < min_isr) part.response.error = Error::not_enough_replicas_after_append;
        part.done = true;
    }
    return all_done;
}

void ReplicaManager::finish_produce(const std::shared_ptr<PendingProduce>& pending) {
    if (pending->answered) return;
    pending->answered = true;
    services_.context.cancel_timer(pending->timeout);
    auto response = std::make_shared<ProduceResponse>();
    response->correlation_id = pending->correlation_id;
    for (const auto& part : pending->parts) response->partitions.push_back(part.response);
    std::erase(pending_produces_, pending);
    if (pending->local_callback) {
        pending->local_callback(*response);
    } else {
        services_.context.send(pending->client, response);
    }
}

void ReplicaManager::try_complete_produces(const TopicPartition& tp) {
    auto waiting = pending_produces_;  // finishing one edits the list
    for (const auto& pending : waiting) {
        bool involved = std::any_of(pending->parts.begin(), pending->parts.end(),
                                    [&](const auto& part) { return part.response.partition == tp; });
        if (involved && try_complete_produce(*pending)) finish_produce(pending);
    }
}

void ReplicaManager::fail_produces_for(const TopicPartition& tp) { try_complete_produces(tp); }

void ReplicaManager::on_high_watermark_moved(const TopicPartition& tp) { try_complete_produces(tp); }

void ReplicaManager::on_partition_changed(const TopicPartition& tp) { try_complete_fetches(tp); }

// --- Fetch ---------------------------------------------------------------------

std::size_t ReplicaManager::read_for_fetch(const FetchRequest& request, FetchResponse& response) {
    std::size_t bytes = 0;
    response.partitions.clear();
    response.partitions.reserve(request.partitions.size());  // one allocation, not one per doubling
    for (const auto& wanted : request.partitions) {
        FetchPartitionResponse data;
        data.partition = wanted.partition;
        Error error;
        Partition* partition = find_leader(wanted.partition, error);
        if (partition) error = check_epoch(*partition, wanted.current_leader_epoch);
        if (error != Error::none) {
            data.error = error;
            response.partitions.push_back(std::move(data));
            continue;
        }
        const PartitionLog& log = partition->log();
        const LastFetchedEpochCheck diverging = partition->check_last_fetched_epoch(wanted);
        if (!diverging.reads_records()) {
            // Nothing is read: the follower truncates first, and fetches again from there.
            data.error = diverging.error;
            data.diverging_epoch = diverging.diverging_epoch;
            data.high_watermark = log.high_watermark();
            data.log_start_offset = log.log_start_offset();
            response.partitions.push_back(std::move(data));
            continue;
        }
        // Followers read up to the LEO; consumers only what is committed (below the HW).
        Offset upper = request.from_follower() ? log.log_end_offset() : log.high_watermark();
        ReadResult read = log.read(wanted.fetch_offset, static_cast<std::size_t>(wanted.partition_max_bytes), upper);
        data.error = read.error;
        data.high_watermark = log.high_watermark();
        data.log_start_offset = log.log_start_offset();
        bytes += read.size_bytes;
        data.batches = std::move(read.batches);
        response.partitions.push_back(std::move(data));
    }
    return bytes;
}

void ReplicaManager::handle_fetch(sim::NodeIndex from, std::shared_ptr<const FetchRequest> request) {
    if (request->from_follower()) {
        // The fetch offset is the follower's LEO: it moves the HW and may grow the ISR.
        for (const auto& wanted : request->partitions) {
            Error error;
            Partition* partition = find_leader(wanted.partition, error);
            if (!partition || check_epoch(*partition, wanted.current_leader_epoch) != Error::none) continue;
            // A fetch the log cannot serve (OFFSET_OUT_OF_RANGE) says nothing of the
            // follower's log: Kafka skips the fetch state update on a read error. A
            // follower ahead of a leader that lost its tail would otherwise count as
            // holding offsets it is about to truncate, and lift the high watermark.
            const PartitionLog& log = partition->log();
            if (wanted.fetch_offset > log.log_end_offset() || wanted.fetch_offset < log.log_start_offset()) continue;
            // Nor does a fetch answered with a diverging epoch (Partition.fetchRecords):
            // the follower's fetch offset is past where their logs agree.
            if (!partition->check_last_fetched_epoch(wanted).reads_records()) continue;
            if (partition->record_follower_fetch(request->replica_id, wanted.fetch_offset, services_.now())) {
                on_high_watermark_moved(wanted.partition);
                on_partition_changed(wanted.partition);
            }
            maybe_expand_isr(*partition);
        }
    }
    // An idle follower asks for exactly its log end and finds nothing there: it waits
    // without the response read_for_fetch would build for it and drop. (Kafka reads
    // the log before parking a fetch too; what it finds decides the same way.)
    if (request->max_wait_ms > 0 && nothing_to_read(*request)) return park_fetch(from, std::move(request));
    std::size_t bytes = read_for_fetch(*request, fetch_probe_);
    // An error or a diverging epoch is answered at once (ReplicaManager.fetchMessages).
    bool any_error = std::any_of(fetch_probe_.partitions.begin(), fetch_probe_.partitions.end(),
                                 [](const auto& p) { return p.error != Error::none || p.diverging_epoch; });
    if (bytes >= static_cast<std::size_t>(std::max(request->min_bytes, 1)) || request->max_wait_ms <= 0 || any_error) {
        auto response = std::make_shared<FetchResponse>();
        response->correlation_id = request->correlation_id;
        response->partitions = std::move(fetch_probe_.partitions);
        fetch_probe_.partitions.clear();  // moved-from: make it empty for sure
        services_.context.send(from, response);
        return;
    }
    fetch_probe_.partitions.clear();  // let go of any batches it read
    park_fetch(from, std::move(request));
}

bool ReplicaManager::nothing_to_read(const FetchRequest& request) {
    for (const auto& wanted : request.partitions) {
        Error error;
        const Partition* partition = find_leader(wanted.partition, error);
        if (!partition || check_epoch(*partition, wanted.current_leader_epoch) != Error::none) return false;
        if (!partition->check_last_fetched_epoch(wanted).reads_records()) return false;
        const PartitionLog& log = partition->log();
        const Offset upper = request.from_follower() ? log.log_end_offset() : log.high_watermark();
        if (!log.has_nothing_to_read(wanted.fetch_offset, upper)) return false;
    }
    return true;
}

void ReplicaManager::park_fetch(sim::NodeIndex from, std::shared_ptr<const FetchRequest> request) {
    // Long poll: hold the fetch until data arrives or max.wait.ms passes.
    const sim::Duration max_wait = std::chrono::milliseconds(request->max_wait_ms);
    const FetchPurgatory::Ticket ticket = fetch_purgatory_.park(from, std::move(request));
    FetchPurgatory::Waiting& parked = *fetch_purgatory_.find(ticket);
    for (const auto& wanted : parked.request->partitions) {
        // Every partition named is led here (the fetch was answered otherwise), so
        // the lookup finds it; were it not, max.wait.ms would still answer the fetch.
        if (Partition* partition = lookup(wanted.partition)) {
            fetch_purgatory_.watch(partition->fetch_watchers(), ticket);
        }
    }
    auto alive = alive_;
    parked.timeout =
        services_.context.set_timer(max_wait, "fetch max wait", [this, alive, ticket] {
            if (!*alive) return;
            if (fetch_purgatory_.find(ticket)) answer_fetch(ticket);
        });
}

void ReplicaManager::answer_fetch(FetchPurgatory::Ticket ticket) {
    FetchPurgatory::Waiting waiting = fetch_purgatory_.take(ticket);
    services_.context.cancel_timer(waiting.timeout);
    auto response = std::make_shared<FetchResponse>();
    response->correlation_id = waiting.request->correlation_id;
    read_for_fetch(*waiting.request, *response);
    services_.context.send(waiting.client, response);
}

void ReplicaManager::try_complete_fetches(const TopicPartition& tp) {
    // Only led partitions have fetches watching them, and a partition leaves only
    // after this has answered them (handle_stop_replica).
    Partition* partition = lookup(tp);
    if (!partition) return;
    // Answering a fetch only sends, so nothing is parked during the walk.
    fetch_purgatory_.for_each_watching(partition->fetch_watchers(), [this](FetchPurgatory::Ticket ticket) {
        const FetchRequest& request = *fetch_purgatory_.find(ticket)->request;
        std::size_t bytes = read_for_fetch(request, fetch_probe_);
        bool any_error = std::any_of(fetch_probe_.partitions.begin(), fetch_probe_.partitions.end(),
                                     [](const auto& p) { return p.error != Error::none || p.diverging_epoch; });
        if (any_error || bytes >= static_cast<std::size_t>(std::max(request.min_bytes, 1))) answer_fetch(ticket);
    });
    fetch_probe_.partitions.clear();
}

// --- Offsets ---------------------------------------------------------------------

void ReplicaManager::handle_list_offsets(sim::NodeIndex from, const ListOffsetsRequest& request) {
    auto response = std::make_shared<ListOffsetsResponse>();
    response->correlation_id = request.correlation_id;
    for (const auto& wanted : request.partitions) {
        ListOffsetsPartitionResponse answer;
        answer.partition = wanted.partition;
        Error error;
        Partition* partition = find_leader(wanted.partition, error);
        if (!partition) {
            answer.error = error;
        } else {
            const PartitionLog& log = partition->log();
            // A consumer's "latest" is the high watermark: it never sees uncommitted data.
            answer.offset = wanted.timestamp == earliest_timestamp ? log.log_start_offset() : log.high_watermark();
            answer.leader_epoch = partition->leader_epoch();
        }
        response->partitions.push_back(answer);
    }
    services_.context.send(from, response);
}

void ReplicaManager::handle_offsets_for_leader_epoch(sim::NodeIndex from, const OffsetsForLeaderEpochRequest& request) {
    auto response = std::make_shared<OffsetsForLeaderEpochResponse>();
    response->correlation_id = request.correlation_id;
    for (const auto& query : request.partitions) {
        EpochEndOffsetResult answer;
        answer.partition = query.partition;
        Error error;
        Partition* partition = find_leader(query.partition, error);
        if (partition) error = check_epoch(*partition, query.current_leader_epoch);
        if (error != Error::none) {
            answer.error = error;
        } else {
            EpochEndOffset end = partition->log().end_offset_for_epoch(query.leader_epoch);
            answer.leader_epoch = end.epoch;
            answer.end_offset = end.end_offset;
        }
        response->partitions.push_back(answer);
    }
    services_.context.send(from, response);
}

// --- Controller requests -----------------------------------------------------------

std::shared_ptr<LeaderAndIsrResponse> ReplicaManager::handle_leader_and_isr(const LeaderAndIsrRequest& request) {
    auto response = std::make_shared<LeaderAndIsrResponse>();
    response->correlation_id = request.correlation_id;
    if (request.controller_epoch < controller_epoch_) {
        response->error = Error::stale_controller_epoch;  // a zombie controller
        return response;
    }
    controller_epoch_ = request.controller_epoch;
    for (const auto& state : request.partitions) {
        const auto& replicas = state.replicas;
        if (std::find(replicas.begin(), replicas.end(), services_.self()) == replicas.end()) continue;
        auto it = partitions_.find(state.partition);
        if (it == partitions_.end()) {
            it = partitions_.emplace(state.partition, Partition(state.partition, services_.self(),
                                                                services_.logs.get_or_create(state.partition)))
                     .first;
            index_.insert(&it->first, &it->second);
        } else {
            const LeaderAndIsr& known = it->second.state().leadership;
            bool newer = state.leadership.leader_epoch > known.leader_epoch ||
                         (state.leadership.leader_epoch == known.leader_epoch &&
                          state.leadership.partition_epoch > known.partition_epoch) ||
                         it->second.role() == ReplicaRole::none;
            if (!newer) {
                response->partition_errors.emplace_back(state.partition, Error::stale_controller_epoch);
                continue;
            }
        }
        Partition& partition = it->second;
        if (state.leadership.leader == services_.self()) {
            fetchers_.remove(state.partition);
            partition.make_leader(state, services_.now());
            on_high_watermark_moved(state.partition);
        } else {
            make_follower(partition, state);
        }
        response->partition_errors.emplace_back(state.partition, Error::none);
    }
    return response;
}

void ReplicaManager::make_follower(Partition& partition, const PartitionState& state) {
    bool was_leader = partition.is_leader();
    bool changed = partition.make_follower(state);
    const TopicPartition& tp = partition.topic_partition();
    if (was_leader) {
        // Waiting producers and consumers must go and find the new leader.
        fail_produces_for(tp);
        try_complete_fetches(tp);
    }
    if (!changed) return;
    fetchers_.remove(tp);
    if (state.leadership.has_leader()) fetchers_.add(tp, state.leadership.leader, state.leadership.leader_epoch);
}

std::shared_ptr<StopReplicaResponse> ReplicaManager::handle_stop_replica(const StopReplicaRequest& request) {
    auto response = std::make_shared<StopReplicaResponse>();
    response->correlation_id = request.correlation_id;
    if (request.controller_epoch < controller_epoch_) {
        response->error = Error::stale_controller_epoch;
        return response;
    }
    controller_epoch_ = request.controller_epoch;
    for (const auto& tp : request.partitions) {
        fetchers_.remove(tp);
        auto it = partitions_.find(tp);
        if (it != partitions_.end()) {
            it->second.stop();
            fail_produces_for(tp);
            try_complete_fetches(tp);
            index_.erase(tp);
            partitions_.erase(it);
        }
        if (request.delete_partitions) services_.logs.erase(tp);
        response->partitions.push_back(tp);
    }
    return response;
}

// --- ISR -------------------------------------------------------------------------

void ReplicaManager::expire_isr() {
    for (auto& [tp, partition] : partitions_) {
        if (auto shrunk = partition.isr_to_shrink(services_.now(), services_.config.replica_lag_time_max)) {
            propose_isr(partition, std::move(*shrunk));
        }
    }
}

void ReplicaManager::maybe_expand_isr(Partition& partition) {
    auto expanded = partition.isr_to_expand();
    if (!expanded) return;
    // Partition.isReplicaIsrEligible in ZooKeeper mode: only a broker the metadata
    // cache knows alive may join; the controller would refuse any other.
    for (BrokerId member : *expanded) {
        if (member != services_.self() && !services_.metadata.is_live(member)) return;
    }
    propose_isr(partition, std::move(*expanded));
}

void ReplicaManager::propose_isr(Partition& partition, std::vector<BrokerId> isr) {
    // AlterPartitionManager retries a failed request after a pause, not at the next fetch.
    if (services_.now() < partition.isr_retry_at()) return;
    sim::NodeIndex controller = services_.node_of(services_.metadata.controller());
    if (services_.metadata.controller() == no_broker || controller == sim::no_node) return;  // retried later
    auto request = std::make_shared<AlterPartitionRequest>();
    request->broker_id = services_.self();
    request->broker_epoch = services_.broker_epoch;
    const TopicPartition tp = partition.topic_partition();
    const LeaderEpoch epoch = partition.leader_epoch();
    request->changes.push_back({tp, epoch, isr, partition.state().leadership.partition_epoch});
    partition.set_pending_isr(std::move(isr));
    auto alive = alive_;
    services_.network.send(controller, request, services_.config.controller_socket_timeout,
                           [this, alive, tp, epoch](Error error, const sim::MessagePtr& message) {
                               if (!*alive) return;
                               Partition* found = lookup(tp);
                               if (!found || !found->is_leader() || found->leader_epoch() != epoch) return;
                               Partition& p = *found;
                               p.clear_pending_isr();
                               // retry.backoff.ms before the next proposal after any failure.
                               const sim::Time retry_at = services_.now() + alter_partition_retry_backoff;
                               if (error != Error::none) return p.set_isr_retry_at(retry_at);
                               const auto& response = message_as<AlterPartitionResponse>(*message);
                               bool applied = false;
                               for (const auto& result : response.results) {
                                   if (result.partition != tp || result.error != Error::none) continue;
                                   if (result.leadership.leader_epoch != epoch) continue;
                                   p.apply_leadership(result.leadership);
                                   applied = true;
                               }
                               if (!applied) p.set_isr_retry_at(retry_at);
                               if (p.maybe_increment_high_watermark()) {
                                   on_high_watermark_moved(tp);
                                   on_partition_changed(tp);
                               }
                               // An acks=all produce may now fail NOT_ENOUGH_REPLICAS_AFTER_APPEND.
                               try_complete_produces(tp);
                           });
}

}  // namespace kafkalab::kafka
