#include "scenarios/checker/report_text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iterator>
#include <vector>

namespace kafkalab::scenarios {
namespace {

using Out = std::back_insert_iterator<std::string>;

std::string quoted(const std::string& value, const TextOptions& options) {
    if (value.size() <= options.max_value_chars) return fmt::format("\"{}\"", value);
    return fmt::format("\"{}...\"", value.substr(0, options.max_value_chars));
}

std::string at(const RecordLocation& location) {
    return fmt::format("{} offset {}", location.partition.to_string(), location.offset.value);
}

/// What each anomaly means, in a few words for the table.
const char* meaning(AnomalyKind kind) {
    switch (kind) {
        case AnomalyKind::lost_write: return "acknowledged, then gone from the committed log";
        case AnomalyKind::duplicate: return "one record at two offsets";
        case AnomalyKind::inconsistent_offsets: return "an offset promised to one record holds another";
        case AnomalyKind::nonmonotonic_send: return "a producer's later send sits at an earlier offset";
        case AnomalyKind::aborted_read: return "a failed send was read (not data loss)";
        case AnomalyKind::unseen: return "acknowledged and present, never read by a group";
        case AnomalyKind::poll_skip: return "a poll jumped over offsets";
        case AnomalyKind::nonmonotonic_poll: return "a poll went back to offsets already read";
    }
    return "";
}

void render_counts(Out out, const CheckCounts& counts) {
    fmt::format_to(out, "sent {}: {} acknowledged ({} without an offset), {} failed, {} pending\n", counts.sent,
                   counts.acknowledged, counts.acknowledged_without_offset, counts.failed, counts.pending);
    fmt::format_to(out, "committed logs: {} of the sent records, {} records in all", counts.present_in_logs,
                   counts.records_in_logs);
    if (counts.failed_but_written > 0 || counts.pending_but_written > 0) {
        fmt::format_to(out, "; written although failed: {}, although pending: {}", counts.failed_but_written,
                       counts.pending_but_written);
    }
    fmt::format_to(out, "\n");
    for (const auto& [group, group_counts] : counts.consumed_by_group) {
        fmt::format_to(out, "{} ({}): read {} records, {} of them more than once, {} unseen\n",
                       group.empty() ? std::string("consumers without a group") : "group " + group,
                       fmt::join(group_counts.consumers, ", "),
                       group_counts.distinct_records, group_counts.redelivered_records, group_counts.unseen);
    }
}

std::string milliseconds(sim::Duration d) {
    return fmt::format("{:.1f}ms", std::chrono::duration<double, std::milli>(d).count());
}

/// One line per producer: what it sent and what became of it, then how long its
/// acknowledgements took.
void render_producers(Out out, const CheckCounts& counts) {
    for (const auto& [name, p] : counts.by_producer) {
        fmt::format_to(out, "producer {}: sent {}, {} acknowledged, {} failed", name, p.sent, p.acknowledged, p.failed);
        std::vector<std::string> errors;
        for (const auto& [error, n] : p.failed_by_error) errors.push_back(fmt::format("{} {}", kafka::error_name(error), n));
        if (!errors.empty()) fmt::format_to(out, " ({})", fmt::join(errors, ", "));
        fmt::format_to(out, ", {} pending, {} lost", p.pending, p.lost);
        if (p.latency_p50) {
            fmt::format_to(out, "; ack latency p50 {}, p99 {}, max {}", milliseconds(*p.latency_p50),
                           milliseconds(*p.latency_p99), milliseconds(*p.latency_max));
        }
        fmt::format_to(out, "\n");
    }
}

void render_table(Out out, const CheckReport& report) {
    fmt::format_to(out, "\n{:<40} {:>6}\n", "anomaly", "count");
    for (AnomalyKind kind : all_anomaly_kinds) {
        const std::size_t after_change = report.count_after_assignment_change(kind);
        fmt::format_to(out, "{:<40} {:>6}  {}\n", to_string(kind), report.count(kind) - after_change, meaning(kind));
        if (kind == AnomalyKind::poll_skip || kind == AnomalyKind::nonmonotonic_poll) {
            fmt::format_to(out, "{:<40} {:>6}  {}\n", fmt::format("{} (assignment changed)", to_string(kind)),
                           after_change, "may be legitimate: a rebalance moved partitions");
        }
    }
}

template <class Anomaly>
void render_examples(Out out, AnomalyKind kind, const std::vector<Anomaly>& anomalies, const TextOptions& options) {
    if (anomalies.empty()) return;
    fmt::format_to(out, "\n{} ({})\n", to_string(kind), anomalies.size());
    for (std::size_t i = 0; i < anomalies.size() && i < options.max_examples; ++i) {
        fmt::format_to(out, "  {}\n", describe(anomalies[i], options));
    }
    if (anomalies.size() > options.max_examples) {
        fmt::format_to(out, "  ... and {} more\n", anomalies.size() - options.max_examples);
    }
}

std::string why_lost(const LossExplanation& loss, const TextOptions& options) {
    const std::string when = sim::format_time(sim::time_zero + (loss.at - options.origin));
    switch (loss.cause) {
        case LossCause::acks_1_leader_failover:
            return fmt::format("acks=1: acknowledged by the leader alone; {} was elected at {} without them",
                               loss.broker, when);
        case LossCause::unclean_leader_election:
            return fmt::format("unclean leader election: {}, out of sync, was elected at {}", loss.broker, when);
        case LossCause::power_loss_of_every_replica:
            return fmt::format("power loss of every replica before it flushed them (the last, {}, at {})", loss.broker,
                               when);
        case LossCause::last_replica_standing:
            return fmt::format("last replica standing (KIP-966): {}, alone in the ISR, lost its unflushed tail to a "
                               "power loss at {} and was elected with what its disk kept",
                               loss.broker, when);
        case LossCause::power_lost_leader:
            return fmt::format("{} lost its unflushed tail to a power loss at {} and led again with what its disk "
                               "kept; no controller knew, and its followers truncated to it",
                               loss.broker, when);
        case LossCause::high_watermark_truncation:
            return fmt::format("{} truncated its log to its high watermark at {} (before KIP-101)", loss.broker, when);
        case LossCause::unexplained: return "unexplained: no fault in the run accounts for it (a simulator bug)";
    }
    return "";
}

void render_explanations(Out out, const CheckReport& report, const TextOptions& options) {
    if (report.loss_explanations.empty()) return;
    fmt::format_to(out, "\nwhy they were lost\n");
    for (const auto& loss : report.loss_explanations) fmt::format_to(out, "  {}\n", describe(loss, options));
}

const char* verdict(const CheckReport& report) {
    if (report.lost_acknowledged_data()) return "acknowledged records were LOST";
    if (!report.clean()) return "no acknowledged record lost, but the data shows anomalies";
    return "clean: every acknowledged record is there, once, in order";
}

}  // namespace

std::string describe(const LostWrite& lost, const TextOptions& options) {
    std::string text = fmt::format("record {} {} from {}: acknowledged", lost.record_id, quoted(lost.value, options),
                                   lost.producer);
    if (lost.acknowledged_offset >= kafka::Offset{0}) {
        text += fmt::format(" at {}", at({lost.partition, lost.acknowledged_offset}));
    } else {
        text += fmt::format(" on {} without an offset", lost.partition.to_string());
    }
    text += fmt::format(" (t={}), not in the committed log", sim::format_time(sim::time_zero + (lost.acknowledged_at - options.origin)));
    if (lost.offset_now_holds) text += fmt::format("; that offset now holds record {}", *lost.offset_now_holds);
    text += lost.seen() ? fmt::format("; read before it was lost by {}", fmt::join(lost.seen_by, ", "))
                        : std::string("; no consumer read it");
    return text;
}

std::string describe(const LossExplanation& loss, const TextOptions& options) {
    std::string where = loss.partition.to_string();
    if (loss.first_offset >= kafka::Offset{0}) {
        where += loss.first_offset == loss.last_offset
                     ? fmt::format(" offset {}", loss.first_offset.value)
                     : fmt::format(" offsets {}..{}", loss.first_offset.value, loss.last_offset.value);
    }
    return fmt::format("{} ({} {}): {} [{}]", where, loss.records, loss.records == 1 ? "record" : "records",
                       why_lost(loss, options), to_string(loss.cause));
}

std::string describe(const Duplicate& duplicate, const TextOptions& options) {
    std::vector<std::string> places;
    for (const auto& location : duplicate.locations) places.push_back(at(location));
    return fmt::format("record {} {} from {} (sent {} {}) is at {}", duplicate.record_id,
                       quoted(duplicate.value, options), duplicate.producer.empty() ? "?" : duplicate.producer,
                       duplicate.attempts, duplicate.attempts == 1 ? "time" : "times", fmt::join(places, " and "));
}

std::string describe(const InconsistentOffset& inconsistent, const TextOptions& options) {
    const char* claim = inconsistent.claim == InconsistentOffset::Claim::acknowledgement ? "acknowledged to" : "read by";
    std::string text = fmt::format("{} holds record {} {}, but record {} {} was {} {} there",
                                   at({inconsistent.partition, inconsistent.offset}), inconsistent.holder_id,
                                   quoted(inconsistent.holder_value, options), inconsistent.record_id,
                                   quoted(inconsistent.value, options), claim, inconsistent.claimed_by);
    text += inconsistent.now_at ? fmt::format(" (it is now at offset {})", inconsistent.now_at->value)
                                : std::string(" (it is gone)");
    return text;
}

std::string describe(const NonmonotonicSend& reorder, const TextOptions&) {
    return fmt::format("{} on {}: send #{} (record {}) is at offset {}, after send #{} (record {}) at offset {}",
                       reorder.producer, reorder.partition.to_string(), reorder.sent_first_index, reorder.sent_first,
                       reorder.sent_first_offset.value, reorder.sent_later_index, reorder.sent_later,
                       reorder.sent_later_offset.value);
}

std::string describe(const AbortedRead& aborted, const TextOptions& options) {
    return fmt::format("{} read record {} {} at {}, whose send failed with {}; {}", aborted.consumer,
                       aborted.record_id, quoted(aborted.value, options), at(aborted.location),
                       kafka::error_name(aborted.send_error),
                       aborted.in_final_log ? "it is in the committed log" : "it is not in the committed log");
}

std::string describe(const Unseen& unseen, const TextOptions& options) {
    return fmt::format("{} never read record {} {} from {} at {}",
                       unseen.group.empty() ? std::string("consumers without a group") : "group " + unseen.group,
                       unseen.record_id, quoted(unseen.value, options), unseen.producer, at(unseen.location));
}

std::string describe(const PollIssue& issue, const TextOptions&) {
    std::string text = fmt::format("{} on {}: poll {} started at offset {} after the previous poll ended at {}",
                                   issue.consumer, issue.partition.to_string(), issue.poll, issue.first.value,
                                   issue.previous_last.value);
    // A consumer without a group has no generation; saying "-1 -> -1" would only confuse.
    if (issue.previous_generation != issue.generation || issue.generation >= kafka::Generation{0}) {
        text += fmt::format(" (generation {} -> {})", issue.previous_generation.value, issue.generation.value);
    }
    if (issue.assignment_changed) text += "; its assignment changed";
    return text;
}

std::string render_text(const CheckReport& report, const TextOptions& options) {
    std::string text;
    Out out(text);
    render_counts(out, report.counts);
    render_producers(out, report.counts);
    render_table(out, report);
    render_examples(out, AnomalyKind::lost_write, report.lost_writes, options);
    render_explanations(out, report, options);
    render_examples(out, AnomalyKind::duplicate, report.duplicates, options);
    render_examples(out, AnomalyKind::inconsistent_offsets, report.inconsistent_offsets, options);
    render_examples(out, AnomalyKind::nonmonotonic_send, report.nonmonotonic_sends, options);
    render_examples(out, AnomalyKind::aborted_read, report.aborted_reads, options);
    render_examples(out, AnomalyKind::unseen, report.unseen, options);
    render_examples(out, AnomalyKind::poll_skip, report.poll_skips, options);
    render_examples(out, AnomalyKind::nonmonotonic_poll, report.nonmonotonic_polls, options);
    fmt::format_to(out, "\nverdict: {}\n", verdict(report));
    return text;
}

}  // namespace kafkalab::scenarios
