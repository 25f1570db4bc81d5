#pragma once
// What a sweep found, over all its runs: the table `kafkalab sweep` and
// `kafkalab sweep-merge` print at the end, the failing seeds with the command that
// replays each, and the sweep's own expectations (`sweep: expect:`, shares of runs).
//
// Results are added one at a time, in any order; a seed added twice is counted once
// and remembered as a duplicate, and missing() names the holes of a range.
#include <cstdint>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "scenarios/spec/scenario.h"
#include "scenarios/sweep/seed_range.h"
#include "scenarios/sweep/sweep_result.h"

namespace kafkalab::scenarios {

struct AnomalyTally {
    std::size_t runs = 0;     // runs with at least one
    std::size_t records = 0;  // over all runs
};

struct SweepShareResult {
    const SweepShareExpectation* spec = nullptr;
    bool passed = false;
    std::string description;  // "lost-acknowledged-records in at least 20% of runs (found 41.0%)"
};

class SweepSummary {
public:
    void add(const SweepRunResult& result);

    std::size_t runs() const { return seeds_.size(); }
    std::size_t passed() const { return runs() - failing_.size(); }
    std::size_t faults() const { return faults_; }
    std::size_t sent() const { return sent_; }
    std::size_t acknowledged() const { return acknowledged_; }
    std::size_t clean_runs() const { return clean_; }
    /// Runs whose liveness phase found something that did not recover, or could not judge.
    std::size_t not_live_runs() const { return not_live_; }
    std::size_t not_judged_runs() const { return not_judged_; }
    /// Runs that lost data and runs that did not recover are told apart: a run can be
    /// safe but not live, or live but not safe.
    std::size_t live_runs() const { return live_; }
    const std::map<std::string, AnomalyTally>& anomalies() const { return anomalies_; }
    /// Lost writes by cause ("power-lost-leader", ...): runs with at least one, and records.
    const std::map<std::string, AnomalyTally>& lost_by_cause() const { return lost_by_cause_; }
    /// Runs that failed an expectation, by seed: the first failed expectation and the replay command.
    struct Failing {
        std::string why;
        std::string replay;
    };
    const std::map<std::uint64_t, Failing>& failing() const { return failing_; }
    /// Seeds added more than once, in seed order, each once.
    const std::vector<std::uint64_t>& duplicate_seeds() const { return duplicates_; }
    /// The seeds of `expected` never added, as ranges in seed order.
    std::vector<SeedRange> missing(const SeedRange& expected) const;
    /// The smallest to the largest seed added.
    SeedRange seen_range() const;

    /// The sweep's expectations, judged on the runs added so far.
    std::vector<SweepShareResult> judge(const std::vector<SweepShareExpectation>& expectations) const;

    /// The table, then each failing seed with its replay command (at most `listed` of them).
    void print(std::ostream& out, std::size_t listed = 20) const;

private:
    std::set<std::uint64_t> seeds_;
    std::vector<std::uint64_t> duplicates_;
    std::map<std::uint64_t, Failing> failing_;
    std::map<std::string, AnomalyTally> anomalies_;
    std::map<std::string, AnomalyTally> lost_by_cause_;
    std::size_t faults_ = 0;
    std::size_t sent_ = 0;
    std::size_t acknowledged_ = 0;
    std::size_t clean_ = 0;
    std::size_t live_ = 0;
    std::size_t not_live_ = 0;
    std::size_t not_judged_ = 0;
};

}  // namespace kafkalab::scenarios
