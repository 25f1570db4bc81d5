#include "scenarios/runner/consumer_expectations.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <vector>

namespace kafkalab::scenarios {

namespace {

std::string range_text(const CountRange& range) {
    if (range.min && range.max && *range.min == *range.max) return fmt::format("{}", *range.min);
    if (range.min && range.max) return fmt::format("{} to {}", *range.min, *range.max);
    if (range.min) return fmt::format("at least {}", *range.min);
    return fmt::format("at most {}", range.max.value_or(0));
}

std::string partition_list(const std::vector<kafka::TopicPartition>& partitions) {
    std::vector<std::string> names;
    for (const auto& tp : partitions) names.push_back(tp.to_string());
    return fmt::format("[{}]", fmt::join(names, ", "));
}

}  // namespace

std::optional<ExpectationResult> judge_consumption(const ExpectationSpec& e, const kafka::ConsumptionLog& log) {
    if (e.kind != ExpectationKind::consumed_records && e.kind != ExpectationKind::redelivered_records) return std::nullopt;
    // How often each record reached the group, whichever member read it.
    std::map<kafka::RecordId, int> times;
    for (const auto& delivery : log.deliveries()) {
        if (delivery.group != e.group) continue;
        if (!e.topic.empty() && delivery.record.partition.topic != e.topic) continue;
        ++times[delivery.record.record_id];
    }
    std::int64_t distinct = static_cast<std::int64_t>(times.size());
    std::int64_t again = 0;
    for (const auto& [id, n] : times) again += n > 1;
    ExpectationResult r;
    r.spec = &e;
    const std::string of_topic = e.topic.empty() ? "" : " of " + e.topic;
    if (e.kind == ExpectationKind::consumed_records) {
        r.description = fmt::format("group {} received {} distinct records{}", e.group, range_text(e.count), of_topic);
        r.detail = fmt::format("{} received", distinct);
        r.passed = e.count.contains(distinct);
    } else {
        r.description = fmt::format("group {} received {} records more than once", e.group, range_text(e.count));
        r.detail = fmt::format("{} redelivered", again);
        r.passed = e.count.contains(again);
    }
    return r;
}

ExpectationResult judge_lag(const ExpectationSpec& e, const kafka::ConsumptionLog& log, std::optional<kafka::Offset> log_start,
                            std::optional<kafka::Offset> log_end, const std::string& when) {
    ExpectationResult r;
    r.spec = &e;
    r.description = fmt::format("lag of group {} on {} at {} is {}", e.group, e.partition.to_string(), when, range_text(e.count));
    if (!log_end) {
        r.detail = "no replica is up";
        return r;
    }
    const auto committed = log.last_committed(e.group);
    auto it = committed.find(e.partition);
    const kafka::Offset from = it != committed.end() ? it->second : log_start.value_or(kafka::Offset{0});
    const std::int64_t lag = *log_end - from;
    r.detail = fmt::format("log end offset {}, committed {}, lag {}", log_end->value,
                           it != committed.end() ? std::to_string(it->second.value) : std::string("none"), lag);
    r.passed = e.count.contains(lag);
    return r;
}

ExpectationResult judge_assignment(const ExpectationSpec& e, const kafka::ConsumptionLog& log, const std::string& when) {
    std::vector<kafka::TopicPartition> owned;
    if (const auto* status = log.find_status(e.consumer); status && status->running) {
        for (const auto& [tp, partition] : status->assignment) owned.push_back(tp);
    }
    ExpectationResult r;
    r.spec = &e;
    r.description = fmt::format("{} owns {} at {}", e.consumer, partition_list(e.partitions), when);
    r.detail = "owns " + partition_list(owned);
    r.passed = owned == e.partitions;  // both sorted: std::map keys and the loader's sort
    return r;
}

}  // namespace kafkalab::scenarios
