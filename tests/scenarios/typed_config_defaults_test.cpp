// One configuration path: the catalog (ConfigDef) owns every default, and the typed
// configs (BrokerConfig, ProducerConfig, ConsumerConfig, each read like Kafka's
// AbstractConfig) take them from a Properties only. A typed field whose default drifts
// from the catalog's, in any era the catalog knows, fails here; so does a modelled
// catalog key that no typed field reads and that is not listed as read elsewhere.
// The scenario's clients and the tools' clients parse values by the same catalog rules.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <set>

#include "broker_model/broker/broker_config.h"
#include "broker_model/client/consumer_config.h"
#include "broker_model/client/producer_config.h"
#include "broker_model/config/config_catalog.h"
#include "broker_model/config/config_validation.h"
#include "broker_model/config/invalid_topic_config.h"
#include "broker_model/config/value_parsing.h"
#include "scenarios/cli_tools/cli_command.h"
#include "scenarios/runner/console_producer_config.h"
#include "scenarios/runner/tool_client_properties.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace std::chrono_literals;

namespace {

/// A typed field written back as the catalog writes its value ("30000", "true", "all").
template <class Config>
struct Field {
    std::string_view key;
    std::function<std::string(const Config&)> text;
};

/// A duration in the unit its key counts in.
std::string in_unit_of(std::string_view key, ConfigScope scope, sim::Duration d) {
    if (d == sim::Duration::max()) return "9223372036854775807";  // Kafka's "never"
    switch (find_config(scope, key)->unit) {
        case ConfigUnit::seconds: return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(d).count());
        default: return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
    }
}

std::string text(bool b) { return b ? "true" : "false"; }

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
    return out;
}

template <class Config>
Field<Config> duration(std::string_view key, ConfigScope scope, sim::Duration Config::*field) {
    return {key, [key, scope, field](const Config& c) { return in_unit_of(key, scope, c.*field); }};
}

template <class Config, class Number>
Field<Config> number(std::string_view key, Number Config::*field) {
    return {key, [field](const Config& c) { return std::to_string(c.*field); }};
}

template <class Config>
Field<Config> flag(std::string_view key, bool Config::*field) {
    return {key, [field](const Config& c) { return text(c.*field); }};
}

constexpr auto broker = ConfigScope::broker;
constexpr auto producer = ConfigScope::producer;
constexpr auto consumer = ConfigScope::consumer;

std::vector<Field<BrokerConfig>> broker_fields() {
    using C = BrokerConfig;
    return {
        {"broker.id", [](const C& c) { return std::to_string(c.broker_id.value); }},
        {"broker.rack", [](const C& c) { return c.rack.empty() ? std::string("<null>") : c.rack; }},
        duration("zookeeper.session.timeout.ms", broker, &C::zookeeper_session_timeout),
        number("num.partitions", &C::num_partitions),
        number("default.replication.factor", &C::default_replication_factor),
        number("min.insync.replicas", &C::min_insync_replicas),
        flag("unclean.leader.election.enable", &C::unclean_leader_election_enable),
        flag("auto.create.topics.enable", &C::auto_create_topics_enable),
        flag("delete.topic.enable", &C::delete_topic_enable),
        flag("controlled.shutdown.enable", &C::controlled_shutdown_enable),
        duration("replica.lag.time.max.ms", broker, &C::replica_lag_time_max),
        duration("replica.fetch.wait.max.ms", broker, &C::replica_fetch_wait_max),
        number("replica.fetch.min.bytes", &C::replica_fetch_min_bytes),
        number("replica.fetch.max.bytes", &C::replica_fetch_max_bytes),
        duration("replica.fetch.backoff.ms", broker, &C::replica_fetch_backoff),
        duration("replica.socket.timeout.ms", broker, &C::replica_socket_timeout),
        duration("replica.high.watermark.checkpoint.interval.ms", broker, &C::high_watermark_checkpoint_interval),
        duration("controller.socket.timeout.ms", broker, &C::controller_socket_timeout),
        // Unset: Kafka's "never", Long.MAX_VALUE.
        {"log.flush.interval.messages",
         [](const C& c) { return std::to_string(c.log_flush_interval_messages.value_or(INT64_MAX)); }},
        {"log.flush.interval.ms",
         [](const C& c) { return in_unit_of("log.flush.interval.ms", broker, c.log_flush_interval.value_or(sim::Duration::max())); }},
        number("offsets.topic.num.partitions", &C::offsets_topic_num_partitions),
        number("offsets.topic.replication.factor", &C::offsets_topic_replication_factor),
        duration("group.initial.rebalance.delay.ms", broker, &C::group_initial_rebalance_delay),
        duration("group.min.session.timeout.ms", broker, &C::group_min_session_timeout),
        duration("group.max.session.timeout.ms", broker, &C::group_max_session_timeout),
    };
}

