#include "scenarios/sweep/sweep_run.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "scenarios/checker/check_report.h"
#include "scenarios/runner/run_report.h"
#include "scenarios/runner/scenario_run.h"
#include "scenarios/sweep/fault_schedule.h"

namespace kafkalab::scenarios {
namespace {

/// The path as a shell reads it: quoted when it holds anything but plain characters.
std::string shell_word(const std::string& word) {
    bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '.' || c == '_' || c == '-' || c == '+';
    });
    if (plain) return word;
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

}  // namespace

std::string replay_command(const std::string& scenario_path, std::uint64_t seed, bool random_faults) {
    return "kafkalab run " + shell_word(scenario_path) + " --seed " + std::to_string(seed) +
           (random_faults ? " --faults random" : "");
}

SweepRunResult run_seed(const Scenario& scenario, std::uint64_t seed, const SweepOptions& options) {
    SweepRunResult result;
    result.seed = seed;
    result.run = SweepRunIdentity{options.scenario_hash, options.random_faults ? "random" : "none", options.version};
    result.replay = replay_command(options.scenario_path, seed, options.random_faults);
    Scenario with_faults = scenario;
    if (options.random_faults) {
        auto faults = random_faults(scenario, seed);
        for (const auto& f : faults) result.faults.push_back(fault_to_yaml(f));
        with_faults.faults.insert(with_faults.faults.end(), faults.begin(), faults.end());
    }
    RunOptions run_options;
    run_options.seed = seed;
    RunReport report;
    try {
        ScenarioRun run(with_faults, run_options);
        run.run();
        report = finish_run(run);
    } catch (const std::exception& e) {
        // A broken model invariant stops a run; the sweep goes on and names the seed.
        result.passed = false;
        result.clean = false;
        result.failed_expectations.push_back(std::string("the run stopped: ") + e.what());
        return result;
    }
    const CheckCounts& counts = report.check.counts;
    result.sent = counts.sent;
    result.acknowledged = counts.acknowledged;
    result.failed = counts.failed;
    result.pending = counts.pending;
    for (AnomalyKind kind : all_anomaly_kinds) result.anomalies[to_string(kind)] = report.check.count(kind);
    for (const auto& [cause, n] : report.check.lost_by_cause()) result.lost_by_cause[std::string(to_string(cause))] = n;
    result.clean = report.check.clean();
    if (report.liveness) {
        result.liveness = !report.liveness->judged ? RunLiveness::not_judged
                          : report.liveness->live() ? RunLiveness::live
                                                    : RunLiveness::not_live;
    }
    result.passed = report.passed();
    for (const auto& e : report.expectations) {
        if (!e.passed) result.failed_expectations.push_back(e.description + " (" + e.detail + ")");
    }
    return result;
}

void run_sweep(const Scenario& scenario, const SeedRange& seeds, const SweepOptions& options) {
    const std::uint64_t total = seeds.size();
    const auto threads = static_cast<std::uint64_t>(std::max(1, options.jobs));
    std::atomic<std::uint64_t> next{0};
    std::mutex mutex;
    std::condition_variable finished;
    // Results that arrived before every earlier seed's did, by position in the range.
    std::map<std::uint64_t, SweepRunResult> waiting;
    auto work = [&] {
        for (std::uint64_t i = next++; i < total; i = next++) {
            SweepRunResult result = run_seed(scenario, seeds.first + i, options);
            std::lock_guard lock(mutex);
            waiting.emplace(i, std::move(result));
            finished.notify_one();
        }
    };
    std::vector<std::jthread> workers;
    for (std::uint64_t t = 1; t < std::min(threads, total); ++t) workers.emplace_back(work);
    if (workers.empty()) {
        // One job: run in this thread, in order, with nothing to wait for.
        for (std::uint64_t i = 0; i < total; ++i) {
            if (options.on_result) options.on_result(run_seed(scenario, seeds.first + i, options));
        }
        return;
    }
    workers.emplace_back(work);
    for (std::uint64_t emitted = 0; emitted < total; ++emitted) {
        std::unique_lock lock(mutex);
        finished.wait(lock, [&] { return waiting.count(emitted) > 0; });
        SweepRunResult result = std::move(waiting.at(emitted));
        waiting.erase(emitted);
        lock.unlock();
        if (options.on_result) options.on_result(result);
    }
}

}  // namespace kafkalab::scenarios
