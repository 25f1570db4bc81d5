// kafkalab: run, check, sweep and list Kafka failure scenarios from the command line.
// `sweep` and `sweep-merge` (sweep_command.h) share these codes (exit_codes_and_loading.h).
//
// Exit codes: 0 the run passed its expectations (or validate found no error);
// 1 an expectation failed; 2 the scenario file or the command line is invalid;
// 3 a model invariant broke (--check-invariants): a simulator bug, not a lesson result;
// 4 an output could not be written (output_files.h). A scenario too big for the memory
// the process may use stops with a message and code 2, as other input it cannot take.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <unistd.h>

#include "scenarios/cli/exit_codes_and_loading.h"
#include "scenarios/cli/memory_budget.h"
#include "scenarios/cli/output_files.h"
#include "scenarios/cli/progress_bar.h"
#include "scenarios/cli/serve_command.h"
#include "scenarios/cli/sweep_command.h"
#include "scenarios/describe/scenario_page.h"
#include "scenarios/runner/metrics_csv.h"
#include "scenarios/runner/perfetto_trace.h"
#include "scenarios/runner/prediction_pause.h"
#include "scenarios/runner/run_report.h"
#include "scenarios/runner/scenario_run.h"
#include "scenarios/runner/sliced_run.h"
#include "scenarios/spec/load_scenario.h"
#include "scenarios/spec/resource_estimate.h"
#include "scenarios/sweep/fault_schedule.h"
#include "scenarios/sweep/seed_range.h"
#include "sim/heap_populator.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;

using namespace kafkalab::cli;

