#include "scenarios/checker/liveness.h"

#include <algorithm>

#include <fmt/format.h>

namespace kafkalab::scenarios {

namespace {

std::string broker_list(std::vector<kafka::BrokerId> ids) {
    std::sort(ids.begin(), ids.end());
    std::string out;
    for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id.value);
    return out.empty() ? "none" : out;
}

bool same_members(std::vector<kafka::BrokerId> a, std::vector<kafka::BrokerId> b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

void judge_partition(const PartitionRecovery& p, std::vector<LivenessProblem>& problems) {
    const std::string subject = p.partition.to_string();
    if (p.leader == kafka::no_broker) {
        problems.push_back({subject, "no leader", p.unhealthy_since});
        return;
    }
    if (!p.leader_up) {
        problems.push_back({subject, fmt::format("leader broker {} is down", p.leader.value), p.unhealthy_since});
        return;
    }
    if (!same_members(p.isr, p.replicas)) {
        problems.push_back({subject, fmt::format("ISR {} of replicas {}", broker_list(p.isr), broker_list(p.replicas)),
                            p.unhealthy_since});
    }
    // A leader that has been replaced since the settle time may have truncated below
    // the old log end; it has caught up when its own log is fully replicated.
    const bool reached = p.high_watermark >= p.log_end_at_settle || p.high_watermark == p.log_end_offset;
    if (!reached) {
        problems.push_back({subject, fmt::format("high watermark {} below the log end offset {} it had at the settle time",
                                                 p.high_watermark.value, p.log_end_at_settle.value),
                            std::nullopt});
    }
}

}  // namespace

LivenessReport judge_liveness(const LivenessInput& input) {
    LivenessReport report;
    report.faults_ended_at = input.faults_ended_at;
    report.recovered_at = input.recovered_at;
    if (!input.faults_ended_at) {
        std::string open;
        for (const auto& f : input.faults_in_force) open += (open.empty() ? "" : ", ") + f;
        report.not_judged_because = "the faults never ended (" + (open.empty() ? std::string("a fault is in force") : open) +
                                    " at the end)";
    } else if (input.judged_at - *input.faults_ended_at < input.settle) {
        report.not_judged_because =
            fmt::format("the last fault ended at {}, less than the settle time of {} before the end at {}",
                        sim::format_duration(*input.faults_ended_at), sim::format_duration(input.settle),
                        sim::format_duration(input.judged_at));
    } else {
        report.judged = true;
    }
    // The problems are listed judged or not: a lesson whose cluster stays broken names them.
    if (!input.has_controller) report.problems.push_back({"controller", "no active controller", input.controller_missing_since});
    for (const auto& p : input.partitions) judge_partition(p, report.problems);
    for (const auto& p : input.producers) {
        if (p.unresolved == 0) continue;
        report.problems.push_back({"producer " + p.producer,
                                   fmt::format("{} records sent before the settle time still wait for an answer",
                                               p.unresolved),
                                   p.oldest_sent});
    }
    for (const auto& g : input.groups) {
        const std::string subject = "group " + g.group;
        if (g.owner.empty()) {
            report.problems.push_back({subject, g.partition.to_string() + " is owned by no live member", std::nullopt});
        } else if (g.position < g.target) {
            report.problems.push_back(
                {subject,
                 fmt::format("{} read by {} up to offset {}, short of the high watermark {}", g.partition.to_string(),
                             g.owner, g.position.value, g.target.value),
                 std::nullopt});
        }
    }
    return report;
}

std::string liveness_summary(const LivenessReport& report) {
    if (!report.judged) {
        return "not judged: " + report.not_judged_because +
               (report.problems.empty() ? std::string() : fmt::format("; {} unrecovered at the end", report.problems.size()));
    }
    if (!report.problems.empty()) {
        return fmt::format("did not recover: {} {} after the last fault ended at {}", report.problems.size(),
                           report.problems.size() == 1 ? "problem" : "problems",
                           sim::format_duration(*report.faults_ended_at));
    }
    if (report.recovered_at && report.faults_ended_at) {
        return fmt::format("recovered {} after the last fault ended at {}",
                           sim::format_duration(*report.recovered_at - *report.faults_ended_at),
                           sim::format_duration(*report.faults_ended_at));
    }
    return "recovered";
}

std::string render_liveness(const LivenessReport& report) {
    std::string out;
    for (const auto& p : report.problems) {
        out += fmt::format("  {}: {}{}\n", p.subject, p.what,
                           p.since ? " since " + sim::format_duration(*p.since) : std::string());
    }
    return out;
}

}  // namespace kafkalab::scenarios
