#include "broker_model/controller/zk_data.h"

#include <nlohmann/json.hpp>

namespace kafkalab::kafka::zk_data {

using nlohmann::json;
using nlohmann::ordered_json;

std::vector<std::string> cluster_skeleton() {
    return {"/brokers", broker_ids_path, topics_path, "/config", topic_configs_path, "/admin", delete_topics_path};
}

std::string broker_path(BrokerId id) { return broker_ids_path + "/" + std::to_string(id.value); }
std::string topic_path(const std::string& topic) { return topics_path + "/" + topic; }
std::string partitions_path(const std::string& topic) { return topic_path(topic) + "/partitions"; }
std::string partition_path(const TopicPartition& tp) {
    return partitions_path(tp.topic) + "/" + std::to_string(tp.partition);
}
std::string partition_state_path(const TopicPartition& tp) { return partition_path(tp) + "/state"; }
std::string topic_config_path(const std::string& topic) { return topic_configs_path + "/" + topic; }
std::string delete_topic_path(const std::string& topic) { return delete_topics_path + "/" + topic; }

std::string encode_controller(BrokerId id, std::int64_t timestamp_ms) {
    ordered_json j;
    j["version"] = 1;
    j["brokerid"] = id.value;
    j["timestamp"] = std::to_string(timestamp_ms);
    return j.dump();
}

std::optional<BrokerId> decode_controller(const std::string& text) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.contains("brokerid")) return std::nullopt;
    return BrokerId{j["brokerid"].get<std::int32_t>()};
}

std::string encode_broker(const BrokerEndpoint& endpoint, std::int64_t timestamp_ms) {
    ordered_json j;
    j["features"] = json::object();
    j["listener_security_protocol_map"] = {{"PLAINTEXT", "PLAINTEXT"}};
    j["endpoints"] = {"PLAINTEXT://" + endpoint.host + ":" + std::to_string(endpoint.port)};
    j["jmx_port"] = -1;
    j["port"] = endpoint.port;
    j["host"] = endpoint.host;
    j["version"] = 5;
    j["timestamp"] = std::to_string(timestamp_ms);
    if (endpoint.rack.empty()) {
        j["rack"] = nullptr;
    } else {
        j["rack"] = endpoint.rack;
    }
    return j.dump();
}

std::optional<BrokerEndpoint> decode_broker(BrokerId id, const std::string& text) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.contains("host")) return std::nullopt;
    BrokerEndpoint endpoint;
    endpoint.id = id;
    endpoint.host = j["host"].get<std::string>();
    endpoint.port = j.value("port", 9092);
    if (j.contains("rack") && j["rack"].is_string()) endpoint.rack = j["rack"].get<std::string>();
    return endpoint;
}

std::string encode_assignment(const TopicAssignment& assignment) {
    // Written by hand: an ordered_json object searches its keys on every insert, which
    // made a topic of 100,000 partitions cost 5 billion string compares.
    std::string out = R"({"version":3,"topic_id":)" + json(assignment.topic_id).dump() + R"(,"partitions":{)";
    for (std::size_t p = 0; p < assignment.partitions.size(); ++p) {
        if (p > 0) out += ',';
        out += '"' + std::to_string(p) + "\":[";
        const auto& replicas = assignment.partitions[p];
        for (std::size_t r = 0; r < replicas.size(); ++r) {
            if (r > 0) out += ',';
            out += std::to_string(replicas[r].value);
        }
        out += ']';
    }
    out += R"(},"adding_replicas":{},"removing_replicas":{}})";
    return out;
}

std::optional<TopicAssignment> decode_assignment(const std::string& text) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.contains("partitions") || !j["partitions"].is_object()) return std::nullopt;
    TopicAssignment assignment;
    assignment.topic_id = j.value("topic_id", "");
    assignment.partitions.resize(j["partitions"].size());
    for (const auto& [key, replicas] : j["partitions"].items()) {
        std::size_t p = std::stoul(key);
        if (p >= assignment.partitions.size()) return std::nullopt;
        for (const auto& id : replicas) assignment.partitions[p].push_back(BrokerId{id.get<std::int32_t>()});
    }
    return assignment;
}

std::string encode_partition_state(const LeaderAndIsr& state) {
    ordered_json j;
    j["controller_epoch"] = state.controller_epoch.value;
    j["leader"] = state.leader.value;
    j["version"] = 1;
    j["leader_epoch"] = state.leader_epoch.value;
    ordered_json isr = ordered_json::array();
    for (BrokerId id : state.isr) isr.push_back(id.value);
    j["isr"] = isr;
    return j.dump();
}

std::optional<LeaderAndIsr> decode_partition_state(const std::string& text, std::int32_t znode_version) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.contains("leader")) return std::nullopt;
    LeaderAndIsr state;
    state.leader = BrokerId{j["leader"].get<std::int32_t>()};
    state.leader_epoch = LeaderEpoch{j.value("leader_epoch", 0)};
    state.controller_epoch = ControllerEpoch{j.value("controller_epoch", 0)};
    for (const auto& id : j.value("isr", json::array())) state.isr.push_back(BrokerId{id.get<std::int32_t>()});
    state.partition_epoch = znode_version;
    return state;
}

std::string encode_topic_config(const std::map<std::string, std::string>& configs) {
    ordered_json j;
    j["version"] = 1;
    j["config"] = configs;
    return j.dump();
}

std::map<std::string, std::string> decode_topic_config(const std::string& text) {
    json j = json::parse(text, nullptr, false);
    std::map<std::string, std::string> configs;
    if (j.is_discarded() || !j.contains("config") || !j["config"].is_object()) return configs;
    for (const auto& [key, value] : j["config"].items()) {
        if (value.is_string()) configs[key] = value.get<std::string>();
    }
    return configs;
}

}  // namespace kafkalab::kafka::zk_data
