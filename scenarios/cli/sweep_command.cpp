#include "scenarios/cli/sweep_command.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <thread>
#include <variant>

#include <unistd.h>

#include "scenarios/cli/exit_codes_and_loading.h"
#include "scenarios/cli/output_files.h"
#include "scenarios/spec/load_scenario.h"
#include "scenarios/sweep/scenario_identity.h"
#include "scenarios/sweep/sweep_merge.h"
#include "scenarios/sweep/sweep_run.h"
#include "scenarios/sweep/sweep_summary.h"

namespace kafkalab::cli {
namespace {

using namespace kafkalab::scenarios;

constexpr int exit_failed = exit_expectation_failed;
constexpr int most_jobs = 256;

std::optional<Scenario> load(const std::string& path) { return load_printing_diagnostics(path); }

template <class T>
std::optional<T> flag_value(const std::variant<T, std::string>& parsed) {
    if (const auto* value = std::get_if<T>(&parsed)) return *value;
    std::cerr << "kafkalab: " << std::get<std::string>(parsed) << "\n";
    return std::nullopt;
}

std::optional<int> jobs_flag(const std::optional<std::string>& given) {
    if (!given) return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const std::string& text = *given;
    int jobs = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), jobs);
    if (error == std::errc() && end == text.data() + text.size() && jobs >= 1 && jobs <= most_jobs) return jobs;
    std::cerr << "kafkalab: --jobs expects a whole number from 1 to " << most_jobs << ", got '" << text << "'\n";
    return std::nullopt;
}

/// A one-line count of finished runs on standard error, only when it is a terminal;
/// redrawn at most ten times a second, and erased before the summary.
class SweepProgress {
public:
    explicit SweepProgress(std::uint64_t total) : total_(total), enabled_(isatty(fileno(stderr)) == 1) {}
    ~SweepProgress() { erase(); }

    void update(std::uint64_t done, std::size_t failed) {
        auto now = Clock::now();
        if (!enabled_ || (done < total_ && now - drawn_ < std::chrono::milliseconds(100))) return;
        drawn_ = now;
        std::cerr << "\rsweep: " << done << "/" << total_ << " runs, " << failed << " failed\033[K" << std::flush;
        shown_ = true;
    }
    void erase() {
        if (shown_) std::cerr << "\r\033[K" << std::flush;
        shown_ = false;
    }

private:
    using Clock = std::chrono::steady_clock;
    std::uint64_t total_;
    bool enabled_;
    bool shown_ = false;
    Clock::time_point drawn_{};
};

/// Prints the sweep's expectations as ok/FAILED; false when one failed.
bool print_share_results(const SweepSummary& summary, const std::vector<SweepShareExpectation>& expectations) {
    bool all = true;
    for (const auto& r : summary.judge(expectations)) {
        std::cerr << (r.passed ? "  ok      " : "  FAILED  ") << r.description << "\n";
        all = all && r.passed;
    }
    return all;
}

/// Opens `path` for the JSON lines, or uses standard output when it is empty.
std::ostream* open_out(const char* flag, const std::string& path, std::ofstream& file) {
    if (path.empty()) return &std::cout;
    return open_output(flag, path, file) ? &file : nullptr;
}

}  // namespace

CLI::App* add_sweep_subcommand(CLI::App& app, SweepFlags& flags) {
    auto* sweep = app.add_subcommand("sweep", "Run a scenario once per seed, with random faults if asked, and sum up");
    sweep->add_option("scenario", flags.path, "The scenario file (YAML)")->required();
    sweep->add_option("--seeds", flags.seeds, "The seeds to run, A..B (inclusive)")->required();
    sweep->add_option("--faults", flags.faults,
                      "random: add a fault schedule drawn from each seed within the file's sweep: bounds; "
                      "none (default): only the file's faults");
    sweep->add_option("--jobs", flags.jobs, "Runs at once (default: every core); results do not depend on it");
    sweep->add_option("--shard", flags.shard, "Run only the K-th of N consecutive slices of the seeds, K/N");
    sweep->add_option("--out", flags.out, "Write the JSON lines to this file instead of standard output");
    return sweep;
}

CLI::App* add_sweep_merge_subcommand(CLI::App& app, SweepMergeFlags& flags) {
    auto* merge = app.add_subcommand("sweep-merge", "Combine the JSON lines of sweep shards into one summary");
    merge->add_option("files", flags.files, "JSON lines files written by kafkalab sweep")->required();
    merge->add_option("--seeds", flags.seeds, "The range the shards should cover, A..B (default: smallest to largest)");
    merge->add_option("--scenario", flags.scenario,
                      "Refuse lines that are not runs of this scenario; judge each run and the sweep: expect: again");
    merge->add_option("--faults", flags.faults, "The --faults the sweep was given: random or none (default, as sweep's)");
    merge->add_option("--out", flags.out, "Write the merged JSON lines, by seed, to this file instead of standard output");
    return merge;
}

