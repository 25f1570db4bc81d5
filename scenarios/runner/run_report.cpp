#include "scenarios/runner/run_report.h"

#include <fmt/format.h>

#include "scenarios/checker/checker.h"
#include "scenarios/checker/committed_logs.h"
#include "scenarios/checker/report_text.h"

namespace kafkalab::scenarios {

bool RunReport::passed() const {
    for (const auto& e : expectations) {
        if (!e.passed) return false;
    }
    return true;
}

namespace {

ExpectationResult judge(const ExpectationSpec& e, const CheckReport& check) {
    ExpectationResult r;
    r.spec = &e;
    auto count = [&](AnomalyKind kind) { return static_cast<std::int64_t>(check.count(kind)); };
    switch (e.kind) {
        case ExpectationKind::no_acknowledged_record_lost:
            r.description = "no acknowledged record lost";
            r.detail = fmt::format("{} lost", count(AnomalyKind::lost_write));
            r.passed = count(AnomalyKind::lost_write) == 0;
            break;
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
        default: break;
    }
    return r;
}

}  // namespace

RunReport finish_run(ScenarioRun& run) {
    RunReport report;
    CheckInput input = make_check_input(run.simulation(), run.broker_nodes(), run.ledger(), run.consumption().get());
    // Only the scenario's own consumer groups are judged for unseen records: a console
    // consumer started by a step reads from "latest" and is not expected to see all.
    CheckOptions options;
    options.all_groups_when_empty = false;
    for (const auto& consumer : run.scenario().consumers) options.groups.push_back(consumer.group_id);
    report.check = check(input, options);
    report.expectations = run.snapshot_results();
    for (const auto& e : run.scenario().expectations) {
        ExpectationResult r = judge(e, report.check);
        if (!r.description.empty()) report.expectations.push_back(r);
    }
    return report;
}

void print_report(const ScenarioRun& run, const RunReport& report, std::ostream& out) {
    out << "\n" << render_text(report.check);
    if (!run.scenario().predictions.empty()) {
        out << "\nQuestions\n";
        for (const auto& p : run.scenario().predictions) out << "  Q: " << p.ask << "\n  A: " << p.answer << "\n";
    }
    if (!report.expectations.empty()) {
        out << "\nExpectations\n";
        for (const auto& e : report.expectations) {
            out << fmt::format("  {:<7} {} ({})\n", e.passed ? "ok" : "FAILED", e.description, e.detail);
        }
    }
    out << "\n" << (report.passed() ? "PASSED" : "FAILED") << ": " << run.scenario().name << "\n";
}

}  // namespace kafkalab::scenarios
