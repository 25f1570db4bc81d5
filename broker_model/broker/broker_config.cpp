#include "broker_model/broker/broker_config.h"

#include <limits>

#include "broker_model/config/listener_port.h"

namespace kafkalab::kafka {
namespace {

/// Kafka spells "never" as Long.MAX_VALUE for the flush settings.
bool is_never(std::int64_t value) { return value <= 0 || value >= std::numeric_limits<std::int64_t>::max() / 2; }

std::int16_t get_short(const Properties& p, std::string_view key) { return static_cast<std::int16_t>(p.get_int(key)); }

std::optional<sim::Duration> flush_interval(const Properties& p) {
    if (!p.value_or_default("log.flush.interval.ms")) return std::nullopt;
    sim::Duration every = p.get_duration("log.flush.interval.ms");
    if (every.count() <= 0 || every >= sim::Duration::max() / 2) return std::nullopt;
    return every;
}

}  // namespace

BrokerConfig::BrokerConfig() : BrokerConfig(Properties(ConfigScope::broker)) {}

BrokerConfig::BrokerConfig(const Properties& p)
    : broker_id{p.get_int("broker.id")},
      rack(p.get_string("broker.rack")),
      port(listener_port(p)),
      zookeeper_session_timeout(p.get_duration("zookeeper.session.timeout.ms")),
      num_partitions(p.get_int("num.partitions")),
      default_replication_factor(get_short(p, "default.replication.factor")),
      min_insync_replicas(p.get_int("min.insync.replicas")),
      unclean_leader_election_enable(p.get_bool("unclean.leader.election.enable")),
      auto_create_topics_enable(p.get_bool("auto.create.topics.enable")),
      delete_topic_enable(p.get_bool("delete.topic.enable")),
      controlled_shutdown_enable(p.get_bool("controlled.shutdown.enable")),
      replica_lag_time_max(p.get_duration("replica.lag.time.max.ms")),
      replica_fetch_wait_max(p.get_duration("replica.fetch.wait.max.ms")),
      replica_fetch_min_bytes(p.get_int("replica.fetch.min.bytes")),
      replica_fetch_max_bytes(p.get_int("replica.fetch.max.bytes")),
      replica_fetch_backoff(p.get_duration("replica.fetch.backoff.ms")),
      replica_socket_timeout(p.get_duration("replica.socket.timeout.ms")),
      high_watermark_checkpoint_interval(p.get_duration("replica.high.watermark.checkpoint.interval.ms")),
      controller_socket_timeout(p.get_duration("controller.socket.timeout.ms")),
      log_flush_interval(flush_interval(p)),
      offsets_topic_num_partitions(p.get_int("offsets.topic.num.partitions")),
      offsets_topic_replication_factor(get_short(p, "offsets.topic.replication.factor")),
      group_initial_rebalance_delay(p.get_duration("group.initial.rebalance.delay.ms")),
      group_min_session_timeout(p.get_duration("group.min.session.timeout.ms")),
      group_max_session_timeout(p.get_duration("group.max.session.timeout.ms")),
      // Before KIP-101 (Kafka 0.11) a new follower truncated to its high watermark.
      truncate_to_high_watermark(p.era() < KafkaVersion{0, 11, 0}) {
    // KAFKA-4485 (0.10.2) halved the ISR check period; before, it was the lag bound itself.
    if (p.era() < KafkaVersion{0, 10, 2}) isr_expiration_period = replica_lag_time_max;
    if (std::int64_t every = p.get_long("log.flush.interval.messages"); !is_never(every)) {
        log_flush_interval_messages = every;
    }
}

}  // namespace kafkalab::kafka
