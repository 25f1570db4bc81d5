#include "broker_model/client/send_ledger.h"

#include <cassert>

#include "sim/random.h"

namespace kafkalab::kafka {

const char* to_string(SendStatus status) {
    switch (status) {
        case SendStatus::pending: return "pending";
        case SendStatus::acknowledged: return "acknowledged";
        case SendStatus::failed: return "failed";
    }
    return "?";
}

RecordId SendLedger::record_send(SendDescription send) {
    SendEntry entry;
    entry.record_id = first_record_id_ + entries_.size();
    entry.value_hash = sim::stable_hash(send.value);
    entry.value_size_bytes = send.value.size();
    if (send.value.size() > max_stored_value_bytes_) {
        // Large generated payloads would make the ledger the biggest thing in memory;
        // the hash and size still identify the value.
        send.value.resize(max_stored_value_bytes_);
        send.value.shrink_to_fit();  // or the whole payload's buffer stays allocated
        entry.value_stored = false;
    }
    // A linear search: a run has a handful of producers.
    std::uint64_t* counter = nullptr;
    for (auto& [name, next] : next_producer_sequence_) {
        if (name == send.producer) counter = &next;
    }
    if (!counter) counter = &next_producer_sequence_.emplace_back(send.producer, 0).second;
    entry.producer_sequence = (*counter)++;
    entry.producer = std::move(send.producer);
    entry.topic = std::move(send.topic);
    entry.key = std::move(send.key);
    entry.value = std::move(send.value);
    entry.requested_partition = send.requested_partition;
    entry.partition = send.requested_partition.value_or(-1);
    entry.send_time = send.send_time;
    entries_.push_back(std::move(entry));
    return entries_.back().record_id;
}

SendEntry& SendLedger::mutable_entry(RecordId id) {
    assert(contains(id));
    return entries_[id - first_record_id_];
}

void SendLedger::record_partition(RecordId id, std::int32_t partition) { mutable_entry(id).partition = partition; }

void SendLedger::record_attempt(RecordId id) { ++mutable_entry(id).attempts; }

void SendLedger::record_acknowledged(RecordId id, std::int32_t partition, Offset offset, sim::Time at) {
    SendEntry& e = mutable_entry(id);
    assert(e.status == SendStatus::pending);
    e.status = SendStatus::acknowledged;
    e.partition = partition;
    e.offset = offset;
    e.outcome_time = at;
    acknowledgement_order_.push_back(id);
}

void SendLedger::record_failed(RecordId id, Error error, sim::Time at) {
    SendEntry& e = mutable_entry(id);
    assert(e.status == SendStatus::pending);
    e.status = SendStatus::failed;
    e.error = error;
    e.outcome_time = at;
}

std::vector<const SendEntry*> SendLedger::with_status(SendStatus status) const {
    std::vector<const SendEntry*> out;
    for (const auto& e : entries_) {
        if (e.status == status) out.push_back(&e);
    }
    return out;
}

std::vector<const SendEntry*> SendLedger::by_producer(std::string_view producer) const {
    std::vector<const SendEntry*> out;
    for (const auto& e : entries_) {
        if (e.producer == producer) out.push_back(&e);
    }
    return out;
}

std::vector<const SendEntry*> SendLedger::acknowledged_on(const TopicPartition& tp) const {
    std::vector<const SendEntry*> out;
    for (RecordId id : acknowledgement_order_) {
        const SendEntry& e = entry(id);
        if (e.topic == tp.topic && e.partition == tp.partition) out.push_back(&e);
    }
    return out;
}

std::uint64_t SendLedger::digest() const {
    std::string line;
    std::uint64_t hash = 0;
    for (const auto& e : entries_) {
        line = std::to_string(e.record_id) + '|' + e.producer + '|' + e.topic + '|' + e.key.value_or("<null>") + '|' +
               std::to_string(e.value_hash) + '|' + std::to_string(e.send_time.time_since_epoch().count()) + '|' +
               std::to_string(e.partition) + '|' + std::to_string(e.attempts) + '|' + to_string(e.status) + '|' +
               std::to_string(e.offset.value) + '|' + std::to_string(static_cast<int>(e.error)) + '|' +
               std::to_string(e.outcome_time.time_since_epoch().count());
        // Chained, so the order of entries counts as well as their content.
        hash = sim::stable_hash(std::to_string(hash) + line);
    }
    return hash;
}

}  // namespace kafkalab::kafka
