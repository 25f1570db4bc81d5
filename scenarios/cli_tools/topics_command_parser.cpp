// kafka-topics' options and the checks of Kafka 3.6's TopicCommandOptions.checkArgs,
// worded for students.
#include <algorithm>
#include <charconv>
#include <array>
#include <fmt/format.h>
#include <regex>
#include <set>

#include "scenarios/cli_tools/option_reader.h"
#include "scenarios/cli_tools/tool_parsers.h"

namespace kafkalab::scenarios {
namespace {

constexpr std::string_view tool_name = "kafka-topics";
constexpr std::string_view servers_expected = "host:port[,host:port...]";

constexpr std::array<OptionSpec, 20> topics_options{{
    {"create"}, {"list"}, {"describe"}, {"delete"}, {"alter"},
    {"bootstrap-server", OptionArity::required_value, servers_expected},
    {"zookeeper", OptionArity::required_value, servers_expected},
    {"topic", OptionArity::required_value, "a topic name or regular expression"},
    {"partitions", OptionArity::required_value, "a positive integer"},
    {"replication-factor", OptionArity::required_value, "an integer from 1 to 32767"},
    {"config", OptionArity::required_value, "name=value", true},
    {"replica-assignment", OptionArity::required_value, "broker ids like 1:2,2:3 (replicas of a partition joined by ':')"},
    {"if-exists"}, {"if-not-exists"}, {"exclude-internal"},
    {"under-replicated-partitions"}, {"under-min-isr-partitions"}, {"at-min-isr-partitions"},
    {"unavailable-partitions"}, {"topics-with-overrides"},
}};

constexpr std::array<std::string_view, 5> unsimulated_options{"command-config", "topic-id", "delete-config", "help", "version"};

constexpr std::array<std::string_view, 5> actions{"create", "list", "describe", "delete", "alter"};
constexpr std::array<std::string_view, 4> partition_filters{
    "under-replicated-partitions", "under-min-isr-partitions", "at-min-isr-partitions", "unavailable-partitions"};

// The actions other than `allowed`, for "can't be used with" checks.
std::vector<std::string_view> actions_except(std::initializer_list<std::string_view> allowed) {
    std::vector<std::string_view> others;
    for (std::string_view action : actions)
        if (std::find(allowed.begin(), allowed.end(), action) == allowed.end()) others.push_back(action);
    return others;
}

TopicsAction action_of(const OptionReader& reader) {
    if (reader.has("create")) return TopicsAction::create;
    if (reader.has("describe")) return TopicsAction::describe;
    if (reader.has("delete")) return TopicsAction::delete_topic;
    if (reader.has("alter")) return TopicsAction::alter;
    return TopicsAction::list;
}

// Kafka's TopicCommand.checkArgs: each option only with the actions it belongs to.
void check_combinations(OptionReader& reader) {
    reader.refuse_together("config", actions_except({"create", "alter"}));
    reader.refuse_together("partitions", actions_except({"create", "alter"}));
    reader.refuse_together("replication-factor", actions_except({"create"}));
    reader.refuse_together("replica-assignment", actions_except({"create", "alter"}));
    if (reader.has("create")) {
        constexpr std::array<std::string_view, 2> sizing{"partitions", "replication-factor"};
        reader.refuse_together("replica-assignment", sizing);
    }
    for (std::string_view filter : partition_filters) {
        std::vector<std::string_view> others = actions_except({"describe"});
        for (std::string_view other : partition_filters)
            if (other != filter) others.push_back(other);
        others.push_back("topics-with-overrides");
        reader.refuse_together(filter, others);
    }
    std::vector<std::string_view> overrides_others = actions_except({"describe"});
    overrides_others.insert(overrides_others.end(), partition_filters.begin(), partition_filters.end());
    reader.refuse_together("topics-with-overrides", overrides_others);
    reader.refuse_together("if-exists", actions_except({"alter", "delete", "describe"}));
    reader.refuse_together("if-not-exists", actions_except({"create"}));
    reader.refuse_together("exclude-internal", actions_except({"list", "describe"}));
}

void check_required(OptionReader& reader) {
    constexpr std::array<std::string_view, 2> connections{"bootstrap-server", "zookeeper"};
    const int connection_count = reader.count_given(connections);
    if (connection_count == 0) reader.fail("", "one of --bootstrap-server or --zookeeper is required");
    if (connection_count == 2) reader.fail("--zookeeper", "--bootstrap-server and --zookeeper can't be used together");
    if (!reader.has("list") && !reader.has("describe")) {
        const TopicsAction action = action_of(reader);
        const char* name = action == TopicsAction::create ? "--create" : action == TopicsAction::alter ? "--alter" : "--delete";
        reader.require("topic", fmt::format("with {}", name));
    }
    if (reader.has("alter")) {
        // Kafka 3.6 changes topic configs only through kafka-configs; the ZooKeeper-era
        // tool still could.
        if (reader.has("bootstrap-server") && reader.has("config"))
            reader.fail("--config", "--config can't be used with --alter through --bootstrap-server; use kafka-configs");
        else if (!reader.has("config")) reader.require("partitions", "with --alter");
    }
}

// "name=value", blanks around '=' allowed, exactly one '=' (TopicCommand.parseTopicConfigsToBeAdded).
CliProperties topic_configs(OptionReader& reader) {
    static const std::regex separator(R"(\s*=\s*)");
    CliProperties configs;
    for (const std::string& raw : reader.texts("config")) {
        std::vector<std::string> parts(std::sregex_token_iterator(raw.begin(), raw.end(), separator, -1), {});
        if (parts.size() != 2 || parts[0].empty()) {
            reader.fail_value("config", raw);
            continue;
        }
        configs.push_back(CliProperty{parts[0], parts[1]});
    }
    return configs;
}

// One partition's replicas, "1:2:3"; nothing when the text is not a ':'-joined id list.
std::optional<std::vector<kafka::BrokerId>> parse_replica_list(std::string_view text) {
    std::vector<kafka::BrokerId> replicas;
    for (std::size_t from = 0; from <= text.size();) {
        const std::size_t colon = std::min(text.find(':', from), text.size());
        std::string_view id_text = text.substr(from, colon - from);
        while (!id_text.empty() && id_text.front() == ' ') id_text.remove_prefix(1);
        while (!id_text.empty() && id_text.back() == ' ') id_text.remove_suffix(1);
        std::int32_t id = 0;
        const auto [end, error] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
        if (id_text.empty() || error != std::errc{} || end != id_text.data() + id_text.size()) return std::nullopt;
        replicas.push_back(kafka::BrokerId{id});
        from = colon + 1;
    }
    return replicas;
}

// "1:2,2:3": partitions separated by ',', their replicas by ':' (TopicCommand.parseReplicaAssignment).
// Kafka refuses a broker listed twice for one partition and partitions of unequal size.
std::optional<std::vector<std::vector<kafka::BrokerId>>> replica_assignment(OptionReader& reader) {
    const auto raw = reader.text("replica-assignment");
    if (!raw || raw->empty()) return std::nullopt;
    std::vector<std::vector<kafka::BrokerId>> assignment;
    for (std::size_t start = 0; start <= raw->size();) {
        const std::size_t comma = std::min(raw->find(',', start), raw->size());
        const auto replicas = parse_replica_list(std::string_view(*raw).substr(start, comma - start));
        start = comma + 1;
        if (!replicas) {
            reader.fail_value("replica-assignment", *raw);
            return std::nullopt;
        }
        const std::set<kafka::BrokerId> distinct(replicas->begin(), replicas->end());
        if (distinct.size() != replicas->size())
            reader.fail("--replica-assignment", fmt::format("--replica-assignment lists a broker twice for partition {}", assignment.size()));
        if (!assignment.empty() && replicas->size() != assignment.front().size())
            reader.fail("--replica-assignment", fmt::format("--replica-assignment gives partition {} a replication factor of {} but partition 0 one of {}",
                                                            assignment.size(), replicas->size(), assignment.front().size()));
        assignment.push_back(*replicas);
    }
    return assignment;
}

}  // namespace

CliParseResult parse_topics_command(std::string program, std::span<const std::string> args, kafka::KafkaVersion era) {
    // KAFKA-12596: 3.0 removed --zookeeper; joptsimple refuses it before anything else
    // is checked, and the exception ends the tool with exit code 1.
    if (era >= kafka::KafkaVersion{3, 0, 0}) {
        for (const std::string& arg : args) {
            if (arg == "--zookeeper" || arg.starts_with("--zookeeper=")) {
                return refused(CliParseError{
                    std::string(tool_name), "--zookeeper",
                    "Exception in thread \"main\" joptsimple.UnrecognizedOptionException: zookeeper is not a "
                    "recognized option"});
            }
        }
    }
    OptionReader reader(tool_name, topics_options, unsimulated_options);
    reader.scan(args);
    if (!reader.failed() && reader.count_given(actions) != 1)
        reader.fail("", "exactly one of --create, --list, --describe, --delete, --alter is required");
    if (!reader.failed()) check_required(reader);
    if (!reader.failed()) check_combinations(reader);

    TopicsCommand command;
    command.program = std::move(program);
    command.era = era;
    command.action = action_of(reader);
    command.connection = reader.has("zookeeper") ? ClusterConnection::zookeeper : ClusterConnection::bootstrap_server;
    command.servers = reader.servers(reader.has("zookeeper") ? "zookeeper" : "bootstrap-server");
    command.topic = reader.text("topic");
    command.partitions = reader.positive_int32("partitions");
    command.replication_factor = reader.positive_int32("replication-factor");
    if (command.replication_factor && *command.replication_factor > 32767)
        reader.fail_value("replication-factor", std::to_string(*command.replication_factor));
    command.configs = topic_configs(reader);
    command.replica_assignment = replica_assignment(reader);
    command.if_exists = reader.has("if-exists");
    command.if_not_exists = reader.has("if-not-exists");
    command.exclude_internal = reader.has("exclude-internal");
    command.under_replicated_partitions = reader.has("under-replicated-partitions");
    command.under_min_isr_partitions = reader.has("under-min-isr-partitions");
    command.at_min_isr_partitions = reader.has("at-min-isr-partitions");
    command.unavailable_partitions = reader.has("unavailable-partitions");
    command.topics_with_overrides = reader.has("topics-with-overrides");
    if (reader.failed()) return refused(reader.error());
    return CliParseResult{CliCommand{std::move(command)}, std::nullopt};
}

}  // namespace kafkalab::scenarios
