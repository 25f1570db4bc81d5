// Expectations as a lesson writes them, judged on real runs: the topic filter of the
// write checks, scenario time for producers, what record-count and leader read when
// brokers are down, and the consumer expectations.
#include "scenarios/runner/run_report.h"
#include "scenarios/scenario_fixture.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

/// The outcome of each expectation after a whole run, in file order.
std::vector<ExpectationResult> judged(LoadedRun& run) {
    run->run();
    RunReport report = finish_run(run.run());
    for (const auto& e : report.expectations) UNSCOPED_INFO((e.passed ? "ok " : "FAILED ") << e.description << " (" << e.detail << ")");
    return report.expectations;
}

const ExpectationResult& find(const std::vector<ExpectationResult>& results, const std::string& description) {
    for (const auto& r : results) {
        if (r.description == description) return r;
    }
    FAIL("no expectation described as " << description);
    return results.front();
}

// acks=1 records on `orders` are lost when its isolated leader dies; `audit`, led by
// another broker with acks=all, keeps everything.
const char* two_topics = R"(
seed: 6
duration: 30s
cluster: {brokers: 3, properties: {min.insync.replicas: 2, zookeeper.session.timeout.ms: 6000}}
topics:
  - {name: orders, partitions: 1, replication-factor: 3, assignment: [[1, 2, 3]]}
  - {name: audit, partitions: 1, replication-factor: 3, assignment: [[2, 3, 1]]}
producers:
  - {name: fast, topic: orders, rate: 20/s, properties: {acks: 1, enable.idempotence: false}}
  - {name: safe, topic: audit, rate: 20/s, properties: {acks: all}}
faults:
  - {at: 5s, cut: [broker-1, broker-2]}
  - {at: 5s, cut: [broker-1, broker-3]}
  - {at: 8s, crash: broker-1}
expect:
  - {no-acknowledged-record-lost: {topic: audit}}
  - {lost-acknowledged-records: {topic: audit, count: 0}}
  - {lost-acknowledged-records: {topic: orders, min: 1}}
  - {no-duplicates: {topic: audit}}
  - {order-kept: {topic: audit}}
)";

}  // namespace

TEST_CASE("write expectations that name a topic count only that topic's records") {
    auto run = LoadedRun::from_text(two_topics);
    auto results = judged(run);
    CHECK(find(results, "no acknowledged record lost in audit").passed);
    CHECK(find(results, "acknowledged records lost (as this lesson shows) in audit").passed);
    CHECK(find(results, "acknowledged records lost (as this lesson shows) in orders").passed);
    CHECK(find(results, "no duplicates in audit").passed);
    CHECK(find(results, "per-partition order kept in audit").passed);
}

TEST_CASE("a producer's start and stop are scenario times") {
    auto run = LoadedRun::from_text(R"(
duration: 10s
topics: [{name: t}]
producers: [{name: p, topic: t, every: 100ms, start: 5s, stop: 8s}]
)");
    run.run_until(10s);
    CHECK(run.sent_between(0s, 5s) == 0);
    CHECK(run.sent_between(5s, 5s + 1ms) == 1);
    CHECK(run.sent_between(8s, 10s) == 0);
    CHECK(run.sent_between(5s, 8s) == 30);
}

TEST_CASE("record-count reads the replicas while the partition's leader is down") {
    auto run = LoadedRun::from_text(R"(
duration: 10s
cluster: {brokers: 3}
topics: [{name: t, assignment: [[1, 2, 3]]}]
producers: [{name: p, topic: t, every: 100ms, count: 20}]
faults: [{at: 5s, crash: broker-1}]
expect:
  - {record-count: {topic: t, at: 8s, count: 20}}
)");
    auto results = judged(run);
    // ZooKeeper has not expired broker-1's session yet: the cluster still names it leader.
    CHECK(find(results, "records in t at 8s").passed);
}

TEST_CASE("leader reads the brokers' metadata while there is no controller") {
    auto run = LoadedRun::from_text(R"(
duration: 10s
cluster: {brokers: 3}
topics: [{name: t, partitions: 3, assignment: [[1, 2, 3], [2, 3, 1], [3, 1, 2]]}]
faults: [{at: 5s, crash: controller}]
expect:
  - {leader: {partition: t-0, at: 8s, is: 1}}
  - {leader: {partition: t-1, at: 8s, is: 2}}
  - {leader: {partition: t-2, at: 8s, is: 3}}
)");
    run.run_until(8s);
    REQUIRE(run.controller_id() == -1);
    auto results = judged(run);
    CHECK(find(results, "leader of t-0 at 8s is 1").passed);
    CHECK(find(results, "leader of t-1 at 8s is 2").passed);
    CHECK(find(results, "leader of t-2 at 8s is 3").passed);
}

namespace {

// Two workers share two partitions; worker-2 crashes after everything was read and
// committed.
const char* two_workers = R"(
seed: 3
duration: 12s
cluster: {brokers: 1, properties: {offsets.topic.replication.factor: 1}}
topics: [{name: jobs, partitions: 2}]
producers: [{name: p, topic: jobs, every: 100ms, count: 20, key: sequence}]
consumers:
  - {name: worker-1, group-id: workers, topics: [jobs], properties: {auto.offset.reset: earliest, auto.commit.interval.ms: 1000}}
  - {name: worker-2, group-id: workers, topics: [jobs], properties: {auto.offset.reset: earliest, auto.commit.interval.ms: 1000}}
faults: [{at: 9s, crash: worker-2}]
expect:
  - {consumed-records: {group: workers, count: 20}}
  - {consumed-records: {group: workers, topic: jobs, min: 21}}
  - {redelivered-records: {group: workers, count: 0}}
  - {consumer-lag: {group: workers, topic: jobs, partition: 0, at: 8s, count: 0}}
  - {consumer-lag: {group: workers, topic: jobs, partition: 1, at: 1s, min: 1}}
  - {assignment: {consumer: worker-1, at: 8s, partitions: [jobs-0]}}
  - {assignment: {consumer: worker-2, at: 8s, partitions: [jobs-1]}}
  - {assignment: {consumer: worker-2, at: 10s, partitions: []}}
)";

}  // namespace

TEST_CASE("consumer expectations count what a group received and read lag and assignment at a time") {
    auto run = LoadedRun::from_text(two_workers);
    auto results = judged(run);
    CHECK(find(results, "group workers received 20 distinct records").passed);
    CHECK_FALSE(find(results, "group workers received at least 21 distinct records of jobs").passed);
    CHECK(find(results, "group workers received 0 records more than once").passed);
    CHECK(find(results, "lag of group workers on jobs-0 at 8s is 0").passed);
    CHECK(find(results, "lag of group workers on jobs-1 at 1s is at least 1").passed);
    CHECK(find(results, "worker-2 owns [] at 10s").passed);
    // Which member gets which partition depends on the member ids; together they own both.
    const auto& one = find(results, "worker-1 owns [jobs-0] at 8s");
    const auto& two = find(results, "worker-2 owns [jobs-1] at 8s");
    CHECK(one.passed == two.passed);
    if (!one.passed) CHECK(one.detail == "owns [jobs-1]");
}