int sweep_command(const SweepFlags& flags) {
    auto range = flag_value(parse_seed_range(flags.seeds));
    if (!range) return exit_bad_input;
    std::optional<Shard> shard;
    if (!flags.shard.empty() && !(shard = flag_value(parse_shard(flags.shard)))) return exit_bad_input;
    if (flags.faults != "random" && flags.faults != "none") {
        std::cerr << "kafkalab: --faults expects 'random' or 'none', got '" << flags.faults << "'\n";
        return exit_bad_input;
    }
    auto jobs = jobs_flag(flags.jobs);
    if (!jobs) return exit_bad_input;
    auto scenario = load(flags.path);
    if (!scenario) return exit_bad_input;
    std::ofstream file;
    std::ostream* out = open_out("--out", flags.out, file);
    if (!out) return exit_bad_input;

    const SeedRange seeds = shard ? slice(*range, *shard) : *range;
    SweepSummary summary;
    SweepProgress progress(seeds.size());
    SweepOptions options;
    options.random_faults = flags.faults == "random";
    options.jobs = *jobs;
    options.scenario_path = flags.path;
    options.scenario_hash = scenario_file_hash(flags.path, *scenario).value_or("");
    options.version = KAFKALAB_VERSION;
    options.on_result = [&](const SweepRunResult& result) {
        *out << to_json_line(result) << "\n";
        summary.add(result);
        progress.update(summary.runs(), summary.runs() - summary.passed());
    };
    run_sweep(*scenario, seeds, options);
    progress.erase();
    // Lines that did not reach the disk are no sweep: refuse before any verdict.
    if (!close_output("--out", flags.out, file) || !flush_standard_output()) {
        std::cerr << "FAILED: the JSON lines were not all written\n";
        return exit_output_failed;
    }

    summary.print(std::cerr);
    bool passed = summary.passed() == summary.runs();
    if (shard && !scenario->sweep.expect.empty()) {
        std::cerr << "shard " << shard->index << "/" << shard->count << " ran seeds " << seeds.first << ".." << seeds.last
                  << "; the sweep's expectations are judged on all shards by kafkalab sweep-merge --scenario\n";
    } else {
        passed = print_share_results(summary, scenario->sweep.expect) && passed;
    }
    std::cerr << (passed ? "PASSED: " : "FAILED: ") << scenario->name << "\n";
    return passed ? exit_passed : exit_failed;
}

int sweep_merge_command(const SweepMergeFlags& flags) {
    SweepMergeSpec spec;
    if (!flags.seeds.empty() && !(spec.seeds = flag_value(parse_seed_range(flags.seeds)))) return exit_bad_input;
    if (flags.faults != "random" && flags.faults != "none") {
        std::cerr << "kafkalab: --faults expects 'random' or 'none', got '" << flags.faults << "'\n";
        return exit_bad_input;
    }
    std::optional<Scenario> scenario;
    if (!flags.scenario.empty()) {
        if (!(scenario = load(flags.scenario))) return exit_bad_input;
        auto hash = scenario_file_hash(flags.scenario, *scenario);
        if (!hash) {
            std::cerr << "kafkalab: --scenario: cannot read " << flags.scenario << "\n";
            return exit_bad_input;
        }
        spec.identity.scenario = *hash;
        spec.scenario = &*scenario;
        spec.scenario_name = flags.scenario;
    }
    spec.identity.faults = flags.faults;
    spec.identity.version = KAFKALAB_VERSION;
    SweepMerge merge(std::move(spec));
    for (const auto& path : flags.files) {
        if (!merge.read_file(path, std::cerr)) return exit_bad_input;
    }
    std::ofstream file;
    std::ostream* out = open_out("--out", flags.out, file);
    if (!out) return exit_bad_input;
    for (const auto& [seed, line] : merge.lines()) *out << line << "\n";
    if (!close_output("--out", flags.out, file) || !flush_standard_output()) {
        std::cerr << "FAILED: the merged JSON lines were not all written\n";
        return exit_output_failed;
    }

    const SweepSummary& summary = merge.summary();
    summary.print(std::cerr);
    bool passed = summary.passed() == summary.runs();
    if (scenario) passed = print_share_results(summary, scenario->sweep.expect) && passed;
    auto problems = merge.incomplete();
    for (const auto& problem : problems) std::cerr << problem << "\n";
    if (!problems.empty()) {
        std::cerr << "INCOMPLETE: the lines are not the whole sweep asked for\n";
        return exit_bad_input;
    }
    std::cerr << (passed ? "PASSED" : "FAILED") << "\n";
    return passed ? exit_passed : exit_failed;
}

}  // namespace kafkalab::cli
