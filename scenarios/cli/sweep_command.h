#pragma once
// `kafkalab sweep` and `kafkalab sweep-merge`: run a scenario once per seed, with
// random faults if asked, and sum up what the checker found (docs/SWEEPS.md).
//
// Exit codes, as `kafkalab run`'s: 0 every run passed its expectations (and the
// sweep its own); 1 some run, or a sweep expectation, failed; 2 bad input (the file,
// a flag, or for sweep-merge lines it refuses or that overlap or leave seeds out); 4 an
// output could not be written (output_files.h).
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace kafkalab::cli {

struct SweepFlags {
    std::string path;
    std::string seeds;
    std::string faults = "none";
    std::optional<std::string> jobs;  // not given: every core
    std::string shard;  // "K/N"; empty: the whole range
    std::string out;    // JSON lines; empty: standard output
};

struct SweepMergeFlags {
    std::vector<std::string> files;
    std::string seeds;     // the range the shards should cover; empty: smallest to largest seen
    std::string scenario;  // the lines must be its runs; judge them and its `sweep: expect:` again
    std::string faults = "none";  // the --faults the sweep was given, checked in every line
    std::string out;       // the merged JSON lines, by seed; empty: standard output
};

CLI::App* add_sweep_subcommand(CLI::App& app, SweepFlags& flags);
CLI::App* add_sweep_merge_subcommand(CLI::App& app, SweepMergeFlags& flags);

int sweep_command(const SweepFlags& flags);
int sweep_merge_command(const SweepMergeFlags& flags);

}  // namespace kafkalab::cli
