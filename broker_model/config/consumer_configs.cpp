// Consumer keys (org.apache.kafka.clients.consumer.ConsumerConfig), Kafka 3.6 defaults.
#include "broker_model/config/catalog_tables.h"
#include "broker_model/config/value_parsing.h"

namespace kafkalab::kafka::tables {
namespace {

constexpr auto consumer = ConfigScope::consumer;

ConfigDef key(std::string_view name, ConfigType type, std::optional<std::string_view> value, std::string_view doc) {
    return config_key(name, consumer, type, value, doc);
}

std::vector<ConfigChoice> assignor_choices() {
    return {
        {"range", "org.apache.kafka.clients.consumer.RangeAssignor", {}},
        {"roundrobin", "org.apache.kafka.clients.consumer.RoundRobinAssignor", {"round-robin"}},
        {"sticky", "org.apache.kafka.clients.consumer.StickyAssignor", {}},
        {"cooperative-sticky", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor", {}},
    };
}

void add_group_keys(std::vector<ConfigDef>& out) {
    using enum ConfigType;
    out.push_back(key("group.id", string, std::nullopt,
                      "The consumer group; unset: no group, so no subscribe and no committed offsets."));
    out.push_back(key("session.timeout.ms", int32, "30000",
                      "How long the coordinator waits for a heartbeat before it drops the member.")
                      .in(ConfigUnit::milliseconds)
                      .changed({0, 10, 1}, "10000", "")
                      .changed({3, 0, 0}, "45000", "30000 in 0.9 and 0.10.0, 10000 from 0.10.1 to 2.8 (KIP-735)"));
    out.push_back(key("heartbeat.interval.ms", int32, "3000", "How often the consumer sends a heartbeat.")
                      .in(ConfigUnit::milliseconds));
    out.push_back(key("max.poll.interval.ms", int32, "300000",
                      "The longest gap between polls before the consumer leaves its group.")
                      .in(ConfigUnit::milliseconds).at_least(1).introduced({0, 10, 1}));
    out.push_back(key("partition.assignment.strategy", list, "org.apache.kafka.clients.consumer.RangeAssignor",
                      "Assignors the group may use, in order of preference.")
                      .one_of(assignor_choices())
                      .changed({3, 0, 0},
                               "org.apache.kafka.clients.consumer.RangeAssignor,"
                               "org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
                               "only RangeAssignor before 3.0"));
    out.push_back(key("enable.auto.commit", boolean, "true", "Whether positions are committed in the background."));
    out.push_back(key("auto.commit.interval.ms", int32, "5000", "How often positions are committed automatically.")
                      .in(ConfigUnit::milliseconds).at_least(0));
}

// Keys kafka-console-consumer and real consumer.properties files carry. They load
// without complaint; the simulation has no transactions, checksums or racks for them.
void add_unmodelled(std::vector<ConfigDef>& out) {
    using enum ConfigType;
    out.push_back(key("isolation.level", string, "read_uncommitted",
                      "Whether records of transactions not yet committed are returned.")
                      .one_of({{"read_uncommitted", "", {}}, {"read_committed", "", {}}})
                      .introduced({0, 11, 0}).not_modelled());
    out.push_back(key("allow.auto.create.topics", boolean, "true",
                      "Whether subscribing to an unknown topic creates it (if the broker allows).")
                      .introduced({2, 3, 0}).not_modelled());
    out.push_back(key("client.rack", string, "", "The rack of this client, for fetching from a close replica.")
                      .introduced({2, 4, 0}).not_modelled());
    out.push_back(key("check.crcs", boolean, "true", "Whether fetched records' checksums are verified.")
                      .not_modelled());
}

}  // namespace

std::vector<ConfigChoice> deserializer_choices() {
    return {
        {"string", "org.apache.kafka.common.serialization.StringDeserializer", {}},
        {"bytes", "org.apache.kafka.common.serialization.ByteArrayDeserializer", {}},
        {"json", "org.apache.kafka.connect.json.JsonDeserializer", {}},
    };
}

std::vector<ConfigDef> consumer_configs() {
    using enum ConfigType;
    std::vector<ConfigDef> out;
    out.push_back(key("bootstrap.servers", list, "", "Brokers to ask for the cluster's metadata, as host:port.")
                      .checked_by(check_host_port_list));
    add_group_keys(out);
    out.push_back(key("auto.offset.reset", string, "latest",
                      "Where to start without a committed offset: earliest, latest, or none (fail).")
                      .one_of({{"latest", "", {}}, {"earliest", "", {}}, {"none", "", {}}}));
    out.push_back(key("max.poll.records", int32, "500", "The most records one poll returns.").at_least(1));
    out.push_back(key("fetch.min.bytes", int32, "1", "Bytes a fetch waits for before the broker answers.")
                      .in(ConfigUnit::bytes).at_least(0));
    out.push_back(key("fetch.max.wait.ms", int32, "500", "How long a fetch waits at the broker for fetch.min.bytes.")
                      .in(ConfigUnit::milliseconds).at_least(0));
    out.push_back(key("fetch.max.bytes", int32, "52428800", "The most bytes one fetch response carries.")
                      .in(ConfigUnit::bytes).at_least(0).introduced({0, 10, 1}));
    out.push_back(key("max.partition.fetch.bytes", int32, "1048576",
                      "The most bytes of one partition in one fetch response.")
                      .in(ConfigUnit::bytes).at_least(0));
    out.push_back(key("request.timeout.ms", int32, "305000", "How long the consumer waits for one answer.")
                      .in(ConfigUnit::milliseconds).at_least(0)
                      .changed({2, 0, 0}, "30000", "305000 before 2.0 (KIP-266)"));
    out.push_back(key("retry.backoff.ms", int64, "100", "The pause before a retry.")
                      .in(ConfigUnit::milliseconds).at_least(0));
    for (ConfigDef& common : reconnect_backoff_configs(consumer)) out.push_back(std::move(common));
    out.push_back(key("metadata.max.age.ms", int64, "300000", "How often metadata is refreshed even without errors.")
                      .in(ConfigUnit::milliseconds).at_least(0));
    out.push_back(key("default.api.timeout.ms", int32, "60000", "How long commitSync and close wait at most.")
                      .in(ConfigUnit::milliseconds).at_least(0).introduced({2, 0, 0}));
    out.push_back(key("key.deserializer", class_name, "string",
                      "How key bytes become keys. Kafka requires it; kafkalab assumes StringDeserializer.")
                      .one_of(deserializer_choices()));
    out.push_back(key("value.deserializer", class_name, "string",
                      "How value bytes become values. Kafka requires it; kafkalab assumes StringDeserializer.")
                      .one_of(deserializer_choices()));
    out.push_back(key("client.id", string, "", "A name for this client in logs and quotas."));
    add_unmodelled(out);
    return out;
}

}  // namespace kafkalab::kafka::tables
