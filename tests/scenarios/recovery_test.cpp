// The liveness phase on real runs: a cluster that heals is judged live with the time it
// took, a broker that never comes back leaves problems a lesson can expect, and watching
// for recovery never changes the run.
#include "scenarios/runner/run_report.h"
#include "scenarios/scenario_fixture.h"
#include "sim/trace.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

// Broker 1 leads orders-0, is killed at 5 s and restarted at `restart`; the group reads on.
std::string crash_scenario(const std::string& restart, const std::string& expectation) {
    return R"(
seed: 3
duration: 40s
cluster: {brokers: 3, properties: {min.insync.replicas: 2, zookeeper.session.timeout.ms: 6000}}
topics:
  - {name: orders, partitions: 2, replication-factor: 3, assignment: [[1, 2, 3], [2, 3, 1]]}
producers:
  - {name: writer, topic: orders, rate: 20/s, properties: {acks: all}}
consumers:
  - {name: reader, group-id: billing, topics: [orders], properties: {auto.offset.reset: earliest}}
faults:
  - {at: 5s, crash: broker-1}
)" + restart + R"(
expect:
  - )" + expectation + "\n";
}

RunReport run_to_end(LoadedRun& run) {
    run->run();
    RunReport report = finish_run(run.run());
    for (const auto& e : report.expectations) UNSCOPED_INFO((e.passed ? "ok " : "FAILED ") << e.description << " (" << e.detail << ")");
    return report;
}

}  // namespace

TEST_CASE("recovers: a killed leader restarted is back in every ISR, and the report says when") {
    auto run = LoadedRun::from_text(crash_scenario("  - {at: 12s, restart: broker-1}", "{recovers: {settle: 15s}}"));
    RunReport report = run_to_end(run);
    REQUIRE(report.liveness);
    CHECK(report.liveness->live());
    REQUIRE(report.liveness->faults_ended_at);
    CHECK(*report.liveness->faults_ended_at == 12s);  // the restart ends the only fault
    REQUIRE(report.liveness->recovered_at);
    CHECK(*report.liveness->recovered_at > 12s);
    CHECK(*report.liveness->recovered_at < 27s);
    CHECK(report.passed());
}

TEST_CASE("recovers: a broker that never comes back leaves the faults in force, and the expectation fails") {
    auto run = LoadedRun::from_text(crash_scenario("", "recovers"));
    RunReport report = run_to_end(run);
    REQUIRE(report.liveness);
    CHECK_FALSE(report.liveness->judged);
    CHECK(report.liveness->not_judged_because == "the faults never ended (broker-1 is down at the end)");
    CHECK_FALSE(report.passed());
}

TEST_CASE("does-not-recover: a lesson whose broker stays dead names the partitions left short of their ISR") {
    auto run = LoadedRun::from_text(crash_scenario("", "does-not-recover"));
    RunReport report = run_to_end(run);
    REQUIRE(report.liveness);
    CHECK(report.passed());
    std::vector<std::string> subjects;
    for (const auto& p : report.liveness->problems) {
        if (p.subject.rfind("orders-", 0) == 0) subjects.push_back(p.subject + ": " + p.what);
    }
    CHECK(subjects == std::vector<std::string>{"orders-0: ISR 2,3 of replicas 1,2,3", "orders-1: ISR 2,3 of replicas 1,2,3"});
}

TEST_CASE("recovers: the settle time is read from Kafka's timeouts when the expectation gives none") {
    auto run = LoadedRun::from_text(crash_scenario("  - {at: 12s, restart: broker-1}", "recovers"));
    // The longest timeout is the consumer's session.timeout.ms (45 s), plus 10 s.
    REQUIRE(run->recovery());
    CHECK(run->recovery()->settle() == 55s);
    RunReport report = run_to_end(run);
    CHECK_FALSE(report.liveness->judged);  // 40 s of run cannot hold 12 s + 55 s
}

TEST_CASE("recovers: watching for recovery leaves the trace the same, byte for byte") {
    auto hash_of = [](const std::string& expectation) {
        sim::Trace trace(false);
        RunOptions options;
        options.trace = &trace;
        auto run = LoadedRun::from_text(crash_scenario("  - {at: 12s, restart: broker-1}", expectation), options);
        run->run();
        return std::pair{trace.count(), trace.hash()};
    };
    CHECK(hash_of("{recovers: {settle: 15s}}") == hash_of("no-acknowledged-record-lost"));
}

TEST_CASE("recovers: a producer killed mid-send and restarted does not wait for its predecessor's records") {
    // The killed life's unanswered sends can never be answered: Kafka's producer keeps
    // them in memory, which kill -9 takes away. Only the new life's sends count.
    auto run = LoadedRun::from_text(R"(
seed: 52
duration: 30s
cluster: {brokers: 3, properties: {min.insync.replicas: 2}}
topics:
  - {name: orders, partitions: 1, replication-factor: 3}
producers:
  - {name: writer, topic: orders, rate: 200/s, properties: {acks: all, linger.ms: 50}}
faults:
  - {at: 5s, crash: writer}
  - {at: 6s, restart: writer}
expect:
  - {recovers: {settle: 10s}}
)");
    RunReport report = run_to_end(run);
    REQUIRE(report.liveness);
    CHECK(report.check.counts.pending > 0);  // the killed life left records unanswered...
    CHECK(report.liveness->live());          // ...which the liveness phase does not hold against the cluster
}
