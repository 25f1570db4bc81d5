#pragma once
// The znodes of a ZooKeeper-mode Kafka cluster and their JSON, as Kafka writes them
// (kafka.zk.ZkData), so that a student who looks at the simulated ZooKeeper sees the
// same tree as in a real one:
//
//   /controller                                   {"version":1,"brokerid":1,"timestamp":"..."}  ephemeral
//   /controller_epoch                             "3"
//   /brokers/ids/<id>                             {"version":5,"host":"broker-1","port":9092,...}  ephemeral
//   /brokers/topics/<topic>                       {"version":3,"partitions":{"0":[1,2,3]},"topic_id":"..."}
//   /brokers/topics/<topic>/partitions/<p>/state  {"controller_epoch":1,"leader":1,"leader_epoch":0,"isr":[1,2,3],"version":1}
//   /config/topics/<topic>                        {"version":1,"config":{"min.insync.replicas":"2"}}
//   /admin/delete_topics/<topic>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/protocol/metadata.h"
#include "broker_model/protocol/partition_state.h"

namespace kafkalab::kafka::zk_data {

inline const std::string controller_path = "/controller";
inline const std::string controller_epoch_path = "/controller_epoch";
inline const std::string broker_ids_path = "/brokers/ids";
inline const std::string topics_path = "/brokers/topics";
inline const std::string topic_configs_path = "/config/topics";
inline const std::string delete_topics_path = "/admin/delete_topics";

/// Persistent parents that must exist before anything is created under them.
std::vector<std::string> cluster_skeleton();

std::string broker_path(BrokerId id);
std::string topic_path(const std::string& topic);
std::string partitions_path(const std::string& topic);
std::string partition_path(const TopicPartition& tp);
std::string partition_state_path(const TopicPartition& tp);
std::string topic_config_path(const std::string& topic);
std::string delete_topic_path(const std::string& topic);

std::string encode_controller(BrokerId id, std::int64_t timestamp_ms);
std::optional<BrokerId> decode_controller(const std::string& json);

std::string encode_broker(const BrokerEndpoint& endpoint, std::int64_t timestamp_ms);
std::optional<BrokerEndpoint> decode_broker(BrokerId id, const std::string& json);

struct TopicAssignment {
    std::string topic_id;
    std::vector<std::vector<BrokerId>> partitions;  // index = partition number
};
std::string encode_assignment(const TopicAssignment& assignment);
std::optional<TopicAssignment> decode_assignment(const std::string& json);

std::string encode_partition_state(const LeaderAndIsr& state);
/// The znode version is the partition epoch; pass it in.
std::optional<LeaderAndIsr> decode_partition_state(const std::string& json, std::int32_t znode_version);

std::string encode_topic_config(const std::map<std::string, std::string>& configs);
std::map<std::string, std::string> decode_topic_config(const std::string& json);

}  // namespace kafkalab::kafka::zk_data
