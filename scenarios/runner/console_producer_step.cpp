// kafka-console-producer typed at the scenario's terminal: the step's input lines are
// the student's typing. A producer with the tool's settings starts next to the terminal
// (its own host, as the console consumers are: the model's producer is a node of its
// own) and sends one record per line; the records go into the send ledger like any
// producer's, so the checker judges them too.
#include <cctype>

#include <fmt/format.h>

#include "broker_model/client/producer.h"
#include "scenarios/admin/tools_host.h"
#include "scenarios/cli_tools/console_producer_command.h"
#include "scenarios/runner/console_producer_config.h"
#include "scenarios/runner/scenario_run.h"

namespace kafkalab::scenarios {

namespace {

/// Kafka's exception class for an error code: NOT_ENOUGH_REPLICAS is
/// org.apache.kafka.common.errors.NotEnoughReplicasException.
std::string exception_name(kafka::Error error) {
    if (error == kafka::Error::request_timed_out) return "org.apache.kafka.common.errors.TimeoutException";
    std::string name;
    bool upper = true;
    for (const char* c = kafka::error_name(error); *c; ++c) {
        if (*c == '_') {
            upper = true;
            continue;
        }
        name += upper ? *c : static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
        upper = false;
    }
    if (!name.ends_with("Exception")) name += "Exception";
    return "org.apache.kafka.common.errors." + name;
}

/// What ErrorLoggingCallback logs when a send fails (the console producer logs keys and
/// values as sizes, not text).
std::string send_error(const std::string& topic, const std::optional<std::string>& key, const std::string& value,
                       kafka::Error error) {
    std::string key_text = key ? fmt::format("{} bytes", key->size()) : "null";
    return fmt::format(
        "ERROR Error when sending message to topic {} with key: {}, value: {} bytes with error: "
        "(org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)\n{}",
        topic, key_text, value.size(), exception_name(error));
}

/// The records still to send with --sync, one at a time.
struct SyncSends {
    std::string topic;
    std::vector<ProducerLine> records;
    std::size_t next = 0;
};

}  // namespace

void ScenarioRun::run_console_producer(const StepSpec& step, const ConsoleProducerCommand& command) {
    auto* terminal = sim_.node_as<ToolsHost>(terminal_);
    auto config = console_producer_config(console_producer_properties(command), terminal->resolve(command.servers),
                                          scenario_.kafka_version);
    if (auto* problem = std::get_if<std::string>(&config)) {
        print_output("org.apache.kafka.common.config.ConfigException: " + *problem + "\n");
        return;
    }
    // LineMessageReader prompts with ">" before each line it reads; a line it cannot
    // split ends the tool with Kafka's exception, after the lines before it were sent.
    std::string screen;
    std::vector<ProducerLine> records;
    std::string failure;
    for (std::size_t i = 0; i < step.input.size(); ++i) {
        screen += ">" + step.input[i] + "\n";
        ProducerLine line = read_producer_line(command.reader, step.input[i], static_cast<std::int64_t>(i + 1));
        if (!line.error.empty()) {
            failure = "org.apache.kafka.common.KafkaException: " + line.error + "\n";
            break;
        }
        records.push_back(std::move(line));
    }
    screen += failure.empty() ? ">" : failure;  // still reading: the next prompt waits
    print_output(screen);

    std::string name = "console-producer-" + std::to_string(++console_producers_);
    loss_evidence_.note_producer(name, std::get<kafka::ProducerConfig>(config).acks);
    sim::NodeIndex node = kafka::add_producer(sim_, name, std::get<kafka::ProducerConfig>(config), ledger_);
    auto* producer = sim_.node_as<kafka::Producer>(node);
    if (!producer) return;
    auto report = [this, name, topic = command.topic](const ProducerLine& line) {
        return [this, name, topic, key = line.key, value = line.value.value_or("")](const kafka::RecordMetadata&,
                                                                                       kafka::Error error) {
            if (error != kafka::Error::none) print(name, send_error(topic, key, value, error));
        };
    };
    if (!command.sync) {
        for (const auto& line : records) producer->send(command.topic, std::nullopt, line.key, line.value.value_or(""), report(line));
        return;
    }
    // --sync waits for each record's outcome before sending the next.
    auto sends = std::make_shared<SyncSends>(SyncSends{command.topic, std::move(records), 0});
    auto send_next = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> self = send_next;
    *send_next = [this, node, sends, report, self] {
        auto* p = sim_.node_as<kafka::Producer>(node);
        if (!p || sends->next >= sends->records.size()) return;
        const ProducerLine& line = sends->records[sends->next++];
        auto again = self.lock();
        p->send(sends->topic, std::nullopt, line.key, line.value.value_or(""),
                [logged = report(line), again](const kafka::RecordMetadata& metadata, kafka::Error error) {
                    logged(metadata, error);
                    if (again) (*again)();
                });
    };
    (*send_next)();
}

}  // namespace kafkalab::scenarios
