// Kafka's command-line tools typed at the scenario's terminal. kafka-topics runs to
// completion and prints what Kafka's tool prints; kafka-console-consumer starts a
// consumer whose records appear in the timeline as they arrive; kafka-console-producer
// sends the step's input lines (console_producer_step.cpp).
#include <algorithm>

#include <fmt/format.h>

#include "broker_model/client/consumer.h"
#include "scenarios/admin/tools_host.h"
#include "scenarios/cli_tools/cli_command.h"
#include "scenarios/cli_tools/console_consumer_format.h"
#include "scenarios/runner/scenario_run.h"
#include "scenarios/runner/tool_client_properties.h"

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
    CliParseResult parsed = parse_cli_command(step.run, scenario_.kafka_version);
    if (!parsed) {
        print("error", parsed.error ? parsed.error->message : "cannot parse the command");
        return;
    }
    auto* terminal = sim_.node_as<ToolsHost>(terminal_);
    auto show = [this](const ToolOutput& output) { print_output(output.terminal_text()); };
    if (auto* topics = std::get_if<TopicsCommand>(&*parsed.command)) {
        terminal->run_topics(*topics, show);
        return;
    }
    if (auto* groups = std::get_if<ConsumerGroupsCommand>(&*parsed.command)) {
        terminal->run_consumer_groups(*groups, show);
        return;
    }
    if (auto* console = std::get_if<ConsoleConsumerCommand>(&*parsed.command)) {
        // Consumers take the current client's defaults in every era, as the scenario's
        // own consumers do (consumer_config() says why).
        auto read = tool_client_properties(console_consumer_properties(*console), kafka::ConfigScope::consumer,
                                           kafka::default_kafka_version);
        if (auto* refused = std::get_if<std::string>(&read)) {
            print_output("org.apache.kafka.common.config.ConfigException: " + *refused + "\n");
            return;
        }
        std::string name = "console-consumer-" + std::to_string(++console_consumers_);
        kafka::ConsumerOptions options;
        options.config = kafka::ConsumerConfig(std::get<kafka::Properties>(read));
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
        follow_console_consumer(name, console->format, console->max_messages);
        return;
    }
    if (auto* producer = std::get_if<ConsoleProducerCommand>(&*parsed.command)) {
        run_console_producer(step, *producer);
        return;
    }
    print("note", "this tool is not run by the simulator yet; the step is shown for reference");
}

void ScenarioRun::follow_console_consumer(const std::string& name, const RecordFormat& format,
                                          std::optional<std::int32_t> max_messages) {
    // Print what it receives, as the tool would on the student's screen.
    auto printed = std::make_shared<std::size_t>(0);
    // The next poll's timer owns the loop; the loop only knows itself weakly, so it
    // is freed with the last pending timer instead of keeping itself alive.
    auto follow = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> self = follow;
    *follow = [this, name, printed, format, max_messages, self] {
        auto records = consumption_->records_of(name);
        std::size_t shown = records.size();
        if (max_messages) shown = std::min(shown, static_cast<std::size_t>(*max_messages));
        for (; *printed < shown; ++*printed) {
            const auto& r = records[*printed];
            ConsumedRecord record{r.partition.topic, r.partition.partition, r.offset.value, r.timestamp_ms,
                                  TimestampType::create_time, r.key, r.value, {}};
            std::string line = format_consumer_record(format, record);
            if (!line.empty() && line.back() == '\n') line.pop_back();
            print(name, line);
        }
        if (max_messages && *printed == static_cast<std::size_t>(*max_messages)) {
            finish_console_consumer(name, *printed);
            return;
        }
        auto again = self.lock();
        if (again && now() < end()) sim_.at(sim_.now() + 100ms, "console output", [again] { (*again)(); });
    };
    (*follow)();
}

void ScenarioRun::finish_console_consumer(const std::string& name, std::size_t printed) {
    // --max-messages reached: ConsoleConsumer prints its total to standard error and
    // closes the consumer (commit, LeaveGroup), then the process exits.
    std::string total = processed_total_line(static_cast<std::int64_t>(printed));
    if (!total.empty() && total.back() == '\n') total.pop_back();
    print(name, total);
    auto node = sim_.find_node(name);
    auto* consumer = node ? sim_.node_as<kafka::Consumer>(*node) : nullptr;
    if (!consumer) return;
    consumer->close([this, node = *node] {
        sim_.at(sim_.now() + 100ms, "console consumer exits", [this, node] { sim_.exit_process(node); });
    });
}

void ScenarioRun::print_output(const std::string& text) {
    if (text.empty()) return;
    if (options_.on_line) options_.on_line(now(), "output", text);
    if (options_.timeline) *options_.timeline << indent(text);
}

}  // namespace kafkalab::scenarios
