// Expectations about the cluster at a moment (leader, ISR, under-replicated partitions,
// record counts, a group's lag, a consumer's assignment), captured when that moment
// comes. Expectations about the data as a whole (nothing lost, no duplicates, consumed
// everything, records received) are judged at the end (run_report.cpp).
#include <algorithm>

#include <fmt/format.h>

#include "scenarios/runner/cluster_view.h"
#include "scenarios/runner/consumer_expectations.h"
#include "scenarios/runner/scenario_run.h"

namespace kafkalab::scenarios {

void ScenarioRun::schedule_snapshot(const ExpectationSpec& expectation) {
    switch (expectation.kind) {
        case ExpectationKind::leader:
        case ExpectationKind::isr:
        case ExpectationKind::under_replicated_partitions:
        case ExpectationKind::record_count:
        case ExpectationKind::consumer_lag:
        case ExpectationKind::assignment: break;
        default: return;
    }
    // Without `at`, an expectation is about the end of the scenario, not of a run that
    // --until stopped early.
    const sim::Duration due = expectation.at.count() > 0 ? expectation.at : scenario_.duration;
    const bool reached = due <= end();
    sim_.at(at(std::min(due, end())), "expectation",
            [this, &expectation, reached] { snapshots_.push_back(evaluate_snapshot(expectation, reached)); });
}

ExpectationResult ScenarioRun::evaluate_snapshot(const ExpectationSpec& e, bool reached) {
    ExpectationResult result;
    result.spec = &e;
    std::string when = sim::format_duration(e.at.count() > 0 ? e.at : scenario_.duration);
    // What a user asking the cluster would be told, even with the controller down.
    const auto view = cluster_view(*this);
    auto state_of = [&](const kafka::TopicPartition& tp) -> std::optional<kafka::LeaderAndIsr> {
        auto it = view.find(tp);
        if (it == view.end()) return std::nullopt;
        return it->second.leadership;
    };
    auto name = [](kafka::BrokerId id) { return id == kafka::no_broker ? std::string("none") : std::to_string(id.value); };
    switch (e.kind) {
        case ExpectationKind::leader: {
            auto state = state_of(e.partition);
            kafka::BrokerId found = state ? state->leader : kafka::no_broker;
            result.description = fmt::format("leader of {} at {} is {}", e.partition.to_string(), when, name(e.leader));
            result.detail = "leader is " + name(found);
            result.passed = found == e.leader;
            break;
        }
        case ExpectationKind::isr: {
            auto state = state_of(e.partition);
            std::vector<kafka::BrokerId> isr = state ? state->isr : std::vector<kafka::BrokerId>{};
            std::sort(isr.begin(), isr.end());
            result.description = fmt::format("ISR of {} at {} is [{}]", e.partition.to_string(), when, kafka::join_ids(e.isr));
            result.detail = "ISR is [" + kafka::join_ids(isr) + "]";
            result.passed = isr == e.isr;
            break;
        }
        case ExpectationKind::under_replicated_partitions: {
            std::int64_t count = 0;
            for (const auto& [tp, partition] : view) {
                count += partition.leadership.isr.size() < partition.replicas.size();
            }
            result.description = fmt::format("under-replicated partitions at {}", when);
            result.detail = fmt::format("{} under-replicated", count);
            result.passed = e.count.contains(count);
            break;
        }
        case ExpectationKind::record_count: {
            std::int64_t count = 0;
            for (const auto& [tp, partition] : view) {
                if (tp.topic == e.topic) count += readable_records(*this, tp, partition);
            }
            result.description = fmt::format("records in {} at {}", e.topic, when);
            result.detail = fmt::format("{} records", count);
            result.passed = e.count.contains(count);
            break;
        }
        case ExpectationKind::consumer_lag: {
            std::optional<kafka::Offset> start, end;
            if (auto it = view.find(e.partition); it != view.end()) {
                if (const auto* log = serving_log(*this, e.partition, it->second)) {
                    start = log->log_start_offset();
                    end = log->high_watermark();
                }
            }
            result = judge_lag(e, *consumption_, start, end, when);
            break;
        }
        case ExpectationKind::assignment: result = judge_assignment(e, *consumption_, when); break;
        default: break;
    }
    if (!reached) {
        // Judging now would report the state at the wrong time as if it were the answer.
        result.reached = false;
        result.passed = false;
        result.detail = "the run stopped at " + sim::format_duration(end());
        print("not reached", result.description + " (" + result.detail + ")");
        return result;
    }
    print(result.passed ? "expect ok" : "expect FAILED", result.description + " (" + result.detail + ")");
    return result;
}

}  // namespace kafkalab::scenarios
