#pragma once
// `kafkalab serve SCENARIO.yaml`: the scenario's cluster on the wall clock, each
// broker on its own loopback port, for real Kafka clients (docs/REAL-CLIENTS.md).
// Ends at the scenario's end, at --until, or on Ctrl-C, then prints the checker's
// report, real clients' records included. Exit codes as `kafkalab run`'s.
#include <cstdint>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace kafkalab::cli {

struct ServeFlags {
    std::string path;
    std::string listen = "127.0.0.1";
    std::optional<std::string> advertised_host;  // none: the listen address (this host's name for 0.0.0.0)
    std::optional<std::uint16_t> base_port;  // none: each broker on its localhost port
    std::string until;
    double speed = 1.0;
    bool quiet = false;
};

CLI::App* add_serve_subcommand(CLI::App& app, ServeFlags& flags);
int serve_command(const ServeFlags& flags);

}  // namespace kafkalab::cli
