// kafka-console-consumer typed as a step: its records in the timeline, and
// --max-messages ending the tool with Kafka's total line.
#include "scenarios/scenario_fixture.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace kafkalab::scenarios::testing;

namespace {

struct Line {
    std::string what;
    std::string text;
};

const char* ten_records = R"(
duration: 8s
cluster: {brokers: 1, properties: {offsets.topic.replication.factor: 1}}
topics: [{name: t}]
producers: [{name: p, topic: t, every: 100ms, count: 10, value: sequence}]
steps:
  - {at: 3s, run: 'kafka-console-consumer --bootstrap-server localhost:9092 --topic t --from-beginning --max-messages 4'}
  - {at: 3s, run: 'kafka-console-consumer --bootstrap-server localhost:9092 --topic t --from-beginning'}
)";

}  // namespace

TEST_CASE("a console consumer with --max-messages prints that many records then the total and exits") {
    std::vector<Line> lines;
    RunOptions options;
    options.on_line = [&](sim::Duration, const std::string& what, const std::string& text) { lines.push_back({what, text}); };
    auto run = LoadedRun::from_text(ten_records, options);
    run->run();
    std::vector<std::string> first, second;
    for (const auto& line : lines) {
        if (line.what == "console-consumer-1") first.push_back(line.text);
        if (line.what == "console-consumer-2") second.push_back(line.text);
    }
    REQUIRE(first.size() == 5);
    CHECK(first.front() == "message-000000");
    CHECK(first[3] == "message-000003");
    CHECK(first.back() == "Processed a total of 4 messages");
    CHECK_FALSE(run.is_up("console-consumer-1"));
    // Without a limit the tool runs on (until Ctrl-C) and prints no total.
    CHECK(second.size() == 10);
    CHECK(run.is_up("console-consumer-2"));
}
