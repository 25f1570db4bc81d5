#include "scenarios/cli/serve_command.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <csignal>
#include <iostream>

#include "scenarios/cli/exit_codes_and_loading.h"
#include "scenarios/invariants/model_invariants.h"
#include "scenarios/runner/run_report.h"
#include "scenarios/serve/serve_session.h"

namespace kafkalab::cli {

namespace {

std::atomic<bool> stop_requested{false};

extern "C" void request_stop(int) { stop_requested.store(true); }

}  // namespace

CLI::App* add_serve_subcommand(CLI::App& app, ServeFlags& flags) {
    auto* serve = app.add_subcommand("serve",
                                     "Run a scenario on the wall clock with each broker on a TCP port, for real "
                                     "Kafka clients (kcat, kafka-python, kafkajs...)");
    serve->add_option("scenario", flags.path, "The scenario file (YAML)")->required();
    serve->add_option("--listen", flags.listen, "The IPv4 address to listen on (default 127.0.0.1)");
    serve->add_option("--advertised-host", flags.advertised_host,
                      "The host clients are told to connect to (Kafka's advertised.listeners); default: the --listen "
                      "address, or this machine's name when listening on 0.0.0.0");
    serve->add_option("--base-port", flags.base_port,
                      "broker-1's port; the others keep their distance from it (default: each broker on the "
                      "port localhost:<port> names in the scenario, broker-1 9092, broker-2 9093, ...)")
        ->check(CLI::Range(1, 65535));
    serve->add_option("--until", flags.until, "Stop at this scenario time (e.g. 10m); default: the scenario's end");
    serve->add_option("--speed", flags.speed, "Simulated seconds per wall-clock second (default 1)")
        ->check(CLI::Range(0.01, 100.0));
    serve->add_flag("--quiet", flags.quiet, "Print only connections and the report, not the timeline");
    return serve;
}

/// A host name or IPv4 address as Metadata may carry it (RFC 1123 letters, digits,
/// '-' and '.'), at most 253 characters.
bool valid_host(const std::string& host) {
    return !host.empty() && host.size() <= 253 && std::all_of(host.begin(), host.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
    });
}

int serve_command(const ServeFlags& flags) {
    if (flags.advertised_host && !valid_host(*flags.advertised_host)) {
        std::cerr << "kafkalab: --advertised-host expects a host name or IPv4 address, such as kafka.example.org, got '"
                  << *flags.advertised_host << "'\n";
        return exit_bad_input;
    }
    auto scenario = load_printing_diagnostics(flags.path);
    if (!scenario) return exit_bad_input;
    scenarios::RunOptions options;
    if (!flags.until.empty()) {
        auto until = sim::parse_duration(flags.until);
        if (!until || until->count() <= 0) {
            std::cerr << "kafkalab: --until expects a positive duration such as 30s or 10m, got '" << flags.until
                      << "'\n";
            return exit_bad_input;
        }
        options.until = *until;
    }
    if (!flags.quiet) options.timeline = &std::cout;
    std::cout << "kafkalab serve " << flags.path << "\n";
    scenarios::ScenarioRun run(*scenario, options);
    std::optional<scenarios::ServeSession> session;
    try {
        scenarios::ServeOptions serve_options{flags.listen, flags.base_port, flags.speed};
        serve_options.advertised_host = flags.advertised_host.value_or("");
        session.emplace(run, serve_options, std::cout);
    } catch (const std::exception& error) {
        std::cerr << "kafkalab: --listen/--base-port: " << error.what() << "\n";
        return exit_bad_input;
    }
    std::signal(SIGINT, request_stop);
    std::signal(SIGTERM, request_stop);
    std::signal(SIGPIPE, SIG_IGN);
    try {
        session->run(stop_requested);
    } catch (const invariants::InvariantViolation& violation) {
        std::cout.flush();
        std::cerr << "\nkafkalab: " << violation.what() << "\n";
        return exit_invariant_violated;
    }
    if (stop_requested.load()) std::cout << "stopped at " << sim::format_duration(run.now()) << "\n";
    session.reset();
    scenarios::RunReport report = scenarios::finish_run(run);
    scenarios::print_report(run, report, std::cout);
    return report.passed() ? exit_passed : exit_expectation_failed;
}

}  // namespace kafkalab::cli
