#include "viz/model/truncations.h"

#include <algorithm>

#include <fmt/format.h>

#include "broker_model/events/model_event.h"

namespace kafkalab::viz {

namespace {

/// The removed offsets whose record had been acknowledged by `at` and is held by no replica now.
std::vector<std::int64_t> lost_writes(const kafka::TruncationNote& note, const kafka::SendLedger& ledger, sim::Time at,
                                      const std::vector<const kafka::PartitionLog*>& logs) {
    std::vector<std::int64_t> lost;
    for (const kafka::SendEntry& entry : ledger.acknowledged_on(note.partition)) {
        const std::int64_t offset = entry.offset.value;
        if (offset < note.removed_from.value || offset >= note.old_log_end_offset.value || entry.outcome_time > at) continue;
        const bool held = std::any_of(logs.begin(), logs.end(), [&](const kafka::PartitionLog* log) {
            const kafka::StoredBatch* batch = log ? log->find_batch(entry.offset) : nullptr;
            return batch && batch->record_id_at(entry.offset) == entry.record_id;
        });
        if (!held) lost.push_back(offset);
    }
    std::sort(lost.begin(), lost.end());
    lost.erase(std::unique(lost.begin(), lost.end()), lost.end());
    return lost;
}

/// Whether `mark` strikes `offset` of a replica whose log now ends at `log_end_offset`.
bool strikes(const TruncationMark& mark, std::int64_t offset, std::int64_t log_end_offset, sim::Duration now) {
    if (offset < mark.note.removed_from.value || offset >= mark.note.old_log_end_offset.value) return false;
    return offset >= log_end_offset || now - mark.time < refilled_strike_duration;
}

}  // namespace

std::string TruncationMark::reason() const {
    if (note.cause == kafka::TruncationCause::leader_epoch && after_unclean_election) {
        return "follower truncation after an unclean leader election: the new leader never had these records";
    }
    switch (note.cause) {
        case kafka::TruncationCause::leader_epoch:
            return "follower truncation after a leader change: the new leader's log ends earlier (KIP-279)";
        case kafka::TruncationCause::high_watermark:
            return "follower truncation to its own high watermark, as Kafka did before 0.11";
        case kafka::TruncationCause::power_loss:
            return "power loss: these records were in the page cache, never flushed to disk";
    }
    return "?";
}

std::string TruncationMark::describe() const {
    const std::int64_t last = note.old_log_end_offset.value - 1;
    std::string offsets = note.removed_count() == 1 ? fmt::format("offset {}", last)
                                                    : fmt::format("offsets {}..{}", note.removed_from.value, last);
    std::string text = fmt::format("{} removed {} of {} at {} (event #{}): {}.", note.broker, offsets,
                                   note.partition.to_string(), sim::format_duration(time), event_number, reason());
    if (!lost_acknowledged.empty()) {
        text += fmt::format(" {} of them {} acknowledged to a producer and no replica has {} any more: lost.",
                            lost_acknowledged.size(), lost_acknowledged.size() == 1 ? "was" : "were",
                            lost_acknowledged.size() == 1 ? "it" : "them");
    }
    return text;
}

void TruncationHistory::note_election(const kafka::ModelEvent& event) {
    if (const auto* unclean = std::get_if<kafka::UncleanLeaderElected>(&event)) {
        unclean_leader_[unclean->partition] = unclean->leader;
        return;
    }
    // A different leader (or none) ends the unclean one's reign.
    const auto* elected = std::get_if<kafka::LeaderElected>(&event);
    if (!elected) return;
    auto it = unclean_leader_.find(elected->partition);
    if (it != unclean_leader_.end() && elected->leader != it->second) unclean_leader_.erase(it);
}

void TruncationHistory::catch_up(const EventLog& log, const kafka::SendLedger& ledger, sim::Time run_start,
                                 const ReplicaLogs& replicas) {
    const auto& notable = log.notable();
    for (; seen_ < notable.size(); ++seen_) {
        const EventEntry& entry = notable[seen_];
        const auto* event = entry.event_as<kafka::ModelEvent>();
        if (!event) continue;
        note_election(*event);
        const auto* note = std::get_if<kafka::TruncationNote>(event);
        if (!note) continue;
        TruncationMark mark;
        mark.time = entry.time;
        mark.event_number = entry.event_number;
        mark.after_unclean_election = unclean_leader_.count(note->partition) > 0;
        mark.lost_acknowledged = lost_writes(*note, ledger, run_start + entry.time, replicas(note->partition));
        mark.note = *note;
        marks_.push_back(std::move(mark));
    }
}

std::vector<StruckCell> struck_cells(const std::vector<TruncationMark>& marks, const std::string& host,
                                     const kafka::TopicPartition& tp, std::int64_t log_end_offset,
                                     const OffsetWindow& window, sim::Duration now) {
    std::vector<const TruncationMark*> mine;  // newest first
    for (auto it = marks.rbegin(); it != marks.rend(); ++it) {
        if (it->note.broker == host && it->note.partition == tp) mine.push_back(&*it);
    }
    std::vector<StruckCell> cells;
    if (mine.empty()) return cells;
    for (std::int64_t first = window.first; first < window.end; first += window.per_cell) {
        const std::int64_t last = std::min(first + window.per_cell, window.end) - 1;
        for (const TruncationMark* mark : mine) {
            // The first struck offset of this cell, if the mark strikes any.
            std::int64_t from = std::max(first, mark->note.removed_from.value);
            std::int64_t to = std::min(last, mark->note.old_log_end_offset.value - 1);
            std::int64_t struck = from;
            while (struck <= to && !strikes(*mark, struck, log_end_offset, now)) ++struck;
            if (struck > to) continue;
            StruckCell cell{first, last, mark, struck < log_end_offset, false};
            cell.lost_acknowledged = std::any_of(mark->lost_acknowledged.begin(), mark->lost_acknowledged.end(),
                                                 [&](std::int64_t offset) { return offset >= from && offset <= to; });
            cells.push_back(cell);
            break;
        }
    }
    return cells;
}

std::int64_t struck_end(const std::vector<TruncationMark>& marks, const std::string& host,
                        const kafka::TopicPartition& tp, std::int64_t log_end_offset, sim::Duration now) {
    std::int64_t end = 0;
    for (const auto& mark : marks) {
        if (mark.note.broker != host || mark.note.partition != tp) continue;
        if (strikes(mark, mark.note.old_log_end_offset.value - 1, log_end_offset, now)) {
            end = std::max(end, mark.note.old_log_end_offset.value);
        }
    }
    return end;
}

}  // namespace kafkalab::viz
