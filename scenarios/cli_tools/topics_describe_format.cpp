// TopicCommand.describeTopic, TopicDescription.printDescription,
// PartitionDescription.printDescription and DescribeOptions (Kafka 3.6).
#include <algorithm>
#include <fmt/format.h>

#include "scenarios/cli_tools/topic_selection.h"
#include "scenarios/cli_tools/topics_format.h"

namespace kafkalab::scenarios {
namespace {

std::string join_ids(const std::vector<kafka::BrokerId>& ids) {
    std::string text;
    for (std::size_t i = 0; i < ids.size(); ++i) text += (i == 0 ? "" : ",") + std::to_string(ids[i].value);
    return text;
}

// While replicas are being added, the target replication factor excludes them
// (TopicCommand.getReplicationFactor): a reassignment from 1,2,3 to 4,5,6 still has 3.
std::size_t replication_factor(const PartitionDescription& partition) {
    if (!partition.reassignment) return partition.replicas.size();
    const auto& adding = partition.reassignment->adding_replicas;
    const auto& removing = partition.reassignment->removing_replicas;
    const bool in_progress = std::any_of(partition.replicas.begin(), partition.replicas.end(), [&](kafka::BrokerId id) {
        return std::find(adding.begin(), adding.end(), id) != adding.end() ||
               std::find(removing.begin(), removing.end(), id) != removing.end();
    });
    if (!in_progress) return partition.replicas.size();
    return static_cast<std::size_t>(std::count_if(partition.replicas.begin(), partition.replicas.end(), [&](kafka::BrokerId id) {
        return std::find(adding.begin(), adding.end(), id) == adding.end();
    }));
}

// PartitionDescription's predicates. A partition without a leader counts as under
// min ISR and unavailable whatever its ISR says.
bool is_under_replicated(const PartitionDescription& p) { return p.isr.size() < replication_factor(p); }
bool is_under_min_isr(const TopicDescription& t, const PartitionDescription& p) {
    return !p.leader || static_cast<std::int64_t>(p.isr.size()) < t.min_insync_replicas;
}
bool is_at_min_isr(const TopicDescription& t, const PartitionDescription& p) {
    return static_cast<std::int64_t>(p.isr.size()) == t.min_insync_replicas;
}
bool is_unavailable(const PartitionDescription& p, const std::set<kafka::BrokerId>& live_brokers) {
    return !p.leader || !live_brokers.contains(*p.leader);
}

bool should_print_partition(const TopicsCommand& command, const TopicDescription& topic,
                            const PartitionDescription& partition, const std::set<kafka::BrokerId>& live_brokers) {
    if (!command.has_partition_filter()) return true;
    return (command.under_replicated_partitions && is_under_replicated(partition)) ||
           (command.unavailable_partitions && is_unavailable(partition, live_brokers)) ||
           (command.under_min_isr_partitions && is_under_min_isr(topic, partition)) ||
           (command.at_min_isr_partitions && is_at_min_isr(topic, partition));
}

void describe_one_topic(const TopicsCommand& command, const TopicDescription& topic,
                        const std::set<kafka::BrokerId>& live_brokers, ToolOutput& output) {
    // Kafka prints the header only when no partition filter is on, and with
    // --topics-with-overrides only for topics that override a config.
    if (!command.has_partition_filter() && !(command.topics_with_overrides && topic.configs.empty()))
        output.out(topic_header_line(topic, command.connection, command.era));
    // --topics-with-overrides reports configs only, never partition lines.
    if (command.topics_with_overrides) return;
    std::vector<const PartitionDescription*> partitions;
    for (const PartitionDescription& partition : topic.partitions) partitions.push_back(&partition);
    std::stable_sort(partitions.begin(), partitions.end(),
                     [](const auto* a, const auto* b) { return a->partition < b->partition; });
    for (const PartitionDescription* partition : partitions)
        if (should_print_partition(command, topic, *partition, live_brokers))
            output.out(partition_line(topic, *partition, command.connection, command.era));
}

}  // namespace

std::string topic_header_line(const TopicDescription& topic, ClusterConnection connection, kafka::KafkaVersion era) {
    // Kafka reads the replication factor from the first partition the broker listed.
    const std::size_t rf = topic.partitions.empty() ? 0 : replication_factor(topic.partitions.front());
    std::string configs;
    for (std::size_t i = 0; i < topic.configs.size(); ++i)
        configs += (i == 0 ? "" : ",") + topic.configs[i].name + "=" + topic.configs[i].value;
    const bool marked = topic.marked_for_deletion && connection == ClusterConnection::zookeeper;
    if (era < kafka::KafkaVersion{2, 4, 0}) {
        // TopicCommand up to 2.3: printf-style, no space after the colons.
        return fmt::format("Topic:{}\tPartitionCount:{}\tReplicationFactor:{}\tConfigs:{}{}\n", topic.name,
                           topic.partitions.size(), rf, configs, marked ? "\tMarkedForDeletion:true" : "");
    }
    std::string line = "Topic: " + topic.name;
    if (!topic.topic_id.empty() && era >= kafka::KafkaVersion{2, 8, 0}) line += "\tTopicId: " + topic.topic_id;
    line += fmt::format("\tPartitionCount: {}\tReplicationFactor: {}\tConfigs: {}", topic.partitions.size(), rf, configs);
    if (marked) line += "\tMarkedForDeletion: true";
    return line + "\n";
}

std::string partition_line(const TopicDescription& topic, const PartitionDescription& partition,
                           ClusterConnection connection, kafka::KafkaVersion era) {
    // Up to 2.3 the tool printed the -1 of ZooKeeper's partition state; from 2.4 (one
    // TopicDescription for both paths) a partition without a leader prints "none".
    const std::string no_leader = era < kafka::KafkaVersion{2, 4, 0} ? "-1" : "none";
    std::string line = fmt::format("\tTopic: {}\tPartition: {}\tLeader: {}\tReplicas: {}\tIsr: {}", topic.name,
                                   partition.partition,
                                   partition.leader ? std::to_string(partition.leader->value) : no_leader,
                                   join_ids(partition.replicas), join_ids(partition.isr));
    if (partition.reassignment)
        line += fmt::format("\tAdding Replicas: {}\tRemoving Replicas: {}", join_ids(partition.reassignment->adding_replicas),
                            join_ids(partition.reassignment->removing_replicas));
    if (topic.marked_for_deletion && connection == ClusterConnection::zookeeper) line += "\tMarkedForDeletion: true";
    return line + "\n";
}

ToolOutput format_topics_describe(const TopicsCommand& command, std::span<const TopicDescription> all_topics,
                                  const std::set<kafka::BrokerId>& live_brokers) {
    if (command.topic)
        if (const auto error = topic_pattern_error(*command.topic)) return topic_command_error(*error);
    std::vector<std::string> names;
    for (const TopicDescription& topic : all_topics) names.push_back(topic.name);
    const std::vector<std::string> selected = select_topics(names, command.topic, command.exclude_internal);
    if (command.topic && selected.empty() && !command.if_exists)
        return topic_command_error(topic_does_not_exist_message(*command.topic));

    ToolOutput output;
    for (const std::string& name : selected) {
        const auto topic = std::find_if(all_topics.begin(), all_topics.end(),
                                        [&](const TopicDescription& t) { return t.name == name; });
        describe_one_topic(command, *topic, live_brokers, output);
    }
    return output;
}

}  // namespace kafkalab::scenarios
