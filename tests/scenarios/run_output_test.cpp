// What a run tells a class and an on-call engineer: the timeline names rebalances,
// clean exits and the controller's ISR shrinks; `--until` says which expectations it
// never reached; the report gives each partition's outage; kafka-consumer-groups says
// what Kafka's tool says while a group's coordinator is unavailable.
#include <cstdio>
#include <sstream>

#include "broker_model/client/group_coordinator_partition.h"
#include "scenarios/runner/cluster_view.h"
#include "scenarios/runner/run_report.h"
#include "scenarios/scenario_fixture.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

struct Line {
    sim::Duration at;
    std::string what;
    std::string text;
};

/// Runs a file to its end, keeping every timeline line.
std::vector<Line> timeline_of(const std::string& path, RunOptions options = {}) {
    std::vector<Line> lines;
    options.on_line = [&](sim::Duration at, const std::string& what, const std::string& text) {
        lines.push_back({at, what, text});
    };
    LoadedRun run(path, options);
    run->run();
    return lines;
}

std::string lesson(const std::string& file) { return test_data("../../scenarios/lessons/" + file); }

bool has_line(const std::vector<Line>& lines, const std::string& what, const std::string& text_part) {
    return std::any_of(lines.begin(), lines.end(), [&](const Line& l) {
        return l.what == what && l.text.find(text_part) != std::string::npos;
    });
}

}  // namespace

TEST_CASE("the timeline shows the group coordinator's rebalances") {
    // Lesson 21's point: a killed member's partition moves only after session.timeout.ms.
    const auto lines = timeline_of(lesson("21-rebalance-timeline.yaml"));
    CHECK(has_line(lines, "rebalance", "group workers: preparing to rebalance"));
    CHECK(has_line(lines, "rebalance", "group workers: stable at generation"));
    // The coordinator that saw it is named, as the controller is for its lines.
    CHECK(has_line(lines, "rebalance", "broker-1: group workers:"));
}

TEST_CASE("a clean stop is printed as an exit, a kill -9 as a crash") {
    // Lesson 14: broker-2 is stopped (controlled shutdown), broker-3 killed.
    const auto lines = timeline_of(lesson("14-kill-vs-controlled-shutdown.yaml"));
    CHECK(has_line(lines, "exit", "broker-2"));
    CHECK_FALSE(has_line(lines, "crash", "broker-2"));
    CHECK(has_line(lines, "crash", "broker-3"));
}

TEST_CASE("a stopped broker is down as exited, not crashed, and comes back on restart") {
    LoadedRun run = LoadedRun::from_text(R"(
name: clean stop
duration: 12s
cluster: {brokers: 2, properties: {offsets.topic.replication.factor: 1}}
faults:
  - {at: 2s, stop: broker-2}
  - {at: 8s, restart: broker-2}
)");
    run.run_until(5s);
    auto node = run->simulation().find_node("broker-2");
    REQUIRE(node);
    CHECK(run->simulation().host_state(*node) == sim::HostState::exited);
    run.run_until(12s);
    CHECK(run->simulation().is_up(*node));
}

TEST_CASE("the controller's ISR shrink after a broker failure is printed before the later expansion") {
    // outputs.yaml: broker-1, a follower of t-1, crashes at 3 s; ZooKeeper expires its
    // session after 6 s and the controller drops it from t-1's ISR (onBrokerFailure).
    const auto lines = timeline_of(test_data("runs/outputs.yaml"));
    auto shrink = std::find_if(lines.begin(), lines.end(), [](const Line& l) {
        return l.what == "isr-change" && l.text == "t-1 isr=[2,3]";
    });
    REQUIRE(shrink != lines.end());
    CHECK(shrink->at > 3s);
    CHECK(shrink->at < 15s);  // before broker-1's restart
}

TEST_CASE("run --until says 'not reached' for expectations past the time it stopped at") {
    const std::string yaml = R"(
name: stops early
duration: 30s
cluster: {brokers: 1, properties: {offsets.topic.replication.factor: 1}}
topics: [{name: t, partitions: 1}]
producers: [{name: p, topic: t, rate: 10/s}]
expect:
  - {leader: {partition: t-0, at: 5s, is: broker-1}}
  - {leader: {partition: t-0, at: 20s, is: broker-1}}
  - no-acknowledged-record-lost
)";
    RunOptions options;
    options.until = 10s;
    LoadedRun run = LoadedRun::from_text(yaml, options);
    run->run();
    RunReport report = finish_run(run.run());
    REQUIRE(report.expectations.size() == 3);
    CHECK(report.expectations[0].reached);
    CHECK(report.expectations[0].passed);
    CHECK_FALSE(report.expectations[1].reached);
    CHECK_FALSE(report.expectations[2].reached);
    CHECK(report.passed());  // nothing reached failed
    std::ostringstream out;
    print_report(run.run(), report, out);
    CHECK(out.str().find("not reached leader of t-0 at 20s is 1 (the run stopped at 10s)") != std::string::npos);
    CHECK(out.str().find("2 expectations not reached before 10s") != std::string::npos);
    CHECK(out.str().find("ok      leader of t-0 at 20s") == std::string::npos);
}

