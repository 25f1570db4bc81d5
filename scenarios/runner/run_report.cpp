#include "scenarios/runner/run_report.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "broker_model/common/host_names.h"
#include "scenarios/checker/checker.h"
#include "scenarios/checker/committed_logs.h"
#include "scenarios/checker/report_text.h"
#include "scenarios/runner/cluster_view.h"
#include "scenarios/runner/consumer_expectations.h"

namespace kafkalab::scenarios {

bool RunReport::passed() const {
    for (const auto& e : expectations) {
        if (e.reached && !e.passed) return false;
    }
    return true;
}

namespace {

bool on_topic(const std::string& topic, const kafka::TopicPartition& tp) { return topic.empty() || tp.topic == topic; }

/// Anomalies of `kind` on `topic` ("" for every topic). A duplicate counts for a topic
/// when one of its copies is there.
std::int64_t count_on(const CheckReport& check, AnomalyKind kind, const std::string& topic) {
    std::int64_t n = 0;
    switch (kind) {
        case AnomalyKind::lost_write:
            for (const auto& lost : check.lost_writes) n += on_topic(topic, lost.partition);
            break;
        case AnomalyKind::duplicate:
            for (const auto& d : check.duplicates) {
                n += std::any_of(d.locations.begin(), d.locations.end(),
                                 [&](const RecordLocation& l) { return on_topic(topic, l.partition); });
            }
            break;
        case AnomalyKind::nonmonotonic_send:
            for (const auto& reorder : check.nonmonotonic_sends) n += on_topic(topic, reorder.partition);
            break;
        default: n = static_cast<std::int64_t>(check.count(kind)); break;
    }
    return n;
}

ExpectationResult judge(const ExpectationSpec& e, const CheckReport& check) {
    ExpectationResult r;
    r.spec = &e;
    auto count = [&](AnomalyKind kind) { return count_on(check, kind, e.topic); };
    switch (e.kind) {
        case ExpectationKind::no_acknowledged_record_lost: {
            r.description = "no acknowledged record lost";
            std::int64_t excepted = 0;
            for (const auto& lost : check.lost_writes) {
                const bool listed = std::find(e.except_causes.begin(), e.except_causes.end(), lost.cause) !=
                                    e.except_causes.end();
                excepted += listed && on_topic(e.topic, lost.partition);
            }
            r.detail = fmt::format("{} lost", count(AnomalyKind::lost_write));
            if (!e.except_causes.empty()) {
                std::vector<std::string_view> causes;
                for (LossCause cause : e.except_causes) causes.push_back(to_string(cause));
                r.description += fmt::format(" except by {}", fmt::join(causes, ", "));
                r.detail += fmt::format(", {} of them by those causes", excepted);
            }
            r.passed = count(AnomalyKind::lost_write) == excepted;
            break;
        }
        case ExpectationKind::no_duplicates:
            r.description = "no duplicates";
            r.detail = fmt::format("{} duplicated", count(AnomalyKind::duplicate));
            r.passed = count(AnomalyKind::duplicate) == 0;
            break;
        case ExpectationKind::order_kept:
            r.description = "per-partition order kept";
            r.detail = fmt::format("{} out of order", count(AnomalyKind::nonmonotonic_send));
            r.passed = count(AnomalyKind::nonmonotonic_send) == 0;
            break;
        case ExpectationKind::consumed_all: {
            std::int64_t unseen = 0;
            for (const auto& u : check.unseen) unseen += u.group == e.group;
            r.description = "group " + e.group + " consumed every acknowledged record";
            r.detail = fmt::format("{} never read", unseen);
            r.passed = unseen == 0;
            break;
        }
        case ExpectationKind::lost_acknowledged_records:
            r.description = "acknowledged records lost (as this lesson shows)";
            r.detail = fmt::format("{} lost", count(AnomalyKind::lost_write));
            r.passed = e.count.contains(count(AnomalyKind::lost_write));
            break;
        case ExpectationKind::duplicate_records:
            r.description = "records written twice (as this lesson shows)";
            r.detail = fmt::format("{} duplicated", count(AnomalyKind::duplicate));
            r.passed = e.count.contains(count(AnomalyKind::duplicate));
            break;
        case ExpectationKind::recovers:
        case ExpectationKind::does_not_recover: break;  // judge_recovery
        default: break;
    }
    const bool about_writes = e.kind == ExpectationKind::no_acknowledged_record_lost ||
                              e.kind == ExpectationKind::no_duplicates || e.kind == ExpectationKind::order_kept ||
                              e.kind == ExpectationKind::lost_acknowledged_records ||
                              e.kind == ExpectationKind::duplicate_records;
    if (about_writes && !e.topic.empty()) r.description += " in " + e.topic;
    return r;
}

ExpectationResult judge_recovery(const ExpectationSpec& e, const LivenessReport& liveness) {
    ExpectationResult r;
    r.spec = &e;
    r.detail = liveness_summary(liveness);
    if (e.kind == ExpectationKind::recovers) {
        r.description = "the cluster recovers once the faults end";
        r.passed = liveness.live();
    } else {
        // A lesson whose point is a cluster that stays broken: judged or not, the end
        // must show what did not recover.
        r.description = "the cluster does not recover (as this lesson shows)";
        r.passed = !liveness.problems.empty();
    }
    return r;
}

}  // namespace

RunReport finish_run(ScenarioRun& run) {
    RunReport report;
    CheckInput input = make_check_input(run.simulation(), run.broker_nodes(), run.ledger(), run.consumption().get());
    input.evidence = run.loss_evidence();
    for (const auto& [tp, view] : cluster_view(run)) {
        auto& replicas = input.evidence.replicas[tp];
        for (kafka::BrokerId id : view.replicas) replicas.push_back(kafka::broker_host(id));
    }
    // Only the scenario's own consumer groups are judged for unseen records: a console
    // consumer started by a step reads from "latest" and is not expected to see all.
    CheckOptions options;
    options.all_groups_when_empty = false;
    for (const auto& consumer : run.scenario().consumers) {
        // Members of one group name it each; the group is judged once.
        if (std::find(options.groups.begin(), options.groups.end(), consumer.group_id) == options.groups.end()) {
            options.groups.push_back(consumer.group_id);
        }
    }
    report.check = check(input, options);
    report.expectations = run.snapshot_results();
    report.outages = run.outages();
    if (const auto* watch = run.recovery()) report.liveness = judge_liveness(watch->input());
    for (const auto& e : run.scenario().expectations) {
        std::optional<ExpectationResult> r;
        if (e.kind == ExpectationKind::recovers || e.kind == ExpectationKind::does_not_recover) {
            r = judge_recovery(e, *report.liveness);
        } else {
            r = judge_consumption(e, *run.consumption());
        }
        if (!r) r = judge(e, report.check);
        if (r->description.empty()) continue;
        if (run.stops_early()) {
            // About the whole run: the data so far would answer a different question.
            r->reached = false;
            r->passed = false;
            r->detail = "the run stopped at " + sim::format_duration(run.end());
        }
        report.expectations.push_back(*r);
    }
    return report;
}

void print_report(const ScenarioRun& run, const RunReport& report, std::ostream& out) {
    TextOptions options;
    options.origin = run.start_time();
    out << "\n" << render_text(report.check, options);
    if (const std::string outages = render_outages(report.outages); !outages.empty()) {
        out << "\nOutages (scenario time)\n" << outages;
    }
    if (report.liveness) {
        out << "\nLiveness (settle " << sim::format_duration(run.recovery()->settle()) << ")\n  "
            << liveness_summary(*report.liveness) << "\n" << render_liveness(*report.liveness);
    }
    if (!run.scenario().predictions.empty()) {
        out << "\nQuestions\n";
        for (const auto& p : run.scenario().predictions) out << "  Q: " << p.ask << "\n  A: " << p.answer << "\n";
    }
    if (!report.expectations.empty()) {
        out << "\nExpectations\n";
        for (const auto& e : report.expectations) {
            const char* outcome = !e.reached ? "not reached" : e.passed ? "ok" : "FAILED";
            out << fmt::format("  {:<7} {} ({})\n", outcome, e.description, e.detail);
        }
    }
    const auto unreached = std::count_if(report.expectations.begin(), report.expectations.end(),
                                         [](const ExpectationResult& e) { return !e.reached; });
    out << "\n" << (report.passed() ? "PASSED" : "FAILED") << ": " << run.scenario().name;
    if (unreached > 0) out << fmt::format(" ({} expectations not reached before {})", unreached, sim::format_duration(run.end()));
    out << "\n";
}

}  // namespace kafkalab::scenarios
