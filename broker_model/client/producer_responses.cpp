// What the producer does with answers (Sender.handleProduceResponse, completeBatch).
#include <algorithm>

#include "broker_model/client/producer.h"
#include "broker_model/protocol/produce.h"
#include "broker_model/events/record_event.h"
#include "sim/simulation.h"

namespace kafkalab::kafka {
namespace {

/// Kafka's InvalidMetadataException family: the client's idea of the leader is wrong.
bool is_invalid_metadata(Error error) {
    switch (error) {
        case Error::not_leader_or_follower:
        case Error::unknown_topic_or_partition:
        case Error::leader_not_available:
        case Error::fenced_leader_epoch:
        case Error::unknown_leader_epoch:
        case Error::kafka_storage_error:
            return true;
        default:
            return false;
    }
}

}  // namespace

void Producer::on_produce_response(std::uint64_t request_id, Error error, const sim::MessagePtr& response) {
    auto it = in_flight_.find(request_id);
    if (it == in_flight_.end()) return;  // abandoned with its connection
    InFlightRequest request = std::move(it->second);
    in_flight_.erase(it);
    --in_flight_per_node_[request.node];
    for (const auto& batch : request.batches) muted_.erase(batch->partition());
    if (error != Error::none) {
        // No answer: the connection broke (NETWORK_EXCEPTION) or request.timeout.ms
        // passed. Kafka closes a timed-out connection, failing everything on it,
        // oldest request first; without sequence numbers each retry is put at the
        // front of its queue, so the newest goes out first: retries reorder.
        request_metadata_update();
        for (const auto& batch : request.batches) complete_batch(batch, error, Offset{-1});
        if (error == Error::request_timed_out) abandon_requests_to(request.node);
    } else {
        const auto& parts = message_as<ProduceResponse>(*response).partitions;
        for (const auto& batch : request.batches) {
            auto part = std::find_if(parts.begin(), parts.end(),
                                     [&](const ProducePartitionResponse& p) { return p.partition == batch->partition(); });
            if (part == parts.end()) {
                complete_batch(batch, Error::unknown_topic_or_partition, Offset{-1});
            } else {
                complete_batch(batch, part->error, part->base_offset);
            }
        }
    }
    wake(sim::Duration{0});
}

void Producer::abandon_requests_to(sim::NodeIndex node) {
    std::vector<std::uint64_t> ids;
    for (const auto& [id, request] : in_flight_) {
        if (request.node == node) ids.push_back(id);
    }
    // In order of request id, so older batches are re-enqueued before newer ones.
    for (std::uint64_t id : ids) {
        InFlightRequest request = std::move(in_flight_.at(id));
        in_flight_.erase(id);
        --in_flight_per_node_[node];
        for (const auto& batch : request.batches) muted_.erase(batch->partition());
        for (const auto& batch : request.batches) complete_batch(batch, Error::request_timed_out, Offset{-1});
    }
}

void Producer::complete_batch(const ProducerBatchPtr& batch, Error error, Offset base_offset) {
    if (batch->is_done()) return;  // expired by delivery.timeout.ms while in flight
    if (error == Error::none) return acknowledge(batch, base_offset);
    // The broker already has this batch but no longer remembers its offset.
    if (error == Error::duplicate_sequence_number) return acknowledge(batch, Offset{-1});
    if (is_invalid_metadata(error)) request_metadata_update();
    const sim::Time now = context().now();
    if (can_retry(*batch, error, now)) {
        ++stats_.retries;
        accumulator_.reenqueue(batch, now);
        return;
    }
    record_event(context(), ProducerBatchFailed{batch->partition(), batch->record_count(), error});
    fail(batch, error, true);
}

bool Producer::can_retry(const ProducerBatch& batch, Error error, sim::Time now) {
    // Sender.canRetry: time left, attempts left (attempts() counts sends, Kafka's
    // counter counts retries), and an error worth retrying.
    if (batch.delivery_deadline(config_.delivery_timeout) <= now) return false;
    if (batch.attempts() > config_.retries) return false;
    return idempotent_ ? idempotence_.can_retry(error, batch) : is_retriable(error);
}

void Producer::acknowledge(const ProducerBatchPtr& batch, Offset base_offset) {
    if (batch->is_done()) return;
    const auto& ids = batch->record_ids();
    for (std::size_t i = 0; i < ids.size(); ++i) {
        Offset offset = base_offset.value < 0 ? Offset{-1} : base_offset + static_cast<std::int64_t>(i);
        ledger_.record_acknowledged(ids[i], batch->partition().partition, offset, context().now());
    }
    if (idempotent_) idempotence_.on_batch_completed(*batch);
    batch->complete(base_offset, Error::none);
}

void Producer::fail(const ProducerBatchPtr& batch, Error error, bool refused_by_broker) {
    if (batch->is_done()) return;
    for (RecordId id : batch->record_ids()) ledger_.record_failed(id, error, context().now());
    if (idempotent_) idempotence_.on_batch_failed(*batch, refused_by_broker);
    batch->complete(Offset{-1}, error);
}

}  // namespace kafkalab::kafka
