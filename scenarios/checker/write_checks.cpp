// The ledger against the final committed logs: lost writes, duplicates, inconsistent
// offsets and nonmonotonic sends.
#include <optional>
#include <set>
#include <tuple>

#include "scenarios/checker/check_steps.h"

namespace kafkalab::scenarios::detail {
namespace {

std::optional<kafka::SendEntry> ledger_entry(const CheckInput& input, kafka::RecordId id) {
    if (!input.ledger.contains(id)) return std::nullopt;
    return input.ledger.entry(id);
}

bool acknowledged_at_an_offset(const kafka::SendEntry& entry) {
    return entry.status == kafka::SendStatus::acknowledged && entry.offset >= kafka::Offset{0};
}

}  // namespace

void find_lost_writes(const CheckInput& input, const CheckIndex& index, CheckReport& report) {
    for (const auto& entry : input.ledger.entries()) {
        if (entry.status != kafka::SendStatus::acknowledged) continue;
        const kafka::TopicPartition tp = entry.topic_partition();
        // Present in its own partition's final log: not lost, wherever else it may be.
        if (index.offset_in(entry.record_id, tp)) continue;
        LostWrite lost;
        lost.record_id = entry.record_id;
        lost.producer = entry.producer;
        lost.value = entry.value;
        lost.partition = tp;
        lost.acknowledged_offset = entry.offset;
        lost.acknowledged_at = entry.outcome_time;
        lost.sent_at = entry.send_time;
        if (const CommittedLog* log = input.find_log(tp); log && entry.offset >= kafka::Offset{0}) {
            if (const CommittedRecord* holder = log->at(entry.offset)) lost.offset_now_holds = holder->record_id;
        }
        if (auto it = index.readers.find(entry.record_id); it != index.readers.end()) lost.seen_by = it->second;
        report.lost_writes.push_back(std::move(lost));
    }
}

void find_duplicates(const CheckInput& input, const CheckIndex& index, CheckReport& report) {
    for (const auto& [id, locations] : index.locations) {
        if (locations.size() < 2) continue;
        Duplicate duplicate;
        duplicate.record_id = id;
        duplicate.locations = locations;
        if (const auto entry = ledger_entry(input, id)) {
            duplicate.producer = entry->producer;
            duplicate.value = entry->value;
            duplicate.attempts = entry->attempts;
        } else {
            // A record no ledger knows (a test's raw produce): the log still has its value.
            const auto& first = locations.front();
            duplicate.value = input.find_log(first.partition)->at(first.offset)->value;
        }
        report.duplicates.push_back(std::move(duplicate));
    }
}

namespace {

/// Acknowledgements whose offset now holds another record.
void inconsistent_acknowledgements(const CheckInput& input, const CheckIndex& index, CheckReport& report,
                                   std::set<std::tuple<kafka::TopicPartition, kafka::Offset, kafka::RecordId>>& seen) {
    for (const auto& entry : input.ledger.entries()) {
        if (!acknowledged_at_an_offset(entry)) continue;
        const kafka::TopicPartition tp = entry.topic_partition();
        const CommittedLog* log = input.find_log(tp);
        const CommittedRecord* holder = log ? log->at(entry.offset) : nullptr;
        // An offset beyond the final high watermark holds nothing: that is a lost write
        // (or none at all), not a re-used offset.
        if (!holder || holder->record_id == entry.record_id) continue;
        seen.insert({tp, entry.offset, entry.record_id});
        report.inconsistent_offsets.push_back({InconsistentOffset::Claim::acknowledgement, std::string(entry.producer), tp,
                                               entry.offset, entry.record_id, std::string(entry.value),
                                               index.offset_in(entry.record_id, tp), holder->record_id,
                                               holder->value});
    }
}

/// Records read at an offset that now holds another record.
void inconsistent_deliveries(const CheckInput& input, const CheckIndex& index, CheckReport& report,
                             std::set<std::tuple<kafka::TopicPartition, kafka::Offset, kafka::RecordId>>& seen) {
    for (const auto& delivery : input.consumption.deliveries()) {
        const kafka::DeliveredRecord& record = delivery.record;
        const CommittedLog* log = input.find_log(record.partition);
        const CommittedRecord* holder = log ? log->at(record.offset) : nullptr;
        if (!holder || holder->record_id == record.record_id) continue;
        // One report per (partition, offset, record): re-deliveries and an
        // acknowledgement of the same promise add nothing a class needs to see twice.
        if (!seen.insert({record.partition, record.offset, record.record_id}).second) continue;
        report.inconsistent_offsets.push_back({InconsistentOffset::Claim::delivery, std::string(delivery.consumer),
                                               record.partition, record.offset, record.record_id,
                                               std::string(record.value),
                                               index.offset_in(record.record_id, record.partition),
                                               holder->record_id, holder->value});
    }
}

}  // namespace

void find_inconsistent_offsets(const CheckInput& input, const CheckIndex& index, CheckReport& report) {
    std::set<std::tuple<kafka::TopicPartition, kafka::Offset, kafka::RecordId>> seen;
    inconsistent_acknowledgements(input, index, report, seen);
    inconsistent_deliveries(input, index, report, seen);
}

void find_nonmonotonic_sends(const CheckInput& input, CheckReport& report) {
    /// The last record of one producer seen so far in the log being walked.
    struct Last {
        kafka::RecordId id = 0;
        std::uint64_t index = 0;
        kafka::Offset offset{-1};
    };
    for (const auto& [tp, log] : input.logs) {
        std::map<std::string_view, Last> last_by_producer;
        for (const auto& record : log.records) {
            const auto entry = ledger_entry(input, record.record_id);
            if (!entry) continue;
            auto [it, first] = last_by_producer.try_emplace(entry->producer);
            Last& last = it->second;
            // Consecutive records of one producer: a lower send index after a higher one
            // means the producer's later send landed first. An equal index is the same
            // record twice, a duplicate, which find_duplicates reports.
            if (!first && entry->producer_sequence < last.index) {
                report.nonmonotonic_sends.push_back({std::string(entry->producer), tp, record.record_id, entry->producer_sequence,
                                                     record.offset, last.id, last.index, last.offset});
            }
            last = {record.record_id, entry->producer_sequence, record.offset};
        }
    }
}

}  // namespace kafkalab::scenarios::detail
