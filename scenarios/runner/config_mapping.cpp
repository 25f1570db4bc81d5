#include "scenarios/runner/config_mapping.h"

#include <limits>

namespace kafkalab::scenarios {
namespace {

/// Kafka spells "never" as Long.MAX_VALUE for the flush settings.
bool is_never(std::int64_t value) { return value <= 0 || value >= std::numeric_limits<std::int64_t>::max() / 2; }

std::int16_t short_value(const kafka::Properties& p, std::string_view key) {
    return static_cast<std::int16_t>(p.get_int(key));
}

std::string schedule_text(const Schedule& s) {
    std::string per = sim::format_duration(s.per);
    switch (s.kind) {
        case ScheduleKind::every: return "every " + per;
        case ScheduleKind::rate: return std::to_string(s.records) + "/" + per;
        case ScheduleKind::poisson: return "poisson " + std::to_string(s.records) + "/" + per;
        case ScheduleKind::burst: return "burst " + std::to_string(s.records) + " every " + per;
    }
    return "every 1s";
}

std::string value_text(const ValueSpec& v) {
    switch (v.kind) {
        case ValueKind::sequence: return "sequence";
        case ValueKind::fake_user_registration: return "fake-user-registration";
        case ValueKind::fixed: return "fixed:" + v.text;
        case ValueKind::random_bytes: return "random-bytes:" + std::to_string(v.size_bytes);
    }
    return "sequence";
}

}  // namespace

kafka::BrokerConfig broker_config(const BrokerSpec& broker, const ZooKeeperSpec& zookeeper) {
    const kafka::Properties& p = broker.properties;
    kafka::BrokerConfig c;
    c.broker_id = broker.id;
    c.rack = broker.rack;
    c.port = broker.port;
    c.zookeeper_connect = zookeeper.hosts;
    c.zookeeper_session_timeout = p.get_duration("zookeeper.session.timeout.ms");
    c.num_partitions = p.get_int("num.partitions");
    c.default_replication_factor = short_value(p, "default.replication.factor");
    c.min_insync_replicas = p.get_int("min.insync.replicas");
    c.unclean_leader_election_enable = p.get_bool("unclean.leader.election.enable");
    c.auto_create_topics_enable = p.get_bool("auto.create.topics.enable");
    c.delete_topic_enable = p.get_bool("delete.topic.enable");
    c.controlled_shutdown_enable = p.get_bool("controlled.shutdown.enable");
    c.replica_lag_time_max = p.get_duration("replica.lag.time.max.ms");
    // KAFKA-4485 (0.10.2) halved the ISR check period; before, it was the lag bound itself.
    if (p.era() < kafka::KafkaVersion{0, 10, 2}) c.isr_expiration_period = c.replica_lag_time_max;
    c.replica_fetch_wait_max = p.get_duration("replica.fetch.wait.max.ms");
    c.replica_fetch_min_bytes = p.get_int("replica.fetch.min.bytes");
    c.replica_fetch_max_bytes = p.get_int("replica.fetch.max.bytes");
    c.high_watermark_checkpoint_interval = p.get_duration("replica.high.watermark.checkpoint.interval.ms");
    if (std::int64_t every = p.get_long("log.flush.interval.messages"); !is_never(every)) {
        c.log_flush_interval_messages = every;
    }
    if (auto flush_ms = p.value_or_default("log.flush.interval.ms")) {
        sim::Duration every = p.get_duration("log.flush.interval.ms");
        if (every.count() > 0 && every < sim::Duration::max() / 2) c.log_flush_interval = every;
    }
    c.offsets_topic_num_partitions = p.get_int("offsets.topic.num.partitions");
    c.offsets_topic_replication_factor = short_value(p, "offsets.topic.replication.factor");
    c.group_initial_rebalance_delay = p.get_duration("group.initial.rebalance.delay.ms");
    c.group_min_session_timeout = p.get_duration("group.min.session.timeout.ms");
    c.group_max_session_timeout = p.get_duration("group.max.session.timeout.ms");
    // Before KIP-101 (Kafka 0.11) a new follower truncated to its high watermark.
    c.truncate_to_high_watermark = broker.properties.era() < kafka::KafkaVersion{0, 11, 0};
    return c;
}

kafka::ProducerConfig producer_config(const ProducerSpec& producer) {
    const kafka::Properties& p = producer.properties;
    kafka::ProducerConfig c;
    for (const auto& server : producer.bootstrap_servers) c.bootstrap_servers.push_back(server.host);
    c.client_id = p.get_string("client.id");  // unset: Kafka's default, producer-1 (producer.cpp)
    std::string acks = p.get_choice("acks");
    c.acks = acks == "all" ? kafka::Acks::all : acks == "1" ? kafka::Acks::leader : kafka::Acks::none;
    if (p.contains("enable.idempotence")) {
        c.enable_idempotence = p.get_bool("enable.idempotence");
    } else {
        c.enable_idempotence = p.get_bool("enable.idempotence") && c.acks == kafka::Acks::all;
    }
    c.retries = p.get_int("retries");
    c.max_in_flight_requests_per_connection = p.get_int("max.in.flight.requests.per.connection");
    c.batch_size_bytes = p.get_int("batch.size");
    c.linger = p.get_duration("linger.ms");
    c.delivery_timeout = p.get_duration("delivery.timeout.ms");
    c.request_timeout = p.get_duration("request.timeout.ms");
    c.retry_backoff = p.get_duration("retry.backoff.ms");
    c.reconnect_backoff = p.get_duration("reconnect.backoff.ms");
    c.reconnect_backoff_max = p.get_duration("reconnect.backoff.max.ms");
    c.metadata_max_age = p.get_duration("metadata.max.age.ms");
    // partitioner.class by era: unset from 3.3 is the built-in partitioner (KIP-794);
    // DefaultPartitioner spread records without a key round-robin before 2.4.
    if (!p.value_or_default("partitioner.class")) {
        c.partitioner = "built-in";
    } else {
        c.partitioner = p.get_choice("partitioner.class");
        if (c.partitioner == "default" && p.era() < kafka::KafkaVersion{2, 4, 0}) c.partitioner = "legacy-default";
    }
    if (p.era() >= kafka::KafkaVersion{3, 3, 0}) {
        c.partitioner_adaptive = p.get_bool("partitioner.adaptive.partitioning.enable");
        c.partitioner_availability_timeout = p.get_duration("partitioner.availability.timeout.ms");
        c.partitioner_ignore_keys = p.get_bool("partitioner.ignore.keys");
    }
    c.key_serializer = kafka::parse_serializer(p.get_choice("key.serializer")).value_or(kafka::Serializer::string);
    c.value_serializer = kafka::parse_serializer(p.get_choice("value.serializer")).value_or(kafka::Serializer::string);
    return c;
}

kafka::ProducerWorkload producer_workload(const ProducerSpec& producer, sim::Time scenario_start,
                                          sim::Duration run_duration) {
    kafka::ProducerWorkload w;
    w.topic = producer.topic;
    w.schedule = schedule_text(producer.schedule);
    w.value = value_text(producer.value);
    switch (producer.key.kind) {
        case KeyKind::none: w.key_mode = kafka::WorkloadKeyMode::none; break;
        case KeyKind::fixed: w.key_mode = kafka::WorkloadKeyMode::fixed; break;
        case KeyKind::sequence: w.key_mode = kafka::WorkloadKeyMode::sequence; break;
        case KeyKind::cycle: w.key_mode = kafka::WorkloadKeyMode::cycle; break;
    }
    w.keys = producer.key.values;
    w.key_prefix = "";  // the scenario language's sequence keys are "0", "1", ...
    w.partition = producer.partition;
    if (producer.count) w.record_limit = static_cast<std::uint64_t>(*producer.count);
    // start and stop are scenario times, like every other time in the file.
    w.start = scenario_start + producer.start;
    w.stop = scenario_start + (producer.stop.count() > 0 ? producer.stop : run_duration);
    return w;
}

}  // namespace kafkalab::scenarios
