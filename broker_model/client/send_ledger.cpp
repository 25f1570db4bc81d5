#include "broker_model/client/send_ledger.h"

#include <cassert>
#include <stdexcept>

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
      rows_(other.rows_),
      acknowledgement_order_(other.acknowledgement_order_),
      next_producer_sequence_(other.next_producer_sequence_) {
    // Rows index the tables, which keep their order: only the bytes are stored anew.
    names_.reserve(other.names_.size());
    for (std::string_view name : other.names_) names_.push_back(bytes_.store(name));
    stored_.reserve(other.stored_.size());
    for (std::string_view bytes : other.stored_) stored_.push_back(bytes_.store(bytes));
}

std::uint16_t SendLedger::find_or_add_name(std::string_view name, std::uint16_t& hint) {
    // A handful of producers and topics: a scan beats a map, newest names first.
    for (std::size_t i = names_.size(); i-- > 0;) {
        if (names_[i] == name) return hint = static_cast<std::uint16_t>(i);
    }
    if (names_.size() > UINT16_MAX) throw std::length_error("send ledger: more than 65,536 producer and topic names");
    names_.push_back(bytes_.store(name));
    next_producer_sequence_.push_back(0);
    return hint = static_cast<std::uint16_t>(names_.size() - 1);
}

std::uint64_t SendLedger::value_hash(std::string_view value) {
    if (has_last_value_ && value == last_value_) return last_value_hash_;
    const std::uint64_t hash = sim::content_hash(value);
    if (value.size() <= remembered_value_bytes) {
        last_value_.assign(value);
        last_value_hash_ = hash;
        has_last_value_ = true;
    }
    return hash;
}

std::uint32_t SendLedger::stored_index(std::string_view bytes) {
    if (stored_.size() >= no_bytes) throw std::length_error("send ledger: more than 2^32 stored keys and values");
    stored_.push_back(bytes_.store(bytes));
    return static_cast<std::uint32_t>(stored_.size() - 1);
}

RecordId SendLedger::record_send(const SendDescription& send) {
    Row& row = rows_.emplace_back();
    row.value_hash = value_hash(send.value);
    row.value_size_bytes = static_cast<std::uint32_t>(send.value.size());
    // Large generated payloads would make the ledger the biggest thing in memory; the
    // hash and size still identify the value.
    row.value_stored = send.value.size() <= max_stored_value_bytes_;
    const std::string_view kept = send.value.substr(0, max_stored_value_bytes_);
    row.value = kept.empty() ? no_bytes : stored_index(kept);
    row.key = send.key ? stored_index(*send.key) : no_bytes;
    row.producer = name_index(send.producer, producer_hint_);
    row.topic = name_index(send.topic, topic_hint_);
    row.producer_sequence = next_producer_sequence_[row.producer]++;
    row.requested_partition = send.requested_partition.value_or(not_requested);
    row.partition = send.requested_partition.value_or(-1);
    row.attempts = 0;
    row.send_time = send.send_time;
    row.outcome_time = sim::Time{};
    row.offset = Offset{-1};
    row.error = Error::none;
    row.status = SendStatus::pending;
    return first_record_id_ + rows_.size() - 1;
}

SendEntry SendLedger::entry(RecordId id) const {
    assert(contains(id));
    const Row& row = rows_[id - first_record_id_];
    SendEntry e;
    e.record_id = id;
    e.producer = names_[row.producer];
    e.topic = names_[row.topic];
    if (row.key != no_bytes) e.key = stored_[row.key];
    if (row.value != no_bytes) e.value = stored_[row.value];
    e.value_hash = row.value_hash;
    e.value_size_bytes = row.value_size_bytes;
    e.producer_sequence = row.producer_sequence;
    e.send_time = row.send_time;
    if (row.requested_partition != not_requested) e.requested_partition = row.requested_partition;
    e.partition = row.partition;
    e.attempts = row.attempts;
    e.offset = row.offset;
    e.outcome_time = row.outcome_time;
    e.error = row.error;
    e.status = row.status;
    e.value_stored = row.value_stored;
    return e;
}

SendLedger::Row& SendLedger::row(RecordId id) {
    assert(contains(id));
    return rows_[id - first_record_id_];
}

void SendLedger::record_partition(RecordId id, std::int32_t partition) { row(id).partition = partition; }

void SendLedger::record_attempt(RecordId id) { ++row(id).attempts; }

void SendLedger::record_acknowledged(RecordId id, std::int32_t partition, Offset offset, sim::Time at) {
    Row& r = row(id);
    assert(r.status == SendStatus::pending);
    r.status = SendStatus::acknowledged;
    r.partition = partition;
    r.offset = offset;
    r.outcome_time = at;
    acknowledgement_order_.push_back(id);
}

void SendLedger::record_failed(RecordId id, Error error, sim::Time at) {
    Row& r = row(id);
    assert(r.status == SendStatus::pending);
    r.status = SendStatus::failed;
    r.error = error;
    r.outcome_time = at;
}

std::vector<SendEntry> SendLedger::with_status(SendStatus status) const {
    std::vector<SendEntry> out;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (rows_[i].status == status) out.push_back(entry(first_record_id_ + i));
    }
    return out;
}

std::vector<SendEntry> SendLedger::by_producer(std::string_view producer) const {
    std::vector<SendEntry> out;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (names_[rows_[i].producer] == producer) out.push_back(entry(first_record_id_ + i));
    }
    return out;
}

std::vector<SendEntry> SendLedger::acknowledged_on(const TopicPartition& tp) const {
    std::vector<SendEntry> out;
    for (RecordId id : acknowledgement_order_) {
        const Row& r = rows_[id - first_record_id_];
        if (r.partition == tp.partition && names_[r.topic] == tp.topic) out.push_back(entry(id));
    }
    return out;
}

std::uint64_t SendLedger::digest() const {
    std::string line;
    std::uint64_t hash = 0;
    for (const SendEntry& e : entries()) {
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