std::vector<Field<ProducerConfig>> producer_fields() {
    using C = ProducerConfig;
    return {
        {"bootstrap.servers", [](const C& c) { return joined(c.bootstrap_servers); }},
        {"client.id", [](const C& c) { return c.client_id; }},
        {"acks", [](const C& c) { return c.acks == Acks::all ? "all" : c.acks == Acks::leader ? "1" : "0"; }},
        {"enable.idempotence", [](const C& c) { return text(c.idempotence_enabled()); }},
        number("retries", &C::retries),
        number("max.in.flight.requests.per.connection", &C::max_in_flight_requests_per_connection),
        number("batch.size", &C::batch_size_bytes),
        duration("linger.ms", producer, &C::linger),
        duration("delivery.timeout.ms", producer, &C::delivery_timeout),
        duration("request.timeout.ms", producer, &C::request_timeout),
        duration("retry.backoff.ms", producer, &C::retry_backoff),
        duration("reconnect.backoff.ms", producer, &C::reconnect_backoff),
        duration("reconnect.backoff.max.ms", producer, &C::reconnect_backoff_max),
        duration("metadata.max.age.ms", producer, &C::metadata_max_age),
        duration("max.block.ms", producer, &C::max_block),
        number("max.request.size", &C::max_request_size_bytes),
        // The typed names of the era's partitioner for "DefaultPartitioner" and "unset".
        {"partitioner.class",
         [](const C& c) {
             if (c.partitioner == "built-in") return std::string("<null>");
             return c.partitioner == "legacy-default" ? std::string("default") : c.partitioner;
         }},
        flag("partitioner.adaptive.partitioning.enable", &C::partitioner_adaptive),
        duration("partitioner.availability.timeout.ms", producer, &C::partitioner_availability_timeout),
        flag("partitioner.ignore.keys", &C::partitioner_ignore_keys),
        {"key.serializer", [](const C& c) { return std::string(to_string(c.key_serializer)); }},
        {"value.serializer", [](const C& c) { return std::string(to_string(c.value_serializer)); }},
    };
}

std::vector<Field<ConsumerConfig>> consumer_fields() {
    using C = ConsumerConfig;
    return {
        {"bootstrap.servers", [](const C& c) { return joined(c.bootstrap_servers); }},
        {"client.id", [](const C& c) { return c.client_id; }},
        {"group.id", [](const C& c) { return c.group_id.value_or("<null>"); }},
        {"session.timeout.ms", [](const C& c) { return in_unit_of("session.timeout.ms", consumer, c.session_timeout); }},
        duration("heartbeat.interval.ms", consumer, &C::heartbeat_interval),
        duration("max.poll.interval.ms", consumer, &C::max_poll_interval),
        {"partition.assignment.strategy", [](const C& c) { return joined(c.partition_assignment_strategy); }},
        {"enable.auto.commit", [](const C& c) { return text(c.auto_commit_enabled()); }},
        duration("auto.commit.interval.ms", consumer, &C::auto_commit_interval),
        {"auto.offset.reset", [](const C& c) { return std::string(auto_offset_reset_name(c.auto_offset_reset)); }},
        number("max.poll.records", &C::max_poll_records),
        number("fetch.min.bytes", &C::fetch_min_bytes),
        duration("fetch.max.wait.ms", consumer, &C::fetch_max_wait),
        number("fetch.max.bytes", &C::fetch_max_bytes),
        number("max.partition.fetch.bytes", &C::max_partition_fetch_bytes),
        duration("request.timeout.ms", consumer, &C::request_timeout),
        duration("retry.backoff.ms", consumer, &C::retry_backoff),
        duration("reconnect.backoff.ms", consumer, &C::reconnect_backoff),
        duration("reconnect.backoff.max.ms", consumer, &C::reconnect_backoff_max),
        duration("metadata.max.age.ms", consumer, &C::metadata_max_age),
        duration("default.api.timeout.ms", consumer, &C::default_api_timeout),
    };
}