namespace {

std::optional<Scenario> load(const std::string& path) { return load_printing_diagnostics(path); }

/// Everything `kafkalab run` was told.
struct RunFlags {
    std::string path;
    std::optional<std::string> seed_text;  // as given; checked by parse_seed
    std::optional<std::uint64_t> seed;
    std::string until;
    std::string trace_path;
    std::string dot_path;
    std::string perfetto_path;
    std::string metrics_path;
    std::string metrics_interval = "1s";
    std::string faults = "none";
    bool metrics_interval_given = false;
    bool quiet = false;
    bool check_invariants = false;
    bool pause = false;
    bool force = false;  // run even when the estimate says it will not fit in memory
};

/// A duration flag's value; prints what was expected and returns nothing when bad.
std::optional<sim::Duration> duration_flag(const char* flag, const std::string& text, bool zero_allowed) {
    auto value = sim::parse_duration(text);
    if (value && (zero_allowed || value->count() > 0)) return value;
    std::cerr << "kafkalab: " << flag << " expects a" << (zero_allowed ? "" : " positive")
              << " duration such as 30s or 2m, got '" << text << "'\n";
    return std::nullopt;
}

/// Samples of --metrics and --perfetto are bounded: a sample is a row per partition,
/// group and producer, and one every nanosecond of a 30 s run wrote 3.7 GB.
constexpr sim::Duration shortest_metrics_interval = std::chrono::milliseconds(1);
constexpr std::int64_t most_metric_samples = 100'000;

/// The --metrics-interval for a run of `length`; prints the bound it breaks when bad.
std::optional<sim::Duration> metrics_interval_flag(const std::string& text, sim::Duration length) {
    auto interval = duration_flag("--metrics-interval", text, false);
    if (!interval) return std::nullopt;
    if (*interval < shortest_metrics_interval) {
        std::cerr << "kafkalab: --metrics-interval must be at least " << sim::format_duration(shortest_metrics_interval)
                  << ", got '" << text << "'\n";
        return std::nullopt;
    }
    if (length / *interval > most_metric_samples) {
        std::cerr << "kafkalab: --metrics-interval " << text << " takes " << length / *interval << " samples of a "
                  << sim::format_duration(length) << " run; at most " << most_metric_samples
                  << " are written (an interval of " << sim::format_duration(length / most_metric_samples)
                  << " or more)\n";
        return std::nullopt;
    }
    return interval;
}

int run_command(RunFlags flags) {
    if (flags.seed_text) {
        auto seed = parse_seed(*flags.seed_text, "--seed");
        if (const auto* why = std::get_if<std::string>(&seed)) {
            std::cerr << "kafkalab: " << *why << "\n";
            return exit_bad_input;
        }
        flags.seed = std::get<std::uint64_t>(seed);
    }
    if (flags.faults != "random" && flags.faults != "none") {
        std::cerr << "kafkalab: --faults expects 'random' or 'none', got '" << flags.faults << "'\n";
        return exit_bad_input;
    }
    // Waiting for an Enter nobody can type would hang a script or a CI job.
    if (flags.pause && isatty(STDIN_FILENO) != 1) {
        std::cerr << "kafkalab: --pause waits for Enter at each prediction and needs a terminal on standard input; "
                     "without one, leave --pause out (the report lists every question with its answer)\n";
        return exit_bad_input;
    }
    auto scenario = load(flags.path);
    if (!scenario) return exit_bad_input;
    if (!fits_in_memory(flags.path, estimate_resources(*scenario, sim::HeapPopulator::enabled()), flags.force)) return exit_bad_input;
    // The schedule `kafkalab sweep --faults random` ran for this seed, drawn again.
    std::vector<FaultSpec> random = flags.faults == "random" ? random_faults(*scenario, flags.seed.value_or(scenario->seed))
                                                              : std::vector<FaultSpec>{};
    scenario->faults.insert(scenario->faults.end(), random.begin(), random.end());
    RunOptions options;
    options.seed = flags.seed;
    options.check_invariants = flags.check_invariants || invariants::on_by_default;
    if (!flags.until.empty()) {
        auto until = duration_flag("--until", flags.until, true);
        if (!until) return exit_bad_input;
        options.until = *until;
    }
    const sim::Duration length = options.until ? std::min(*options.until, scenario->duration) : scenario->duration;
    auto metrics_interval = metrics_interval_flag(flags.metrics_interval, length);
    if (!metrics_interval) return exit_bad_input;
    if (flags.metrics_interval_given && flags.metrics_path.empty() && flags.perfetto_path.empty()) {
        std::cerr << "kafkalab: --metrics-interval requires --metrics or --perfetto\n";
        return exit_bad_input;
    }
    std::ofstream trace_file, perfetto_file, metrics_file, dot_file;
    if (!open_output("--trace", flags.trace_path, trace_file) ||
        !open_output("--perfetto", flags.perfetto_path, perfetto_file) ||
        !open_output("--metrics", flags.metrics_path, metrics_file) || !open_output("--dot", flags.dot_path, dot_file)) {
        return exit_bad_input;
    }
    std::optional<sim::Trace> trace;
    if (trace_file.is_open()) {
        trace.emplace(false, &trace_file);
        options.trace = &*trace;
    }
    PerfettoTrace perfetto;
    if (perfetto_file.is_open()) perfetto.attach(options);
    if (!flags.quiet) options.timeline = &std::cout;
    std::cout << "kafkalab run " << flags.path << "\n";
    if (!scenario->description.empty() && !flags.quiet) std::cout << scenario->description << "\n\n";
    if (flags.faults == "random") {
        std::cout << "random faults (seed " << flags.seed.value_or(scenario->seed) << "): " << random.size() << "\n";
        for (const auto& f : random) std::cout << "  - " << fault_to_yaml(f) << "\n";
    }

    ScenarioRun run(*scenario, options);
    SlicedRun sliced;
    std::optional<MetricsCsv> metrics;
    if (metrics_file.is_open()) {
        metrics.emplace(run, metrics_file);
        sliced.every(*metrics_interval, [&metrics](sim::Duration) { metrics->sample(); });
    }
    if (perfetto_file.is_open()) {
        sliced.every(*metrics_interval, [&perfetto, &run](sim::Duration) { perfetto.sample(run); });
    }
    PredictionPause pause(std::cin, std::cout);
    if (flags.pause) pause.attach(*scenario, run.end(), sliced);
    std::optional<cli::ProgressBar> progress;
    if (!flags.quiet) {
        progress.emplace(run.end());
        // Slices of 1/200 of the run give the bar its steps.
        sliced.every(std::max(run.end() / 200, sim::Duration(std::chrono::milliseconds(1))), [](sim::Duration) {});
        sliced.around_each_slice([&progress] { progress->make_room(); },
                                 [&progress](sim::Duration now) { progress->update(now); });
    }
    sliced.run(run);
    progress.reset();

    RunReport report = finish_run(run);
    print_report(run, report, std::cout);
    if (const auto* checked = run.invariants()) {
        const auto& n = checked->counts();
        std::cout << "invariants: held after all " << n.events << " events (" << n.batches << " batches, "
                  << n.isr_members << " ISR members, " << n.positions << " consumer positions checked)\n";
    }
    if (trace) std::cout << "trace: " << trace->count() << " records, hash " << std::hex << trace->hash() << std::dec << "\n";
    if (perfetto_file.is_open()) {
        perfetto.write(run, perfetto_file);
        std::cout << "perfetto: " << flags.perfetto_path << " (open it in ui.perfetto.dev)\n";
    }
    if (metrics) std::cout << "metrics: " << flags.metrics_path << "\n";
    if (dot_file.is_open()) run.simulation().network().write_dot(dot_file);
    // Every output is closed and checked, even after one failed, so each is named.
    bool written = close_output("--trace", flags.trace_path, trace_file);
    written = close_output("--perfetto", flags.perfetto_path, perfetto_file) && written;
    written = close_output("--metrics", flags.metrics_path, metrics_file) && written;
    written = close_output("--dot", flags.dot_path, dot_file) && written;
    if (!written) return exit_output_failed;
    return report.passed() ? exit_passed : exit_expectation_failed;
}

/// `validate`: the file's diagnostics, then what a run of it would take, refused when it
/// would not fit this machine's memory (unless `force`).
int validate_command(const std::string& path, bool force) {
    auto scenario = load(path);
    if (!scenario) return exit_bad_input;
    const ResourceEstimate estimate = estimate_resources(*scenario, sim::HeapPopulator::enabled());
    if (!fits_in_memory(path, estimate, force)) return exit_bad_input;
    std::cout << path << ": ok\n";
    std::cout << "a run needs about " << format_bytes(estimate.memory_bytes) << " of memory (most for "
              << estimate.costliest().name << "); --trace would write about " << format_bytes(estimate.trace_bytes)
              << "\n";
    return exit_passed;
}

int describe_command(const std::string& path) {
    auto scenario = load(path);
    if (!scenario) return exit_bad_input;
    write_scenario_page(*scenario, std::cout);
    return exit_passed;
}

int lessons_command(const std::string& directory) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        if (entry.path().extension() == ".yaml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        LoadResult loaded = load_scenario(file.string());
        std::string summary = loaded.scenario ? loaded.scenario->name : "(does not load: run kafkalab validate)";
        std::cout << file.filename().string() << "  " << summary << "\n";
    }
    return exit_passed;
}

}  // namespace

