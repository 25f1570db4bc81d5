#include "scenarios/sweep/sweep_summary.h"

#include <algorithm>

#include <fmt/format.h>

#include "scenarios/checker/check_report.h"

namespace kafkalab::scenarios {
namespace {

const char* share_name(SweepShareKind kind) {
    switch (kind) {
        case SweepShareKind::lost_acknowledged_records: return "lost-acknowledged-records";
        case SweepShareKind::duplicate_records: return "duplicate-records";
        case SweepShareKind::reordered_records: return "reordered-records";
        case SweepShareKind::failed_runs: return "failed-runs";
    }
    return "?";
}

std::string percent(double share) { return fmt::format("{:.1f}%", share * 100); }

}  // namespace

void SweepSummary::add(const SweepRunResult& r) {
    if (!seeds_.insert(r.seed).second) {
        if (duplicates_.empty() || duplicates_.back() != r.seed) duplicates_.push_back(r.seed);
        std::sort(duplicates_.begin(), duplicates_.end());
        duplicates_.erase(std::unique(duplicates_.begin(), duplicates_.end()), duplicates_.end());
        return;
    }
    faults_ += r.faults.size();
    sent_ += r.sent;
    acknowledged_ += r.acknowledged;
    clean_ += r.clean;
    live_ += r.liveness == RunLiveness::live;
    not_live_ += r.liveness == RunLiveness::not_live;
    not_judged_ += r.liveness == RunLiveness::not_judged;
    for (const auto& [name, n] : r.anomalies) {
        AnomalyTally& tally = anomalies_[name];
        tally.runs += n > 0;
        tally.records += n;
    }
    for (const auto& [cause, n] : r.lost_by_cause) {
        AnomalyTally& tally = lost_by_cause_[cause];
        ++tally.runs;
        tally.records += n;
    }
    if (!r.passed) {
        failing_[r.seed] = Failing{r.failed_expectations.empty() ? "failed" : r.failed_expectations.front(), r.replay};
    }
}

SeedRange SweepSummary::seen_range() const {
    if (seeds_.empty()) return SeedRange{1, 0};
    return SeedRange{*seeds_.begin(), *seeds_.rbegin()};
}

std::vector<SeedRange> SweepSummary::missing(const SeedRange& expected) const {
    std::vector<SeedRange> holes;
    if (expected.size() == 0) return holes;
    std::uint64_t next = expected.first;  // the first seed not yet accounted for
    for (auto it = seeds_.lower_bound(expected.first); it != seeds_.end() && *it <= expected.last; ++it) {
        if (*it > next) holes.push_back(SeedRange{next, *it - 1});
        next = *it + 1;
        if (*it == expected.last) return holes;
    }
    holes.push_back(SeedRange{next, expected.last});
    return holes;
}

std::vector<SweepShareResult> SweepSummary::judge(const std::vector<SweepShareExpectation>& expectations) const {
    std::vector<SweepShareResult> results;
    auto runs_with = [&](const char* anomaly) {
        auto it = anomalies_.find(anomaly);
        return it == anomalies_.end() ? std::size_t{0} : it->second.runs;
    };
    for (const auto& e : expectations) {
        std::size_t n = 0;
        switch (e.kind) {
            case SweepShareKind::lost_acknowledged_records: n = runs_with("lost-write"); break;
            case SweepShareKind::duplicate_records: n = runs_with("duplicate"); break;
            case SweepShareKind::reordered_records: n = runs_with("nonmonotonic-send"); break;
            case SweepShareKind::failed_runs: n = failing_.size(); break;
        }
        const double share = runs() ? static_cast<double>(n) / static_cast<double>(runs()) : 0.0;
        SweepShareResult r;
        r.spec = &e;
        // With no runs at all there is nothing to judge: a minimum cannot be met.
        r.passed = runs() > 0 && (!e.min || share >= *e.min) && (!e.max || share <= *e.max);
        std::string bounds = e.min && e.max ? "between " + percent(*e.min) + " and " + percent(*e.max)
                             : e.min       ? "at least " + percent(*e.min)
                                           : "at most " + percent(*e.max);
        r.description = fmt::format("{} in {} of runs (found {} of {}, {})", share_name(e.kind), bounds, n, runs(),
                                    percent(share));
        results.push_back(std::move(r));
    }
    return results;
}

void SweepSummary::print(std::ostream& out, std::size_t listed) const {
    SeedRange range = seen_range();
    out << fmt::format("sweep: {} runs (seeds {}..{}): {} passed, {} failed\n", runs(), range.first, range.last,
                       passed(), failing_.size());
    out << fmt::format("  {:<24}{:>12}\n", "faults injected", faults_);
    out << fmt::format("  {:<24}{:>12}\n", "records sent", sent_);
    out << fmt::format("  {:<24}{:>12}\n", "records acknowledged", acknowledged_);
    out << fmt::format("  {:<24}{:>12}\n", "runs the checker passed", clean_);
    if (live_ + not_live_ + not_judged_ > 0) {
        out << fmt::format("  {:<24}{:>12}\n", "runs that recovered", live_);
        out << fmt::format("  {:<24}{:>12}\n", "runs that did not", not_live_);
        if (not_judged_ > 0) out << fmt::format("  {:<24}{:>12}\n", "runs not judged (settle)", not_judged_);
    }
    out << fmt::format("  {:<24}{:>12}{:>12}\n", "anomaly", "runs", "records");
    for (AnomalyKind kind : all_anomaly_kinds) {
        auto it = anomalies_.find(to_string(kind));
        AnomalyTally tally = it == anomalies_.end() ? AnomalyTally{} : it->second;
        out << fmt::format("  {:<24}{:>12}{:>12}\n", to_string(kind), tally.runs, tally.records);
        if (kind != AnomalyKind::lost_write) continue;
        // Why they were lost, in the order the checker tries the causes.
        for (const auto& entry : loss_cause_names) {
            auto cause = lost_by_cause_.find(std::string(entry.name));
            if (cause == lost_by_cause_.end()) continue;
            out << fmt::format("    {:<28}{:>6}{:>12}\n", entry.name, cause->second.runs, cause->second.records);
        }
    }
    std::size_t shown = 0;
    for (const auto& [seed, failing] : failing_) {
        if (shown++ == listed) {
            out << fmt::format("... and {} more failing seeds (see the JSON lines)\n", failing_.size() - listed);
            break;
        }
        out << fmt::format("FAILED seed {}: {}\n  replay: {}\n", seed, failing.why, failing.replay);
    }
}

}  // namespace kafkalab::scenarios
