// kafka-console-producer steps run inside the simulation: the typed lines become
// records in the log, in the send ledger and in what consumers read, and the terminal
// shows what Kafka's tool shows.
#include <sstream>

#include "scenarios/runner/run_report.h"
#include "scenarios/scenario_fixture.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

struct ConsoleRun {
    ConsoleRun() : run(test_data("runs/console-producer.yaml"), options()) { run->run(); }
    RunOptions options() {
        RunOptions o;
        o.timeline = &timeline;
        return o;
    }
    std::vector<kafka::SendEntry> sent_by(const std::string& producer) {
        return run->ledger().by_producer(producer);
    }
    std::ostringstream timeline;
    LoadedRun run;
};

}  // namespace

TEST_CASE("console producer lines with parse.key and key.separator reach the log and the consumers") {
    ConsoleRun console;
    auto sent = console.sent_by("console-producer-1");
    REQUIRE(sent.size() == 2);
    CHECK(sent[0].key == "alice");
    CHECK(sent[0].value == "hello");
    CHECK(sent[1].key == "bob");
    CHECK(sent[1].value == "world");
    for (const auto& e : sent) CHECK(e.status == kafka::SendStatus::acknowledged);
    auto values = console.run->consumption()->values_of("readers", {"greetings", 0});
    CHECK(values == std::vector<std::string>{"hello", "world", "fire-and-forget", "v"});
    RunReport report = finish_run(console.run.run());
    CHECK(report.passed());  // consumed-all and the record count of the file
}

TEST_CASE("console producer prompts with > for each typed line") {
    ConsoleRun console;
    CHECK_THAT(console.timeline.str(), Catch::Contains("| >alice:hello\n") && Catch::Contains("| >bob:world\n"));
}

TEST_CASE("console producer --producer-property acks=0 gets no offsets back") {
    ConsoleRun console;
    auto sent = console.sent_by("console-producer-2");
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].status == kafka::SendStatus::acknowledged);
    CHECK(sent[0].offset.value == -1);  // acks=0: the producer never hears the offset
}

TEST_CASE("console producer stops at a line without the key separator, as Kafka's tool does") {
    ConsoleRun console;
    auto sent = console.sent_by("console-producer-3");
    REQUIRE(sent.size() == 1);  // the line before the bad one was sent, nothing after it
    CHECK(sent[0].key == "k");
    CHECK(sent[0].value == "v");
    CHECK_THAT(console.timeline.str(),
               Catch::Contains("org.apache.kafka.common.KafkaException: No key separator found on line number 2: "
                               "'no-separator'"));
}
