#pragma once
// `kafkalab sweep` and `kafkalab sweep-merge`: run a scenario once per seed, with
// random faults if asked, and sum up what the checker found (docs/SWEEPS.md).
//
// Exit codes, as `kafkalab run`'s: 0 every run passed its expectations (and the
// sweep its own); 1 some run, or a sweep expectation, failed; 2 bad input (the file,
// a flag, or for sweep-merge shards that overlap or leave seeds out).
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace kafkalab::cli {

struct SweepFlags {
    std::string path;
    std::string seeds;
    std::string faults = "none";
    std::string jobs;   // default: every core
    std::string shard;  // "K/N"; empty: the whole range
    std::string out;    // JSON lines; empty: standard output
};

struct SweepMergeFlags {
    std::vector<std::string> files;
    std::string seeds;     // the range the shards should cover; empty: smallest to largest seen
    std::string scenario;  // judge its `sweep: expect:` on the merged runs
    std::string out;       // the merged JSON lines, by seed; empty: standard output
};

CLI::App* add_sweep_subcommand(CLI::App& app, SweepFlags& flags);
CLI::App* add_sweep_merge_subcommand(CLI::App& app, SweepMergeFlags& flags);

int sweep_command(const SweepFlags& flags);
int sweep_merge_command(const SweepMergeFlags& flags);

}  // namespace kafkalab::cli