TEST_CASE("the report gives each partition's time without a leader and its time back to a full ISR") {
    // u-0 lives on broker-2 alone: offline from the controller noticing the crash to the
    // restart. t-0 loses broker-2 from its ISR until it catches up after the restart.
    LoadedRun run = LoadedRun::from_text(R"(
name: outage
duration: 30s
cluster:
  brokers: 2
  properties: {zookeeper.session.timeout.ms: 6000, offsets.topic.replication.factor: 1}
topics:
  - {name: u, partitions: 1, assignment: [[2]]}
  - {name: t, partitions: 1, assignment: [[1, 2]]}
producers: [{name: p, topic: t, rate: 10/s}]
faults:
  - {at: 2s, crash: broker-2}
  - {at: 14s, restart: broker-2}
)");
    run->run();
    const auto& outages = run->outages().outages();
    REQUIRE(outages.contains({"u", 0}));
    const auto& u = outages.at({"u", 0});
    REQUIRE(u.offline.size() == 1);
    CHECK(u.offline[0].from > 2s);   // the controller learns of the crash from ZooKeeper
    CHECK(u.offline[0].from < 14s);
    REQUIRE(u.offline[0].to);
    CHECK(*u.offline[0].to > 14s);
    REQUIRE(outages.contains({"t", 0}));
    const auto& t = outages.at({"t", 0});
    CHECK(t.offline.empty());
    REQUIRE(t.under_replicated.size() == 1);
    REQUIRE(t.under_replicated[0].to);
    CHECK(*t.under_replicated[0].to > 14s);
    RunReport report = finish_run(run.run());
    std::ostringstream out;
    print_report(run.run(), report, out);
    CHECK(out.str().find("Outages (scenario time)") != std::string::npos);
    CHECK(out.str().find("u-0: no leader from ") != std::string::npos);
    CHECK(out.str().find("t-0: under-replicated from ") != std::string::npos);
}

TEST_CASE("kafka-consumer-groups --describe times out as Kafka's does while the coordinator is unavailable") {
    // ConsumerGroupCommand (3.6): the admin client retries FindCoordinator until
    // --timeout (5 s), then printError shows its TimeoutException. It never claims that
    // a live group does not exist.
    std::vector<Line> lines;
    RunOptions options;
    options.on_line = [&](sim::Duration at, const std::string& what, const std::string& text) {
        lines.push_back({at, what, text});
    };
    LoadedRun run = LoadedRun::from_text(R"(
name: coordinator down
duration: 40s
cluster:
  brokers: 3
  properties: {zookeeper.session.timeout.ms: 6000, offsets.topic.replication.factor: 1, offsets.topic.num.partitions: 3}
topics: [{name: t, partitions: 1, replication-factor: 3}]
producers: [{name: p, topic: t, rate: 10/s}]
consumers: [{name: c, group-id: billing, topics: [t]}]
)", options);
    run.run_until(8s);
    const kafka::TopicPartition offsets{"__consumer_offsets", kafka::coordinator_partition("billing", 3)};
    const auto view = cluster_view(run.run());
    REQUIRE(view.contains(offsets));
    const int coordinator = view.at(offsets).leadership.leader.value;
    REQUIRE(coordinator > 0);
    run->simulation().crash(*run->simulation().find_node("broker-" + std::to_string(coordinator)));
    run.run_until(20s);  // ZooKeeper expired its session: the partition has no leader
    const int live = coordinator == 1 ? 2 : 1;
    StepSpec step;
    step.run = "kafka-consumer-groups --bootstrap-server broker-" + std::to_string(live) +
               ":9092 --describe --group billing";
    step.tool = "kafka-consumer-groups";
    run->run_command(step);
    run.run_until(30s);
    std::string output;
    for (const auto& l : lines) {
        if (l.what == "output" && l.at >= 20s) output += l.text + "\n";
    }
    INFO(output);
    CHECK(output.find("Error: Executing consumer group command failed due to "
                      "org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. "
                      "Call: describeGroups(api=FIND_COORDINATOR)") != std::string::npos);
    CHECK(output.find("does not exist") == std::string::npos);
}

TEST_CASE("lesson 09: the create during the quorum loss times out at 115 s as KafkaAdminClient's createTopics call") {
    // Narrated at 116 s: asked at 55 s, default.api.timeout.ms (60 s), two attempts of
    // request.timeout.ms; Call.handleTimeoutFailure ends 1 ms past the deadline.
    const auto lines = timeline_of(lesson("09-zookeeper-and-the-controller.yaml"));
    std::vector<Line> outputs;
    for (const auto& l : lines) {
        if (l.what == "output" && l.text.find("createTopics") != std::string::npos) outputs.push_back(l);
    }
    REQUIRE(outputs.size() == 1);
    CHECK(outputs.front().at == 115001ms);
    long long deadline = 0, next_try = 0, timed_out_at = 0;
    int tries = 0, attempts = 0;
    REQUIRE(std::sscanf(outputs.front().text.c_str(),
                        "Error while executing topic command : org.apache.kafka.common.errors.TimeoutException: "
                        "Call(callName=createTopics, deadlineMs=%lld, tries=%d, nextAllowedTryMs=%lld) timed out at %lld "
                        "after %d attempt(s)",
                        &deadline, &tries, &next_try, &timed_out_at, &attempts) == 5);
    CHECK(tries == 2);
    CHECK(attempts == 2);
    CHECK(timed_out_at == deadline + 1);
    CHECK(next_try == deadline + 101);
}

TEST_CASE("lesson 19: the create of 30 s is retried and told at the quorum's return that its topic exists") {
    // Narrated at 68 s: the first attempt timed out at 60 s, the retry waits behind the
    // first attempt's ZooKeeper write, which goes through once the quorum is back (65 s).
    const auto lines = timeline_of(lesson("19-zookeeper-quorum-lost.yaml"));
    std::vector<Line> outputs;
    for (const auto& l : lines) {
        if (l.what == "output" && l.text.find("too-late") != std::string::npos && l.text.find("Error") != std::string::npos)
            outputs.push_back(l);
    }
    REQUIRE(outputs.size() == 1);
    CHECK(outputs.front().at >= 65s);
    CHECK(outputs.front().at < 68s);
    CHECK(outputs.front().text == "Error while executing topic command : Topic 'too-late' already exists.\n");
}
