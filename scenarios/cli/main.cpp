// kafkalab: run, check and list Kafka failure scenarios from the command line.
//
// Exit codes: 0 the run passed its expectations (or validate found no error);
// 1 an expectation failed; 2 the scenario file or the command line is invalid.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "scenarios/runner/run_report.h"
#include "scenarios/runner/scenario_run.h"
#include "scenarios/spec/load_scenario.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;

namespace {

constexpr int exit_passed = 0;
constexpr int exit_expectation_failed = 1;
constexpr int exit_bad_input = 2;

/// Loads a scenario, printing its diagnostics; nothing if it has errors.
std::optional<Scenario> load(const std::string& path) {
    LoadResult loaded = load_scenario(path);
    for (const auto& d : loaded.diagnostics) std::cerr << d.to_string() << "\n";
    if (!loaded.scenario) return std::nullopt;
    return std::move(*loaded.scenario);
}

int run_command(const std::string& path, std::optional<std::uint64_t> seed, const std::string& until_text,
                const std::string& trace_path, const std::string& dot_path, bool quiet) {
    auto scenario = load(path);
    if (!scenario) return exit_bad_input;
    RunOptions options;
    options.seed = seed;
    if (!until_text.empty()) {
        auto until = sim::parse_duration(until_text);
        if (!until) {
            std::cerr << "kafkalab: --until expects a duration such as 30s or 2m, got '" << until_text << "'\n";
            return exit_bad_input;
        }
        options.until = *until;
    }
    std::ofstream trace_file;
    std::optional<sim::Trace> trace;
    if (!trace_path.empty()) {
        trace_file.open(trace_path);
        if (!trace_file) {
            std::cerr << "kafkalab: --trace: cannot write " << trace_path << "\n";
            return exit_bad_input;
        }
        trace.emplace(false, &trace_file);
        options.trace = &*trace;
    }
    if (!quiet) options.timeline = &std::cout;
    std::cout << "kafkalab run " << path << "\n";
    if (!scenario->description.empty() && !quiet) std::cout << scenario->description << "\n\n";
    ScenarioRun run(*scenario, options);
    run.run();
    RunReport report = finish_run(run);
    print_report(run, report, std::cout);
    if (trace) std::cout << "trace: " << trace->count() << " records, hash " << std::hex << trace->hash() << std::dec << "\n";
    if (!dot_path.empty()) {
        std::ofstream dot(dot_path);
        run.simulation().network().write_dot(dot);
    }
    return report.passed() ? exit_passed : exit_expectation_failed;
}

int describe_command(const std::string& path) {
    auto scenario = load(path);
    if (!scenario) return exit_bad_input;
    const Scenario& s = *scenario;
    std::cout << s.name << "\n" << s.description << "\n\n";
    std::cout << "seed " << s.seed << ", duration " << sim::format_duration(s.duration) << ", Kafka "
              << s.kafka_version.to_string() << " defaults\n";
    std::cout << "cluster: " << s.cluster.zookeeper.nodes << " ZooKeeper node(s), " << s.cluster.brokers.size()
              << " broker(s)\n";
    for (const auto& t : s.topics) {
        std::cout << "topic " << t.name << ": " << t.partitions << " partition(s), replication factor "
                  << t.replication_factor << "\n";
    }
    for (const auto& p : s.producers) std::cout << "producer " << p.name << " -> " << p.topic << "\n";
    for (const auto& c : s.consumers) std::cout << "consumer " << c.name << " (group " << c.group_id << ")\n";
    std::cout << s.faults.size() << " fault(s), " << s.steps.size() << " tool step(s), " << s.narration.size()
              << " narration line(s), " << s.expectations.size() << " expectation(s)\n";
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
    CLI::App app{"kafkalab: a deterministic Kafka cluster simulator and teaching lab"};
    app.set_version_flag("--version", std::string("kafkalab ") + KAFKALAB_VERSION);
    app.require_subcommand(1);

    std::string path, until, trace_path, dot_path;
    std::optional<std::uint64_t> seed;
    bool quiet = false;
    auto* run = app.add_subcommand("run", "Run a scenario headless: timeline, checker report, expectations");
    run->add_option("scenario", path, "The scenario file (YAML)")->required();
    run->add_option("--seed", seed, "Use this seed instead of the scenario's");
    run->add_option("--until", until, "Stop at this scenario time (e.g. 30s)");
    run->add_option("--trace", trace_path, "Write every event as JSON Lines to this file");
    run->add_option("--dot", dot_path, "Write the network topology as Graphviz DOT to this file");
    run->add_flag("--quiet", quiet, "Print only the report");

    auto* validate = app.add_subcommand("validate", "Check a scenario file and print its errors");
    validate->add_option("scenario", path, "The scenario file (YAML)")->required();
    auto* describe = app.add_subcommand("describe", "Say what a scenario will build and do");
    describe->add_option("scenario", path, "The scenario file (YAML)")->required();
    std::string lessons_dir = KAFKALAB_LESSONS_DIR;
    auto* lessons = app.add_subcommand("lessons", "List the lesson library");
    lessons->add_option("--dir", lessons_dir, "The lesson directory");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        int code = app.exit(error);
        return code == 0 ? 0 : exit_bad_input;
    }
    if (*run) return run_command(path, seed, until, trace_path, dot_path, quiet);
    if (*validate) {
        auto scenario = load(path);
        if (!scenario) return exit_bad_input;
        std::cout << path << ": ok\n";
        return exit_passed;
    }
    if (*describe) return describe_command(path);
    if (*lessons) return lessons_command(lessons_dir);
    return exit_bad_input;
}
