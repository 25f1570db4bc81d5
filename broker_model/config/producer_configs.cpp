// Producer keys (org.apache.kafka.clients.producer.ProducerConfig), Kafka 3.6 defaults.
#include "broker_model/config/catalog_tables.h"
#include "broker_model/config/value_parsing.h"

namespace kafkalab::kafka::tables {
namespace {

constexpr auto producer = ConfigScope::producer;

ConfigDef key(std::string_view name, ConfigType type, std::optional<std::string_view> value, std::string_view doc) {
    return config_key(name, producer, type, value, doc);
}

// The partitioners a producer can name. "default" is DefaultPartitioner, whose records
// without a key went round-robin before 2.4 and sticky from 2.4 (KIP-480); from 3.3 the
// key is unset by default and the producer's built-in partitioner (KIP-794) decides.
// "random" has no Kafka class: it is kafka-python's choice, a random partition for each
// record without a key. (The 0.8 Scala producer was different again: it kept one random
// partition per topic until the next metadata refresh, topic.metadata.refresh.interval.ms,
// 10 minutes.)
std::vector<ConfigChoice> partitioner_choices() {
    return {
        {"default", "org.apache.kafka.clients.producer.internals.DefaultPartitioner", {"murmur2"}},
        {"sticky", "org.apache.kafka.clients.producer.UniformStickyPartitioner", {}},
        {"round-robin", "org.apache.kafka.clients.producer.RoundRobinPartitioner", {"roundrobin"}},
        {"random", "", {}},
    };
}

}  // namespace

std::vector<ConfigChoice> serializer_choices() {
    return {
        {"string", "org.apache.kafka.common.serialization.StringSerializer", {}},
        {"bytes", "org.apache.kafka.common.serialization.ByteArraySerializer", {}},
        {"json", "org.apache.kafka.connect.json.JsonSerializer", {}},
    };
}

std::vector<ConfigDef> producer_configs() {
    using enum ConfigType;
    std::vector<ConfigDef> out;
    out.push_back(key("bootstrap.servers", list, "", "Brokers to ask for the cluster's metadata, as host:port.")
                      .checked_by(check_host_port_list));
    out.push_back(key("acks", string, "1",
                      "When a write counts as done: 0 (no answer), 1 (the leader has it), all (the whole ISR).")
                      .one_of({{"all", "", {"-1"}}, {"0", "", {}}, {"1", "", {}}})
                      .changed({3, 0, 0}, "all", "1 before 3.0 (KIP-679)"));
    out.push_back(key("enable.idempotence", boolean, "false",
                      "Whether retries are deduplicated by the broker with producer id and sequence numbers.")
                      .introduced({0, 11, 0})
                      .changed({3, 0, 0}, "true",
                               "false before 3.0 (KIP-679); 3.0.0 and 3.1.0 did not apply the new default"));
    out.push_back(key("retries", int32, "0", "How often a failed send is retried.")
                      .between(0, 2147483647)
                      .changed({2, 1, 0}, "2147483647", "0 before 2.1 (KIP-91)"));
    out.push_back(key("max.in.flight.requests.per.connection", int32, "5",
                      "Unanswered requests per broker connection; more than 1 may reorder retried batches.")
                      .at_least(1));
    out.push_back(key("batch.size", int32, "16384", "The largest batch per partition, in bytes.")
                      .in(ConfigUnit::bytes).at_least(0));
    out.push_back(key("linger.ms", int64, "0", "How long a batch waits for more records before it is sent.")
                      .in(ConfigUnit::milliseconds).at_least(0));
    out.push_back(key("delivery.timeout.ms", int32, "120000",
                      "The longest a send may take in total, retries included, before it fails.")
                      .in(ConfigUnit::milliseconds).at_least(0).introduced({2, 1, 0}));
    out.push_back(key("request.timeout.ms", int32, "30000", "How long the producer waits for one answer.")
                      .in(ConfigUnit::milliseconds).at_least(0));
    out.push_back(key("retry.backoff.ms", int64, "100", "The pause before a retry.")
                      .in(ConfigUnit::milliseconds).at_least(0));
    for (ConfigDef& common : reconnect_backoff_configs(producer)) out.push_back(std::move(common));
    out.push_back(key("metadata.max.age.ms", int64, "300000", "How often metadata is refreshed even without errors.")
                      .in(ConfigUnit::milliseconds).at_least(0));
    out.push_back(key("max.block.ms", int64, "60000",
                      "How long send() waits for a topic's metadata before the record fails.")
                      .in(ConfigUnit::milliseconds).at_least(0));
    out.push_back(key("max.request.size", int32, "1048576", "The largest produce request, so the largest record.")
                      .in(ConfigUnit::bytes).at_least(0));
    out.push_back(key("partitioner.class", class_name, "default",
                      "How a partition is chosen: murmur2 of the key, and for records without a key the "
                      "era's default (round-robin, then sticky per batch from 2.4, sticky per batch.size "
                      "bytes and adaptive from 3.3).")
                      .one_of(partitioner_choices())
                      .changed({3, 3, 0}, std::nullopt,
                               "DefaultPartitioner before 3.3; unset from 3.3: the built-in partitioner of KIP-794"));
    out.push_back(key("partitioner.adaptive.partitioning.enable", boolean, "true",
                      "Built-in partitioner: send more records to partitions whose brokers keep up.")
                      .introduced({3, 3, 0}));
    out.push_back(key("partitioner.availability.timeout.ms", int64, "0",
                      "Built-in partitioner: skip a partition whose broker has had data waiting this long; "
                      "0 never skips.")
                      .in(ConfigUnit::milliseconds).at_least(0).introduced({3, 3, 0}));
    out.push_back(key("partitioner.ignore.keys", boolean, "false",
                      "Built-in partitioner: spread keyed records as if they had no key.")
                      .introduced({3, 3, 0}));
    out.push_back(key("key.serializer", class_name, "string",
                      "How keys become bytes. Kafka requires it; kafkalab assumes StringSerializer.")
                      .one_of(serializer_choices()));
    out.push_back(key("value.serializer", class_name, "string",
                      "How values become bytes. Kafka requires it; kafkalab assumes StringSerializer.")
                      .one_of(serializer_choices()));
    out.push_back(key("client.id", string, "", "A name for this client in logs and quotas."));
    return out;
}

}  // namespace kafkalab::kafka::tables