/// Modelled catalog keys that no typed field holds, each with where it is read instead.
const std::set<std::string_view>& read_elsewhere(ConfigScope scope) {
    static const std::set<std::string_view> broker_keys = {
        "zookeeper.connect",                 // the scenario's ensemble (ZooKeeperSpec hosts)
        "listeners",                         // BrokerConfig::port, via listener_port()
        "log.flush.scheduler.interval.ms",   // log.flush.interval.ms's fallback
        "log.retention.ms",                  // topic defaults (with_server_defaults)
        "log.retention.minutes",
        "log.retention.hours",
        "log.retention.bytes",
        "log.cleanup.policy",
    };
    static const std::set<std::string_view> producer_keys;
    static const std::set<std::string_view> consumer_keys = {
        "key.deserializer",    // records are strings; the model reads no other kind
        "value.deserializer",
    };
    return scope == broker ? broker_keys : scope == producer ? producer_keys : consumer_keys;
}

/// The catalog's default of `key` in `era`, written as the typed field is (choices by
/// their canonical names, a null as "<null>").
std::string catalog_default(ConfigScope scope, std::string_view key, KafkaVersion era) {
    Properties nothing_set(scope, era);
    auto value = nothing_set.value_or_default(key);
    if (!value) return "<null>";
    const ConfigDef& def = *find_config(scope, key);
    if (def.choices.empty()) return std::string(trim(*value));
    if (def.type == ConfigType::list) return joined(nothing_set.get_choices(key));
    return nothing_set.get_choice(key);
}

/// Every release at which some default of `scope` changes, and the oldest and newest.
std::set<KafkaVersion> eras_of(ConfigScope scope) {
    std::set<KafkaVersion> eras{oldest_kafka_version, default_kafka_version};
    for (const auto& def : configs_in(scope)) {
        for (const auto& entry : def.defaults) eras.insert(entry.since);
    }
    return eras;
}

template <class Config>
void check_defaults(ConfigScope scope, const std::vector<Field<Config>>& fields) {
    for (KafkaVersion era : eras_of(scope)) {
        Config typed{Properties(scope, era)};
        for (const auto& field : fields) {
            INFO(field.key << " in Kafka " << era.to_string());
            std::string expected = catalog_default(scope, field.key, era);
            // KIP-679 made idempotence the default in 3.0, but 3.0.0 and 3.1.0 never
            // applied it (KAFKA-13598): the one default a release did not honour.
            if (field.key == "enable.idempotence" && (era == KafkaVersion{3, 0, 0} || era == KafkaVersion{3, 1, 0})) {
                expected = "false";
            }
            CHECK(field.text(typed) == expected);
        }
    }
}

template <class Config>
void check_coverage(ConfigScope scope, const std::vector<Field<Config>>& fields) {
    std::set<std::string_view> typed;
    for (const auto& field : fields) {
        INFO(field.key);
        CHECK(find_config(scope, field.key) != nullptr);
        typed.insert(field.key);
    }
    for (const auto& def : configs_in(scope)) {
        if (!def.modelled || read_elsewhere(scope).count(def.name)) continue;
        INFO(def.name << " is modelled but no typed field reads it");
        CHECK(typed.count(def.name) == 1);
    }
}

scenarios::CliProperties one_property(std::string key, std::string value) {
    return {scenarios::CliProperty{std::move(key), std::move(value)}};
}

std::string tool_refusal(ConfigScope scope, std::string key, std::string value) {
    auto read = scenarios::tool_client_properties(one_property(std::move(key), std::move(value)), scope,
                                                  default_kafka_version);
    REQUIRE(std::holds_alternative<std::string>(read));
    return std::get<std::string>(read);
}

}  // namespace

TEST_CASE("a broker with nothing set has the catalog's default in every field, in every era") {
    check_defaults(broker, broker_fields());
    check_coverage(broker, broker_fields());
}

TEST_CASE("a producer with nothing set has the catalog's default in every field, in every era") {
    check_defaults(producer, producer_fields());
    check_coverage(producer, producer_fields());
}

TEST_CASE("a consumer with nothing set has the catalog's default in every field, in every era") {
    check_defaults(consumer, consumer_fields());
    check_coverage(consumer, consumer_fields());
}

