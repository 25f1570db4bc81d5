// `sweep:` in a scenario file: every key read, every bad value an error at its line
// and column.
#include <catch2/catch.hpp>

#include "sweep_scenarios.h"

using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;
using namespace std::chrono_literals;

namespace {

/// The first error's "line:column: message".
std::string first_error(const std::string& sweep_section) {
    LoadResult result = load_text(sweep_scenario_text(sweep_section));
    for (const auto& d : result.diagnostics) {
        if (d.severity == Severity::error) return std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message;
    }
    return "no error";
}

}  // namespace

TEST_CASE("every key of the sweep section is read") {
    Scenario s = load_ok(sweep_scenario_text(
        "sweep:\n"
        "  faults: [power-loss, slow]\n"
        "  count: {min: 2, max: 5}\n"
        "  hosts-per-fault: 2\n"
        "  window: {from: 4s, to: 28s}\n"
        "  min-gap: 500ms\n"
        "  lasts: {min: 2s, max: 3s}\n"
        "  latency: 100ms\n"
        "  hosts: [broker-2, broker-3]\n"
        "  expect:\n"
        "    - {lost-acknowledged-records: {min: 20%}}\n"
        "    - {failed-runs: {max: 0.5}}\n"));
    const SweepSpec& w = s.sweep;
    CHECK(w.faults == std::vector<FaultKind>{FaultKind::power_loss, FaultKind::slow});
    CHECK(w.count_min == 2);
    CHECK(w.count_max == 5);
    CHECK(w.hosts_per_fault_min == 2);
    CHECK(w.hosts_per_fault_max == 2);
    CHECK(w.window_start == 4s);
    CHECK(w.window_stop == 28s);
    CHECK(w.min_gap == 500ms);
    CHECK(w.lasts_min == 2s);
    CHECK(w.lasts_max == 3s);
    CHECK(w.latency_min == 100ms);
    CHECK(w.latency_max == 100ms);
    CHECK(w.hosts == std::vector<std::string>{"broker-2", "broker-3"});
    REQUIRE(w.expect.size() == 2);
    CHECK(w.expect[0].kind == SweepShareKind::lost_acknowledged_records);
    CHECK(*w.expect[0].min == 0.2);
    CHECK(!w.expect[0].max);
    CHECK(w.expect[1].kind == SweepShareKind::failed_runs);
    CHECK(*w.expect[1].max == 0.5);
}

TEST_CASE("an unknown fault kind is an error with a suggestion at its position") {
    CHECK(first_error("sweep: {faults: [crash, partiton]}\n") ==
          "12:25: a sweep fault must be one of crash, power-loss, partition, slow, pause; found 'partiton'; "
          "did you mean 'partition'?");
}

TEST_CASE("an unknown key of the sweep section is an error with a suggestion") {
    CHECK(first_error("sweep: {cuont: 3}\n").starts_with("12:9: unknown key 'cuont' in sweep; did you mean 'count'?"));
}

TEST_CASE("a count whose min is larger than its max is an error") {
    CHECK(first_error("sweep: {count: {min: 4, max: 2}}\n") == "12:16: count: min is larger than max");
}

TEST_CASE("a negative count is an error") {
    CHECK(first_error("sweep: {count: -1}\n").starts_with("12:16: count must be"));
}

TEST_CASE("an unknown host in the sweep hosts is an error") {
    CHECK(first_error("sweep: {hosts: [broker-1, broker-9]}\n").starts_with("12:27: unknown host 'broker-9'"));
}

TEST_CASE("a window past the end of the run is an error") {
    CHECK(first_error("sweep: {window: {from: 1s, to: 45s}}\n").starts_with("12:32: to "));
}

TEST_CASE("episodes that cannot fit in the window are an error") {
    CHECK(first_error("sweep: {count: 5, min-gap: 5s, window: {from: 1s, to: 10s}}\n") ==
          "12:8: count 5 episodes lasting at least 1s, 5s apart, do not fit in the window of 9s");
}

TEST_CASE("power-loss with only clients to hit is an error") {
    CHECK(first_error("sweep: {faults: [power-loss], hosts: [writer, reader]}\n") ==
          "12:8: power-loss hits brokers and ZooKeeper nodes, and hosts names none");
}

TEST_CASE("hosts-per-fault larger than the hosts is an error") {
    CHECK(first_error("sweep: {hosts-per-fault: 4}\n") == "12:8: hosts-per-fault may be at most the number of hosts (3)");
}

TEST_CASE("a sweep expectation share must be a fraction or a percentage") {
    CHECK(first_error("sweep: {expect: [{lost-acknowledged-records: {min: lots}}]}\n")
              .starts_with("12:52: min must be a share of the runs, such as 20% or 0.2; found 'lots'"));
}
