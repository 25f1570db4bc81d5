#include "broker_model/client/send_ledger.h"

#include <cassert>

#include "sim/content_hash.h"
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

SendLedger::SendLedger(const SendLedger& other)
    : first_record_id_(other.first_record_id_),
      max_stored_value_bytes_(other.max_stored_value_bytes_),
      acknowledgement_order_(other.acknowledgement_order_) {
    for (const SendEntry& theirs : other.entries_) {
        SendEntry& mine = entries_.emplace_back(theirs);
        mine.producer = bytes_.intern(theirs.producer);
        mine.topic = bytes_.intern(theirs.topic);
        if (theirs.key) mine.key = bytes_.store(*theirs.key);
        mine.value = bytes_.store(theirs.value);
    }
    for (const auto& [name, next] : other.next_producer_sequence_) next_producer_sequence_.emplace_back(bytes_.intern(name), next);
}

RecordId SendLedger::record_send(const SendDescription& send) {
    SendEntry& entry = entries_.emplace_back();
    entry.record_id = first_record_id_ + entries_.size() - 1;
    entry.value_hash = sim::content_hash(send.value);
    entry.value_size_bytes = send.value.size();
    // Large generated payloads would make the ledger the biggest thing in memory; the
    // hash and size still identify the value.
    entry.value_stored = send.value.size() <= max_stored_value_bytes_;
    entry.value = bytes_.store(send.value.substr(0, max_stored_value_bytes_));
    entry.producer = bytes_.intern(send.producer);
    entry.topic = bytes_.intern(send.topic);
    if (send.key) entry.key = bytes_.store(*send.key);
    std::uint64_t* counter = nullptr;
    for (auto& [name, next] : next_producer_sequence_) {
        if (name == entry.producer) counter = &next;
    }
    if (!counter) counter = &next_producer_sequence_.emplace_back(entry.producer, 0).second;
    entry.producer_sequence = (*counter)++;
    entry.requested_partition = send.requested_partition;
    entry.partition = send.requested_partition.value_or(-1);
    entry.send_time = send.send_time;
    return entry.record_id;
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
        line = std::to_string(e.record_id) + '|' + std::string(e.producer) + '|' + std::string(e.topic) + '|' +
               std::string(e.key.value_or("<null>")) + '|' +
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
