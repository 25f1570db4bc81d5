// TopicCommand's --list, --create and --delete output (Kafka 3.6), and the ZooKeeper-era
// variants of --list and --delete (Kafka 2.x ZookeeperTopicService).
#include <fmt/format.h>

#include "scenarios/cli_tools/topic_selection.h"
#include "scenarios/cli_tools/topics_format.h"

namespace kafkalab::scenarios {
namespace {

// Kafka's Errors default messages, used when the broker sent none.
std::string default_error_message(kafka::Error error) {
    switch (error) {
        case kafka::Error::topic_already_exists: return "Topic with this name already exists.";
        case kafka::Error::invalid_partitions: return "Number of partitions is below 1.";
        case kafka::Error::invalid_replication_factor:
            return "Replication factor is below 1 or larger than the number of available brokers.";
        case kafka::Error::invalid_replica_assignment: return "Replica assignment is invalid.";
        case kafka::Error::invalid_config: return "Configuration is invalid.";
        case kafka::Error::invalid_topic_exception:
            return "The request attempted to perform an operation on an invalid topic.";
        case kafka::Error::request_timed_out: return "The request timed out.";
        case kafka::Error::not_controller: return "This is not the correct controller for this cluster.";
        default: return kafka::error_name(error);
    }
}

}  // namespace

std::string topic_already_exists_message(const std::string& topic) {
    return fmt::format("Topic '{}' already exists.", topic);
}

std::string replication_factor_too_large_message(std::int32_t replication_factor, std::int32_t available_brokers) {
    return fmt::format("Replication factor: {} larger than available brokers: {}.", replication_factor, available_brokers);
}

std::string topic_does_not_exist_message(const std::string& topic) {
    return fmt::format("Topic '{}' does not exist as expected", topic);
}

ToolOutput topic_command_error(const std::string& message) {
    ToolOutput output;
    output.out(fmt::format("Error while executing topic command : {}\n", message));
    output.set_exit_code(1);
    return output;
}

ToolOutput format_topics_list(const TopicsCommand& command, std::vector<std::string> all_topics,
                              const std::set<std::string>& marked_for_deletion) {
    if (command.topic)
        if (const auto error = topic_pattern_error(*command.topic)) return topic_command_error(*error);
    const std::vector<std::string> selected = select_topics(std::move(all_topics), command.topic, command.exclude_internal);
    ToolOutput output;
    if (command.connection == ClusterConnection::zookeeper) {
        // The ZooKeeper-era tool printed one line per topic, so an empty cluster printed nothing.
        for (const std::string& topic : selected)
            output.out(marked_for_deletion.contains(topic) ? topic + " - marked for deletion\n" : topic + "\n");
        return output;
    }
    // Kafka 3.6 prints the names joined by newlines with one println, so an empty
    // cluster prints one empty line.
    output.out(fmt::format("{}\n", fmt::join(selected, "\n")));
    return output;
}

ToolOutput format_topics_create(const TopicsCommand& command, kafka::Error error, const std::string& error_message) {
    ToolOutput output;
    const std::string name = command.topic.value_or("");
    if (has_collision_chars(name))
        output.out("WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could "
                   "collide. To avoid issues it is best to use either, but not both.\n");
    if (error == kafka::Error::none) {
        output.out(fmt::format("Created topic {}.\n", name));
        return output;
    }
    if (error == kafka::Error::topic_already_exists && command.if_not_exists) return output;
    output.append(topic_command_error(error_message.empty() ? default_error_message(error) : error_message));
    return output;
}

ToolOutput format_topics_delete(const TopicsCommand& command, std::vector<std::string> all_topics,
                                const std::set<std::string>& marked_for_deletion) {
    if (command.topic)
        if (const auto error = topic_pattern_error(*command.topic)) return topic_command_error(*error);
    const std::vector<std::string> selected = select_topics(std::move(all_topics), command.topic, command.exclude_internal);
    if (command.topic && selected.empty() && !command.if_exists)
        return topic_command_error(topic_does_not_exist_message(*command.topic));
    ToolOutput output;
    if (command.connection != ClusterConnection::zookeeper) return output;
    for (const std::string& topic : selected) {
        if (is_internal_topic(topic)) {
            output.append(topic_command_error(
                fmt::format("Topic {} is a kafka internal topic and is not allowed to be marked for deletion.", topic)));
            return output;
        }
        if (marked_for_deletion.contains(topic)) {
            output.out(fmt::format("Topic {} is already marked for deletion.\n", topic));
            continue;
        }
        output.out(fmt::format("Topic {} is marked for deletion.\n", topic));
        output.out("Note: This will have no impact if delete.topic.enable is not set to true.\n");
    }
    return output;
}

}  // namespace kafkalab::scenarios
