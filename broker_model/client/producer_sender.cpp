// The Sender half of the producer: when to run, what to drain, what to expire.
#include <algorithm>

#include "broker_model/client/producer.h"
#include "broker_model/protocol/admin_requests.h"
#include "broker_model/protocol/produce.h"
#include "broker_model/events/record_event.h"
#include "sim/simulation.h"

namespace kafkalab::kafka {

void Producer::wake(sim::Duration delay) {
    const sim::Time due = context().now() + delay;
    // One timer at a time, at the earliest moment anything asked for.
    if (sender_timer_.valid() && sender_due_ <= due) return;
    context().cancel_timer(sender_timer_);
    sender_due_ = due;
    sender_timer_ = context().set_timer(delay, "producer sender", [this] {
        sender_timer_ = {};
        sender_due_ = sim::time_never;
        run_sender();
    });
}

void Producer::run_sender() {
    const sim::Time now = context().now();
    if (idempotent_) {
        // Sender.runOnce: settle sequences first, then apply any epoch bump they asked for.
        idempotence_.resolve_sequences();
        idempotence_.bump_epoch_if_needed();
        if (!idempotence_.has_producer_id()) maybe_init_producer_id();
    }
    route_waiting();
    expire_waiting(now);
    sim::Time next = send_producer_data(now);
    for (const auto& record : waiting_) next = std::min(next, record.deadline);
    if (next != sim::time_never) wake(std::max(next - context().now(), sim::Duration{0}));
}

void Producer::maybe_init_producer_id() {
    if (init_producer_id_in_flight_) return;
    auto node = metadata_.any_node();
    if (!node) return wake(config_.retry_backoff);
    init_producer_id_in_flight_ = true;
    auto alive = alive_;
    network_.send(*node, std::make_shared<InitProducerIdRequest>(), config_.request_timeout,
                  [this, alive](Error error, const sim::MessagePtr& response) {
                      if (!*alive) return;
                      init_producer_id_in_flight_ = false;
                      if (error == Error::none) {
                          const auto& answer = message_as<InitProducerIdResponse>(*response);
                          error = answer.error;
                          if (error == Error::none) idempotence_.set_producer_id(answer.producer_id, answer.producer_epoch);
                      }
                      // Nothing is numbered without an id: ask another broker after a pause.
                      wake(error == Error::none ? sim::Duration{0} : config_.retry_backoff);
                  });
}

sim::Time Producer::send_producer_data(sim::Time now) {
    update_partition_load_stats();
    ReadyCheck ready = accumulator_.ready(leader_of_, muted_, now);
    if (!ready.unknown_leader_topics.empty()) request_metadata_update();
    auto stop = [this](const ProducerBatch& first) { return idempotent_ && idempotence_.should_stop_drain(first); };
    sim::Time reconnect_wake = sim::time_never;
    for (sim::NodeIndex node : ready.ready_nodes) {
        // Sender.sendProducerData: data is ready for the node; a node that can take it
        // is drained, which resets its latency for partitioner.availability.timeout.ms.
        NodeLatency& latency = node_latency_[node];
        latency.ready = now;
        // NetworkClient.ready: a connection with max.in.flight unanswered requests waits.
        if (in_flight_per_node_[node] >= config_.max_in_flight_requests_per_connection) continue;
        // NetworkClient.ready: no new connection before reconnect.backoff.ms has passed.
        // The node's batches stay in the accumulator, so a retried batch is still first
        // in line when a leader change sends the partition elsewhere; handed to the
        // network client for the old leader, it was overtaken by its successors, fell
        // out of the five batches the new leader remembers, and was refused as out of
        // order until delivery.timeout.ms.
        if (const sim::Time reconnect = network_.reconnect_at(node); reconnect > now) {
            reconnect_wake = std::min(reconnect_wake, reconnect);
            continue;
        }
        latency.drained = now;
        std::vector<ProducerBatchPtr> batches = accumulator_.drain(node, leader_of_, muted_, stop, now);
        if (batches.empty()) continue;
        if (idempotent_) {
            for (const auto& batch : batches) idempotence_.assign_sequence(batch);
        }
        send_produce(node, std::move(batches));
    }
    const sim::Time next_expiry = expire_batches(now);
    return std::min({ready.next_check, next_expiry, accumulator_.earliest_deadline(), reconnect_wake});
}

void Producer::update_partition_load_stats() {
    if (built_in_partitioner_ == nullptr) return;
    for (const auto& topic : metadata_.topics()) {
        const TopicMetadataView* view = metadata_.topic_view(topic);
        if (view == nullptr) continue;
        const auto lengths = accumulator_.queue_lengths(topic);
        std::vector<PartitionQueue> queues;
        // Adaptive only once every partition has had a queue: a partition without one
        // would never be drawn (RecordAccumulator.partitionReady).
        const bool adaptive = config_.partitioner_adaptive &&
                              lengths.size() >= static_cast<std::size_t>(view->partition_count);
        for (const auto& queue : lengths) {
            if (!adaptive) break;
            auto node = leader_of_({topic, queue.partition});
            if (!node) continue;
            if (config_.partitioner_availability_timeout.count() > 0) {
                auto latency = node_latency_.find(*node);
                if (latency != node_latency_.end() &&
                    latency->second.ready - latency->second.drained > config_.partitioner_availability_timeout) {
                    continue;  // its leader has had data waiting too long
                }
            }
            queues.push_back({queue.partition, static_cast<std::int32_t>(queue.batches)});
        }
        built_in_partitioner_->update_load_stats(topic, queues, static_cast<std::size_t>(view->partition_count));
    }
}

void Producer::send_produce(sim::NodeIndex node, std::vector<ProducerBatchPtr> batches) {
    auto request = std::make_shared<ProduceRequest>();
    request->acks = config_.acks;
    request->timeout_ms = static_cast<std::int32_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(config_.request_timeout).count());
    for (const auto& batch : batches) {
        request->partitions.push_back({batch->partition(), batch->records(), batch->producer()});
        batch->record_attempt();
        for (RecordId id : batch->record_ids()) ledger_.record_attempt(id);
    }
    ++stats_.produce_requests;
    stats_.batches_sent += batches.size();
    if (config_.acks == Acks::none) {
        // acks=0: no response will come; Kafka completes the batches as soon as they
        // are written to the socket, with offset -1.
        network_.send_one_way(node, request);
        for (const auto& batch : batches) acknowledge(batch, Offset{-1});
        return;
    }
    const std::uint64_t id = next_request_id_++;
    if (config_.max_in_flight_requests_per_connection == 1) {
        for (const auto& batch : batches) muted_.insert(batch->partition());
    }
    in_flight_.emplace(id, InFlightRequest{node, std::move(batches)});
    ++in_flight_per_node_[node];
    auto alive = alive_;
    network_.send(node, request, config_.request_timeout,
                  [this, alive, id](Error error, const sim::MessagePtr& response) {
                      if (*alive) on_produce_response(id, error, response);
                  });
}

sim::Time Producer::expire_batches(sim::Time now) {
    // Sender.sendProducerData: queued batches and in-flight ones alike fail once
    // delivery.timeout.ms has passed since their creation; a response that comes
    // later for an in-flight one is ignored, though the broker may have written it.
    std::vector<ProducerBatchPtr> expired = accumulator_.expire(now);
    sim::Time next = sim::time_never;
    for (const auto& [id, request] : in_flight_) {
        for (const auto& batch : request.batches) {
            if (batch->is_done()) continue;
            const sim::Time deadline = batch->delivery_deadline(config_.delivery_timeout);
            if (deadline <= now) {
                expired.push_back(batch);
            } else {
                next = std::min(next, deadline);
            }
        }
    }
    for (const auto& batch : expired) {
        ++stats_.expired_batches;
        record_event(context(), ProducerBatchExpired{batch->partition(), batch->record_count()});
        fail(batch, Error::request_timed_out, false);
        // Sent at least once, it may be in the log: its successors' sequences are in doubt.
        if (idempotent_ && batch->attempts() > 0) idempotence_.mark_unresolved(*batch);
    }
    return next;
}

}  // namespace kafkalab::kafka
