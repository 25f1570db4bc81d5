// Kafka's command-line tools typed at the scenario's terminal. kafka-topics runs to
// completion and prints what Kafka's tool prints; kafka-console-consumer starts a
// consumer whose records appear in the timeline as they arrive.
#include <fmt/format.h>

#include "broker_model/client/consumer.h"
#include "scenarios/admin/tools_host.h"
#include "scenarios/cli_tools/cli_command.h"
#include "scenarios/cli_tools/console_consumer_format.h"
#include "scenarios/runner/scenario_run.h"

namespace kafkalab::scenarios {

using namespace std::chrono_literals;

namespace {

/// Indents a tool's output under its command line in the timeline.
std::string indent(const std::string& text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        out += "                 | " + text.substr(start, end - start) + "\n";
        start = end + 1;
    }
    return out;
}

}  // namespace

void ScenarioRun::run_step(const StepSpec& step) {
    print("$", step.run);
    CliParseResult parsed = parse_cli_command(step.run);
    if (!parsed) {
        print("error", parsed.error ? parsed.error->message : "cannot parse the command");
        return;
    }
    auto* terminal = sim_.node_as<ToolsHost>(terminal_);
    auto show = [this](const ToolOutput& output) {
        if (options_.timeline) *options_.timeline << indent(output.terminal_text());
    };
    if (auto* topics = std::get_if<TopicsCommand>(&*parsed.command)) {
        terminal->run_topics(*topics, show);
        return;
    }
    if (auto* groups = std::get_if<ConsumerGroupsCommand>(&*parsed.command)) {
        terminal->run_consumer_groups(*groups, show);
        return;
    }
    if (auto* console = std::get_if<ConsoleConsumerCommand>(&*parsed.command)) {
        std::string name = "console-consumer-" + std::to_string(++console_consumers_);
        kafka::ConsumerOptions options;
        options.config.client_id = name;
        for (const auto& property : console_consumer_properties(*console)) {
            kafka::set_consumer_property(options.config, property.key, property.value);
        }
        // "localhost:9092" as typed means a simulated broker host.
        options.config.bootstrap_servers = terminal->resolve(console->servers);
        if (console->group) {
            options.config.group_id = *console->group;
        } else {
            options.config.random_group_id = true;  // kafka-console-consumer's "console-consumer-NNNNN"
        }
        if (console->partition && console->topic) {
            options.partitions.push_back({*console->topic, *console->partition});
        } else if (console->topic) {
            options.topics.push_back(*console->topic);
        }
        options.log = consumption_;
        sim_.add_node(name, kafka::Consumer::factory(options));
        // Print what it receives, as the tool would on the student's screen.
        auto printed = std::make_shared<std::size_t>(0);
        auto format = console->format;
        auto follow = std::make_shared<std::function<void()>>();
        *follow = [this, name, printed, format, follow] {
            auto records = consumption_->records_of(name);
            for (; *printed < records.size(); ++*printed) {
                const auto& r = records[*printed];
                ConsumedRecord shown{r.partition.topic, r.partition.partition, r.offset.value, r.timestamp_ms,
                                     TimestampType::create_time, r.key, r.value, {}};
                std::string line = format_consumer_record(format, shown);
                if (!line.empty() && line.back() == '\n') line.pop_back();
                print(name, line);
            }
            if (now() < end()) sim_.at(sim_.now() + 100ms, "console output", [follow] { (*follow)(); });
        };
        (*follow)();
        return;
    }
    print("note", "this tool is not run by the simulator yet; the step is shown for reference");
}

}  // namespace kafkalab::scenarios