int main(int argc, char** argv) {
    // Long runs keep what they log: a heap in huge pages, faulted in bulk
    // (sim/heap_populator.h). May run the program again first, with the same arguments.
    kafkalab::sim::HeapPopulator::enable_for_program(argv);
    CLI::App app{"kafkalab: a deterministic Kafka cluster simulator and teaching lab"};
    app.set_version_flag("--version", std::string("kafkalab ") + KAFKALAB_VERSION);
    app.require_subcommand(1);

    std::string path;
    RunFlags flags;
    auto* run = app.add_subcommand("run", "Run a scenario headless: timeline, checker report, expectations");
    run->add_option("scenario", flags.path, "The scenario file (YAML)")->required();
    run->add_option("--seed", flags.seed_text, "Use this seed instead of the scenario's (0 to 2^63 - 1)");
    run->add_option("--until", flags.until, "Stop at this scenario time (e.g. 30s)");
    run->add_option("--trace", flags.trace_path, "Write every event as JSON Lines to this file");
    run->add_option("--dot", flags.dot_path, "Write the network topology as Graphviz DOT to this file");
    run->add_option("--perfetto", flags.perfetto_path,
                    "Write a Chrome/Perfetto trace-event JSON file (ui.perfetto.dev, chrome://tracing)");
    run->add_option("--metrics", flags.metrics_path, "Write metrics sampled over the run as CSV");
    auto* interval = run->add_option("--metrics-interval", flags.metrics_interval,
                                     "Simulated time between metric samples, in the CSV and as Perfetto counters "
                                     "(default 1s)");
    run->add_flag("--quiet", flags.quiet, "Print only the report (and no progress bar)");
    run->add_flag("--pause", flags.pause,
                  "Stop at each prediction of the lesson: show the question, wait for Enter, then the answer "
                  "(needs a terminal)");
    run->add_option("--faults", flags.faults,
                    "random: add the fault schedule kafkalab sweep --faults random draws for this seed");
    run->add_flag("--check-invariants", flags.check_invariants,
                  "Check the model's invariants after every event; a violation stops the run with exit code 3 "
                  "(always on in Debug builds)");
    run->add_flag("--force", flags.force,
                  "Run even when the scenario's estimated memory exceeds what this machine has");

    auto* validate = app.add_subcommand("validate", "Check a scenario file and print its errors");
    validate->add_option("scenario", path, "The scenario file (YAML)")->required();
    bool validate_force = false;
    validate->add_flag("--force", validate_force,
                       "Accept a scenario whose estimated memory exceeds what this machine has (a warning instead)");
    auto* describe = app.add_subcommand("describe", "The scenario on one page: brokers, racks, replica placement, "
                                                      "topic configs, clients, faults and expectations");
    describe->add_option("scenario", path, "The scenario file (YAML)")->required();
    std::string lessons_dir = KAFKALAB_LESSONS_DIR;
    auto* lessons = app.add_subcommand("lessons", "List the lesson library");
    lessons->add_option("--dir", lessons_dir, "The lesson directory");
    cli::SweepFlags sweep_flags;
    auto* sweep = cli::add_sweep_subcommand(app, sweep_flags);
    cli::SweepMergeFlags merge_flags;
    auto* sweep_merge = cli::add_sweep_merge_subcommand(app, merge_flags);
    cli::ServeFlags serve_flags;
    auto* serve = cli::add_serve_subcommand(app, serve_flags);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        int code = app.exit(error);
        return code == 0 ? 0 : exit_bad_input;
    }
    auto dispatch = [&]() -> int {
        if (*run) {
            flags.metrics_interval_given = interval->count() > 0;
            try {
                return run_command(flags);
            } catch (const invariants::InvariantViolation& violation) {
                std::cout.flush();
                std::cerr << "\nkafkalab: " << violation.what() << "\n";
                return exit_invariant_violated;
            }
        }
        if (*validate) return validate_command(path, validate_force);
        if (*describe) return describe_command(path);
        if (*lessons) return lessons_command(lessons_dir);
        if (*sweep) return cli::sweep_command(sweep_flags);
        if (*sweep_merge) return cli::sweep_merge_command(merge_flags);
        if (*serve) return cli::serve_command(serve_flags);
        return exit_bad_input;
    };
    int code = exit_passed;
    try {
        code = dispatch();
    } catch (const std::bad_alloc&) {
        // A scenario too big for the memory this process may use: say so, do not abort.
        std::cout.flush();
        std::cerr << "\nkafkalab: out of memory: the scenario needs more memory than this process may use; make it "
                     "smaller (fewer brokers, partitions, clients or records) or give it more memory\n";
        return exit_bad_input;
    }
    // Whatever the command found, output it could not write fails it (a shard on a
    // full disk must not pass); an invariant violation keeps its own code.
    if (!flush_standard_output() && code != exit_invariant_violated) return exit_output_failed;
    return code;
}
