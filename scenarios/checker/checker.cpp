#include "scenarios/checker/checker.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "scenarios/checker/check_steps.h"
#include "scenarios/checker/loss_explanation.h"

namespace kafkalab::scenarios {
namespace detail {

CheckIndex CheckIndex::build(const CheckInput& input) {
    CheckIndex index;
    for (const auto& [tp, log] : input.logs) {
        for (const auto& record : log.records) {
            if (record.record_id != 0) index.locations[record.record_id].push_back({tp, record.offset});
        }
    }
    for (const auto& delivery : input.consumption.deliveries()) {
        auto& readers = index.readers[delivery.record.record_id];
        if (std::find(readers.begin(), readers.end(), delivery.consumer) == readers.end()) {
            readers.emplace_back(delivery.consumer);
        }
    }
    return index;
}

std::optional<kafka::Offset> CheckIndex::offset_in(kafka::RecordId id, const kafka::TopicPartition& partition) const {
    auto it = locations.find(id);
    if (it == locations.end()) return std::nullopt;
    for (const auto& location : it->second) {
        if (location.partition == partition) return location.offset;
    }
    return std::nullopt;
}

}  // namespace detail

namespace {

/// The value at rank ceil(q * n) of sorted `values` (nearest rank), n > 0.
sim::Duration nearest_rank(const std::vector<sim::Duration>& sorted, double q) {
    auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

void count_producers(const CheckInput& input, CheckCounts& counts) {
    std::map<std::string, std::vector<sim::Duration>> latencies;
    for (const auto& entry : input.ledger.entries()) {
        ProducerCounts& producer = counts.by_producer[std::string(entry.producer)];
        ++producer.sent;
        switch (entry.status) {
            case kafka::SendStatus::acknowledged:
                ++producer.acknowledged;
                latencies[std::string(entry.producer)].push_back(entry.outcome_time - entry.send_time);
                break;
            case kafka::SendStatus::failed:
                ++producer.failed;
                ++producer.failed_by_error[entry.error];
                break;
            case kafka::SendStatus::pending: ++producer.pending; break;
        }
    }
    for (auto& [name, values] : latencies) {
        std::sort(values.begin(), values.end());
        ProducerCounts& producer = counts.by_producer[name];
        producer.latency_p50 = nearest_rank(values, 0.50);
        producer.latency_p99 = nearest_rank(values, 0.99);
        producer.latency_max = values.back();
    }
}

void count_sends(const CheckInput& input, const detail::CheckIndex& index, CheckCounts& counts) {
    count_producers(input, counts);
    for (const auto& entry : input.ledger.entries()) {
        ++counts.sent;
        const bool written = index.locations.contains(entry.record_id);
        if (written) ++counts.present_in_logs;
        switch (entry.status) {
            case kafka::SendStatus::acknowledged:
                ++counts.acknowledged;
                if (entry.offset < kafka::Offset{0}) ++counts.acknowledged_without_offset;
                break;
            case kafka::SendStatus::failed:
                ++counts.failed;
                if (written) ++counts.failed_but_written;
                break;
            case kafka::SendStatus::pending:
                ++counts.pending;
                if (written) ++counts.pending_but_written;
                break;
        }
    }
    for (const auto& [tp, log] : input.logs) counts.records_in_logs += log.records.size();
}

void count_consumption(const CheckInput& input, CheckCounts& counts) {
    // Every consumer that published a status belongs to its group even if it read nothing.
    std::map<std::string, std::set<std::string>> consumers;
    for (const auto& [name, status] : input.consumption.statuses()) consumers[status.group].insert(name);
    std::map<std::string, std::map<kafka::RecordId, int>> deliveries_per_record;
    for (const auto& delivery : input.consumption.deliveries()) {
        const std::string group(delivery.group);
        consumers[group].emplace(delivery.consumer);
        ++deliveries_per_record[group][delivery.record.record_id];
        ++counts.consumed_by_group[group].deliveries;
    }
    for (const auto& [group, names] : consumers) {
        GroupCounts& group_counts = counts.consumed_by_group[group];
        group_counts.consumers.assign(names.begin(), names.end());
        for (const auto& [id, times] : deliveries_per_record[group]) {
            ++group_counts.distinct_records;
            if (times > 1) ++group_counts.redelivered_records;
        }
    }
}

}  // namespace

CheckReport check(const CheckInput& input, const CheckOptions& options) {
    CheckReport report;
    const detail::CheckIndex index = detail::CheckIndex::build(input);
    count_sends(input, index, report.counts);
    count_consumption(input, report.counts);

    detail::find_lost_writes(input, index, report);
    report.loss_explanations = explain_losses(report.lost_writes, input.evidence);
    detail::find_duplicates(input, index, report);
    detail::find_inconsistent_offsets(input, index, report);
    detail::find_nonmonotonic_sends(input, report);

    detail::find_aborted_reads(input, index, report);
    detail::find_unseen(input, options, report);
    detail::find_poll_issues(input, report);

    for (const auto& issue : report.unseen) ++report.counts.consumed_by_group[issue.group].unseen;
    for (const auto& lost : report.lost_writes) ++report.counts.by_producer[lost.producer].lost;
    return report;
}

}  // namespace kafkalab::scenarios