TEST_CASE("a default-constructed typed config is the catalog's current release, not a second set of defaults") {
    BrokerConfig broker_now;
    CHECK(broker_now.replica_lag_time_max == 30s);        // 10 s before 2.5 (KIP-537)
    CHECK(broker_now.zookeeper_session_timeout == 18s);   // 6 s before 2.5
    CHECK_FALSE(broker_now.unclean_leader_election_enable);
    CHECK_FALSE(broker_now.isr_expiration_period);
    CHECK_FALSE(broker_now.truncate_to_high_watermark);
    BrokerConfig broker_0_10{Properties(ConfigScope::broker, {0, 10, 0})};
    CHECK(broker_0_10.unclean_leader_election_enable);   // true before 0.11 (KIP-106)
    CHECK(broker_0_10.isr_expiration_period == 10s);      // the lag bound itself before KAFKA-4485
    CHECK(broker_0_10.truncate_to_high_watermark);        // before KIP-101
    CHECK(ConsumerConfig().session_timeout == 45s);
    CHECK(ConsumerConfig::defaults_before_3_0().session_timeout == 10s);
    CHECK(ProducerConfig().acks == Acks::all);
    CHECK(ProducerConfig::pre_3_0().acks == Acks::leader);
}

TEST_CASE("a bad number is refused in the same words for the broker, the producer and the consumer") {
    // Scenario properties: the catalog's sentence, whichever client or server holds the key.
    CHECK(*check_entry(broker, "replica.fetch.wait.max.ms", "soon") ==
          "replica.fetch.wait.max.ms must be an int of at least 0; found 'soon'");
    CHECK(*check_entry(producer, "request.timeout.ms", "soon") ==
          "request.timeout.ms must be an int of at least 0; found 'soon'");
    CHECK(*check_entry(consumer, "request.timeout.ms", "soon") ==
          "request.timeout.ms must be an int of at least 0; found 'soon'");
    // Kafka's tools: ConfigException's words, from the same rules, for topic configs,
    // --producer-property and --consumer-property alike.
    CHECK(*invalid_topic_config("min.insync.replicas", "soon") ==
          "Invalid value soon for configuration min.insync.replicas: Not a number of type INT");
    CHECK(tool_refusal(producer, "request.timeout.ms", "soon") ==
          "Invalid value soon for configuration request.timeout.ms: Not a number of type INT");
    CHECK(tool_refusal(consumer, "request.timeout.ms", "soon") ==
          "Invalid value soon for configuration request.timeout.ms: Not a number of type INT");
    CHECK(tool_refusal(consumer, "max.poll.records", "0") ==
          "Invalid value 0 for configuration max.poll.records: Value must be at least 1");
}

TEST_CASE("what one path accepts every path accepts: a value is read by the catalog's rules, not a path's own") {
    // Kafka trims blanks and reads booleans in any case (ConfigDef.parseType); the typed
    // config sees the same value through a scenario's properties and through a tool.
    Properties scenario(consumer);
    scenario.set("enable.auto.commit", "FALSE");
    scenario.set("session.timeout.ms", " 12000 ");
    CHECK(validate(scenario).empty());
    auto tool = scenarios::tool_client_properties(
        {{"enable.auto.commit", "FALSE"}, {"session.timeout.ms", " 12000 "}}, consumer, default_kafka_version);
    REQUIRE(std::holds_alternative<Properties>(tool));
    for (const auto& config : {ConsumerConfig(scenario), ConsumerConfig(std::get<Properties>(tool))}) {
        CHECK(config.session_timeout == 12s);
        CHECK_FALSE(config.auto_commit_enabled());
    }
    // A value a scenario refuses, a tool refuses too.
    CHECK(check_entry(consumer, "enable.auto.commit", "yes").has_value());
    CHECK(tool_refusal(consumer, "enable.auto.commit", "yes") ==
          "Invalid value yes for configuration enable.auto.commit: Expected value to be either true or false");
}

TEST_CASE("kafka-console-consumer refuses a bad --consumer-property as Kafka's tool does") {
    auto parsed = scenarios::parse_cli_command(
        "kafka-console-consumer --bootstrap-server localhost:9092 --topic t --consumer-property fetch.min.bytes=lots");
    REQUIRE(static_cast<bool>(parsed));
    const auto& command = std::get<scenarios::ConsoleConsumerCommand>(*parsed.command);
    auto read = scenarios::tool_client_properties(scenarios::console_consumer_properties(command), consumer,
                                                  default_kafka_version);
    REQUIRE(std::holds_alternative<std::string>(read));
    CHECK(std::get<std::string>(read) == "Invalid value lots for configuration fetch.min.bytes: Not a number of type INT");
}
