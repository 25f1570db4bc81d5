// Topic-level keys (kafka.log.LogConfig / TopicConfig). A topic without an override
// takes the broker's value of `broker_key` ("Server Default Property" in Kafka's docs).
#include "broker_model/config/catalog_tables.h"

namespace kafkalab::kafka::tables {
namespace {

constexpr std::string_view long_max = "9223372036854775807";

ConfigDef key(std::string_view name, ConfigType type, std::optional<std::string_view> value, std::string_view doc) {
    return config_key(name, ConfigScope::topic, type, value, doc);
}

}  // namespace

std::vector<ConfigDef> topic_configs() {
    using enum ConfigType;
    std::vector<ConfigDef> out;
    out.push_back(key("cleanup.policy", list, "delete", "What happens to old segments: delete, compact, or both.")
                      .one_of({{"delete", "", {}}, {"compact", "", {}}})
                      .server_default("log.cleanup.policy"));
    out.push_back(key("retention.ms", int64, "604800000", "How long records are kept; -1: forever.")
                      .in(ConfigUnit::milliseconds).at_least(-1).server_default("log.retention.ms"));
    out.push_back(key("retention.bytes", int64, "-1", "The largest a partition's log may grow; -1: no limit.")
                      .in(ConfigUnit::bytes).server_default("log.retention.bytes"));
    out.push_back(key("min.insync.replicas", int32, "1",
                      "The fewest in-sync replicas for an acks=all write to this topic to succeed.")
                      .at_least(1).server_default("min.insync.replicas"));
    out.push_back(key("unclean.leader.election.enable", boolean, "true",
                      "Whether a replica outside the ISR may become leader of this topic's partitions.")
                      .changed({0, 11, 0}, "false", "true before 0.11 (KIP-106)")
                      .server_default("unclean.leader.election.enable"));
    out.push_back(key("flush.messages", int64, long_max, "Messages a partition accepts before an fsync.")
                      .in(ConfigUnit::messages).at_least(1).server_default("log.flush.interval.messages"));
    out.push_back(key("flush.ms", int64, long_max, "The longest a message stays unflushed.")
                      .in(ConfigUnit::milliseconds).at_least(0).server_default("log.flush.interval.ms"));
    out.push_back(key("segment.bytes", int32, "1073741824", "The size of one log segment file.")
                      .in(ConfigUnit::bytes).at_least(14).server_default("log.segment.bytes").not_modelled());
    out.push_back(key("max.message.bytes", int32, "1048588", "The largest record batch this topic accepts.")
                      .in(ConfigUnit::bytes).at_least(0).server_default("message.max.bytes").not_modelled());
    return out;
}

}  // namespace kafkalab::kafka::tables
