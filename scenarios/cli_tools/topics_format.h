#pragma once
// What kafka-topics prints, byte for byte as Kafka 3.6's TopicCommand prints it, with the
// ZooKeeper-era variants that --zookeeper selects.
#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "broker_model/common/errors.h"
#include "broker_model/common/types.h"
#include "scenarios/cli_tools/tool_output.h"
#include "scenarios/cli_tools/topic_description.h"
#include "scenarios/cli_tools/topics_command.h"

namespace kafkalab::scenarios {

/// --describe over every topic of the cluster: selects the ones --topic names, checks
/// they exist ("Error while executing topic command : Topic 'x' does not exist as
/// expected", exit 1, unless --if-exists), prints each topic's header line and its
/// partition lines in partition order. With a partition filter only the matching
/// partition lines appear, without header lines. Topics print in name order.
/// `live_brokers` decides --unavailable-partitions (a leader that is not live).
ToolOutput format_topics_describe(const TopicsCommand& command,
                                  std::span<const TopicDescription> all_topics,
                                  const std::set<kafka::BrokerId>& live_brokers);

/// The header line, "Topic: t\tTopicId: id\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: a=b\n".
/// Before 2.4 it read "Topic:t\tPartitionCount:3\tReplicationFactor:3\tConfigs:a=b"; TopicId
/// appears from 2.8 (KIP-516). Only the ZooKeeper-era tool knew about pending deletion
/// and added "\tMarkedForDeletion: true".
std::string topic_header_line(const TopicDescription& topic, ClusterConnection connection,
                              kafka::KafkaVersion era = kafka::default_kafka_version);

/// One partition line, "\tTopic: t\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2\n".
/// A partition without a leader prints "Leader: none", up to 2.3 "Leader: -1" (the
/// tool printed the leader field of ZooKeeper's partition state).
std::string partition_line(const TopicDescription& topic, const PartitionDescription& partition,
                           ClusterConnection connection, kafka::KafkaVersion era = kafka::default_kafka_version);

/// --list over every topic name of the cluster: the selected names, sorted, one a line.
/// With --zookeeper a topic in `marked_for_deletion` prints as "t - marked for deletion".
ToolOutput format_topics_list(const TopicsCommand& command, std::vector<std::string> all_topics,
                              const std::set<std::string>& marked_for_deletion = {});

/// The answer to a --create: kafka::Error::none prints "Created topic t."; an error prints
/// "Error while executing topic command : <message>" and exits 1, except that an existing
/// topic with --if-not-exists prints nothing. A name with '.' or '_' first prints Kafka's
/// collision WARNING. `error_message` is the broker's text (see the helpers below); when
/// empty, Kafka's default text for the error code is used.
ToolOutput format_topics_create(const TopicsCommand& command, kafka::Error error,
                                const std::string& error_message = {});

/// The answer to a --delete over every topic name of the cluster: selects the topics
/// --topic names (the ones the caller deletes) and checks they exist ("does not exist
/// as expected", exit 1, unless --if-exists). Through --bootstrap-server Kafka prints
/// nothing more. Through --zookeeper each topic prints "Topic t is marked for deletion."
/// and the delete.topic.enable note, an internal topic is refused, and a topic in
/// `marked_for_deletion` prints "Topic t is already marked for deletion.".
ToolOutput format_topics_delete(const TopicsCommand& command, std::vector<std::string> all_topics,
                                const std::set<std::string>& marked_for_deletion = {});

/// The broker's messages that kafka-topics shows after "Error while executing topic command : ".
std::string topic_already_exists_message(const std::string& topic);       // "Topic 't' already exists."
std::string replication_factor_too_large_message(std::int32_t replication_factor,
                                                 std::int32_t available_brokers);
/// "Topic 't' does not exist as expected", kafka-topics' own check.
std::string topic_does_not_exist_message(const std::string& topic);

/// "Error while executing topic command : <message>\n" on standard output, exit code 1.
ToolOutput topic_command_error(const std::string& message);

}  // namespace kafkalab::scenarios
