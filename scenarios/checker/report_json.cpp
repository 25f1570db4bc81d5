#include "scenarios/checker/report_json.h"

#include <vector>

namespace kafkalab::scenarios {
namespace {

using nlohmann::json;

json location_json(const RecordLocation& location) {
    return {{"topic", location.partition.topic},
            {"partition", location.partition.partition},
            {"offset", location.offset.value}};
}

json anomaly_json(const LostWrite& lost) {
    json j = {{"record_id", lost.record_id},
              {"producer", lost.producer},
              {"value", lost.value},
              {"topic", lost.partition.topic},
              {"partition", lost.partition.partition},
              {"acknowledged_offset", lost.acknowledged_offset.value},
              {"acknowledged_at_ns", lost.acknowledged_at.time_since_epoch().count()},
              {"offset_now_holds", nullptr},
              {"seen_by", lost.seen_by}};
    if (lost.offset_now_holds) j["offset_now_holds"] = *lost.offset_now_holds;
    j["cause"] = to_string(lost.cause);
    return j;
}

json explanation_json(const LossExplanation& loss) {
    return {{"topic", loss.partition.topic},
            {"partition", loss.partition.partition},
            {"cause", to_string(loss.cause)},
            {"first_offset", loss.first_offset.value},
            {"last_offset", loss.last_offset.value},
            {"records", loss.records},
            {"broker", loss.broker},
            {"at_ns", loss.at.time_since_epoch().count()}};
}

json anomaly_json(const Duplicate& duplicate) {
    json locations = json::array();
    for (const auto& location : duplicate.locations) locations.push_back(location_json(location));
    return {{"record_id", duplicate.record_id},
            {"producer", duplicate.producer},
            {"value", duplicate.value},
            {"attempts", duplicate.attempts},
            {"locations", locations}};
}

json anomaly_json(const InconsistentOffset& inconsistent) {
    json j = {{"claim", to_string(inconsistent.claim)},
              {"claimed_by", inconsistent.claimed_by},
              {"topic", inconsistent.partition.topic},
              {"partition", inconsistent.partition.partition},
              {"offset", inconsistent.offset.value},
              {"record_id", inconsistent.record_id},
              {"value", inconsistent.value},
              {"now_at", nullptr},
              {"holder_id", inconsistent.holder_id},
              {"holder_value", inconsistent.holder_value}};
    if (inconsistent.now_at) j["now_at"] = inconsistent.now_at->value;
    return j;
}

json anomaly_json(const NonmonotonicSend& reorder) {
    return {{"producer", reorder.producer},
            {"topic", reorder.partition.topic},
            {"partition", reorder.partition.partition},
            {"sent_first", {{"record_id", reorder.sent_first}, {"send_index", reorder.sent_first_index},
                            {"offset", reorder.sent_first_offset.value}}},
            {"sent_later", {{"record_id", reorder.sent_later}, {"send_index", reorder.sent_later_index},
                            {"offset", reorder.sent_later_offset.value}}}};
}

json anomaly_json(const AbortedRead& aborted) {
    json j = location_json(aborted.location);
    j.update({{"consumer", aborted.consumer},
              {"group", aborted.group},
              {"record_id", aborted.record_id},
              {"value", aborted.value},
              {"send_error", kafka::error_name(aborted.send_error)},
              {"in_final_log", aborted.in_final_log}});
    return j;
}

json anomaly_json(const Unseen& unseen) {
    json j = location_json(unseen.location);
    j.update({{"group", unseen.group},
              {"record_id", unseen.record_id},
              {"producer", unseen.producer},
              {"value", unseen.value}});
    return j;
}

json anomaly_json(const PollIssue& issue) {
    return {{"consumer", issue.consumer},
            {"group", issue.group},
            {"topic", issue.partition.topic},
            {"partition", issue.partition.partition},
            {"poll", issue.poll},
            {"previous_last", issue.previous_last.value},
            {"first", issue.first.value},
            {"previous_generation", issue.previous_generation.value},
            {"generation", issue.generation.value},
            {"assignment_changed", issue.assignment_changed}};
}

template <class Anomaly>
json section(const std::vector<Anomaly>& anomalies, const JsonOptions& options) {
    json examples = json::array();
    for (std::size_t i = 0; i < anomalies.size() && i < options.max_examples; ++i) {
        examples.push_back(anomaly_json(anomalies[i]));
    }
    return {{"count", anomalies.size()}, {"examples", examples}};
}

json counts_json(const CheckCounts& counts) {
    json groups = json::object();
    for (const auto& [group, c] : counts.consumed_by_group) {
        groups[group] = {{"consumers", c.consumers},
                         {"deliveries", c.deliveries},
                         {"distinct_records", c.distinct_records},
                         {"redelivered_records", c.redelivered_records},
                         {"unseen", c.unseen}};
    }
    json producers = json::object();
    for (const auto& [name, p] : counts.by_producer) {
        json failed_by_error = json::object();
        for (const auto& [error, n] : p.failed_by_error) failed_by_error[kafka::error_name(error)] = n;
        json& producer = producers[name];
        producer = {{"sent", p.sent},       {"acknowledged", p.acknowledged}, {"failed", p.failed},
                    {"failed_by_error", failed_by_error}, {"pending", p.pending}, {"lost", p.lost}};
        // Nanoseconds, as every duration in the trace.
        if (p.latency_p50) {
            producer["ack_latency_ns"] = {{"p50", p.latency_p50->count()},
                                          {"p99", p.latency_p99->count()},
                                          {"max", p.latency_max->count()}};
        }
    }
    return {{"sent", counts.sent},
            {"acknowledged", counts.acknowledged},
            {"acknowledged_without_offset", counts.acknowledged_without_offset},
            {"failed", counts.failed},
            {"pending", counts.pending},
            {"present_in_logs", counts.present_in_logs},
            {"records_in_logs", counts.records_in_logs},
            {"failed_but_written", counts.failed_but_written},
            {"pending_but_written", counts.pending_but_written},
            {"consumed_by_group", groups},
            {"by_producer", producers}};
}

}  // namespace

json to_json(const CheckReport& report, const JsonOptions& options) {
    json anomalies = {
        {to_string(AnomalyKind::lost_write), section(report.lost_writes, options)},
        {to_string(AnomalyKind::duplicate), section(report.duplicates, options)},
        {to_string(AnomalyKind::inconsistent_offsets), section(report.inconsistent_offsets, options)},
        {to_string(AnomalyKind::nonmonotonic_send), section(report.nonmonotonic_sends, options)},
        {to_string(AnomalyKind::aborted_read), section(report.aborted_reads, options)},
        {to_string(AnomalyKind::unseen), section(report.unseen, options)},
        {to_string(AnomalyKind::poll_skip), section(report.poll_skips, options)},
        {to_string(AnomalyKind::nonmonotonic_poll), section(report.nonmonotonic_polls, options)},
    };
    for (AnomalyKind kind : {AnomalyKind::poll_skip, AnomalyKind::nonmonotonic_poll}) {
        anomalies[to_string(kind)]["after_assignment_change"] = report.count_after_assignment_change(kind);
    }
    json losses = json::array();
    for (const auto& loss : report.loss_explanations) losses.push_back(explanation_json(loss));
    json by_cause = json::object();
    for (const auto& [cause, n] : report.lost_by_cause()) by_cause[std::string(to_string(cause))] = n;
    return {{"clean", report.clean()},
            {"lost_acknowledged_data", report.lost_acknowledged_data()},
            {"lost_by_cause", by_cause},
            {"loss_explanations", losses},
            {"counts", counts_json(report.counts)},
            {"anomalies", anomalies}};
}

}  // namespace kafkalab::scenarios
