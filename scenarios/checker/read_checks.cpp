// The consumption log against the ledger and the final logs: aborted reads, unseen
// records, poll skips and nonmonotonic polls.
#include <set>
#include <utility>

#include "scenarios/checker/check_steps.h"

namespace kafkalab::scenarios::detail {

void find_aborted_reads(const CheckInput& input, const CheckIndex& index, CheckReport& report) {
    // A consumer that reads the same failed record twice (a re-delivery) is one finding.
    std::set<std::pair<std::string_view, kafka::RecordId>> reported;
    for (const auto& delivery : input.consumption.deliveries()) {
        const kafka::DeliveredRecord& record = delivery.record;
        if (!input.ledger.contains(record.record_id)) continue;
        const kafka::SendEntry& entry = input.ledger.entry(record.record_id);
        if (entry.status != kafka::SendStatus::failed) continue;
        if (!reported.insert({delivery.consumer, record.record_id}).second) continue;
        report.aborted_reads.push_back({std::string(delivery.consumer), std::string(delivery.group), record.record_id,
                                        std::string(record.value),
                                        {record.partition, record.offset}, entry.error,
                                        index.offset_in(record.record_id, record.partition).has_value()});
    }
}

namespace {

/// The groups to judge, each once: the caller's (a scenario names a group once per
/// consumer in it), or every group the consumption log mentions.
std::vector<std::string> groups_to_judge(const CheckInput& input, const CheckOptions& options) {
    std::set<std::string> groups(options.groups.begin(), options.groups.end());
    if (!options.groups.empty() || !options.all_groups_when_empty) return {groups.begin(), groups.end()};
    for (const auto& [name, status] : input.consumption.statuses()) groups.insert(status.group);
    for (const auto& delivery : input.consumption.deliveries()) groups.emplace(delivery.group);
    return {groups.begin(), groups.end()};
}

/// The topics a group's consumers subscribed to, were assigned, or read from: a group
/// is not expected to read a topic it never asked for.
std::set<std::string> topics_of_group(const CheckInput& input, const std::string& group) {
    std::set<std::string> topics;
    for (const auto& [name, status] : input.consumption.statuses()) {
        if (status.group != group) continue;
        topics.insert(status.topics.begin(), status.topics.end());
        for (const auto& [tp, partition_status] : status.assignment) topics.insert(tp.topic);
    }
    for (const auto& delivery : input.consumption.deliveries()) {
        if (delivery.group == group) topics.insert(delivery.record.partition.topic);
    }
    return topics;
}

}  // namespace

void find_unseen(const CheckInput& input, const CheckOptions& options, CheckReport& report) {
    for (const std::string& group : groups_to_judge(input, options)) {
        const std::set<std::string> topics = topics_of_group(input, group);
        std::set<kafka::RecordId> read;
        for (const auto& delivery : input.consumption.deliveries()) {
            if (delivery.group == group) read.insert(delivery.record.record_id);
        }
        std::set<kafka::RecordId> reported;  // a duplicated record is unseen once
        for (const auto& [tp, log] : input.logs) {
            if (!topics.contains(tp.topic)) continue;
            for (const auto& record : log.records) {
                if (!input.ledger.contains(record.record_id) || read.contains(record.record_id)) continue;
                const kafka::SendEntry& entry = input.ledger.entry(record.record_id);
                if (entry.status != kafka::SendStatus::acknowledged) continue;
                if (!reported.insert(record.record_id).second) continue;
                report.unseen.push_back({group, record.record_id, std::string(entry.producer), record.value, {tp, record.offset}});
            }
        }
    }
}

namespace {

/// Whether a consumer's assignment changed during the run: its polls span more than
/// one generation, or its status counts more than its first join, or revoked or lost
/// partitions. Any of these makes a skip or a re-read legitimate.
std::map<std::string, bool> assignment_changes(const kafka::ConsumptionLog& consumption) {
    std::map<std::string, bool> changed;
    std::map<std::string, kafka::Generation> first_generation;
    for (const auto& poll : consumption.polls()) {
        auto [it, first] = first_generation.try_emplace(poll.consumer, poll.generation);
        changed[poll.consumer] = changed[poll.consumer] || (!first && it->second != poll.generation);
    }
    for (const auto& [name, status] : consumption.statuses()) {
        changed[name] = changed[name] || status.rebalances > 1 || status.partitions_revoked > 0 ||
                        status.partitions_lost > 0;
    }
    return changed;
}

/// The generation of the consumer's poll before `poll` that returned `partition`.
kafka::Generation previous_generation(const kafka::ConsumptionLog& consumption, const kafka::PollAnomaly& anomaly) {
    const auto& polls = consumption.polls();
    for (std::size_t i = anomaly.poll; i-- > 0;) {
        if (polls[i].consumer != anomaly.consumer) continue;
        for (const auto& range : polls[i].ranges) {
            if (range.partition == anomaly.partition) return polls[i].generation;
        }
    }
    return kafka::Generation{-1};
}

}  // namespace

void find_poll_issues(const CheckInput& input, CheckReport& report) {
    const kafka::ConsumptionLog& consumption = input.consumption;
    const std::map<std::string, bool> changed = assignment_changes(consumption);
    for (const kafka::PollAnomaly& anomaly : consumption.poll_anomalies()) {
        const kafka::PollRecord& poll = consumption.polls()[anomaly.poll];
        PollIssue issue;
        issue.kind = anomaly.kind == kafka::PollAnomaly::Kind::poll_skip ? AnomalyKind::poll_skip
                                                                          : AnomalyKind::nonmonotonic_poll;
        issue.consumer = anomaly.consumer;
        issue.group = poll.group;
        issue.partition = anomaly.partition;
        issue.poll = anomaly.poll;
        issue.previous_last = anomaly.previous_last;
        issue.first = anomaly.first;
        issue.previous_generation = previous_generation(consumption, anomaly);
        issue.generation = poll.generation;
        auto it = changed.find(anomaly.consumer);
        issue.assignment_changed = (it != changed.end() && it->second) || issue.previous_generation != issue.generation;
        (issue.kind == AnomalyKind::poll_skip ? report.poll_skips : report.nonmonotonic_polls).push_back(issue);
    }
}

}  // namespace kafkalab::scenarios::detail
