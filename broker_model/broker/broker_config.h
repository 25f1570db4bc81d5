#pragma once
// A broker's server.properties, typed, as Kafka's KafkaConfig (an AbstractConfig) hands
// them to the broker. Every field is read from a validated Properties through the
// catalog's getters (broker_model/config/broker_configs.cpp holds the names, types and
// the default of every era); no default is written here. A default-constructed
// BrokerConfig is a server.properties with nothing set, in Kafka 3.6's ZooKeeper mode.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/common/types.h"
#include "broker_model/config/properties.h"
#include "sim/time.h"

namespace kafkalab::kafka {

using namespace std::chrono_literals;

struct BrokerConfig {
    /// Nothing set: every field is the catalog's default for default_kafka_version.
    BrokerConfig();
    /// Every field from `server` (scope broker), which validate() has accepted; keys it
    /// leaves unset take the catalog's default for its era.
    explicit BrokerConfig(const Properties& server);

    BrokerId broker_id;                                  // broker.id
    std::string rack;                                    // broker.rack
    std::int32_t port;                                   // the port of listeners' first entry
    std::vector<std::string> zookeeper_connect;          // zookeeper.connect, as host names
    sim::Duration zookeeper_session_timeout;             // zookeeper.session.timeout.ms

    std::int32_t num_partitions;                         // num.partitions
    std::int16_t default_replication_factor;             // default.replication.factor
    std::int32_t min_insync_replicas;                    // min.insync.replicas
    bool unclean_leader_election_enable;                 // unclean.leader.election.enable
    bool auto_create_topics_enable;                      // auto.create.topics.enable
    bool delete_topic_enable;                            // delete.topic.enable
    bool controlled_shutdown_enable;                     // controlled.shutdown.enable

    sim::Duration replica_lag_time_max;                  // replica.lag.time.max.ms
    /// How often the leader looks for followers to drop from the ISR (ReplicaManager's
    /// "isr-expiration" task): unset is replica.lag.time.max.ms / 2, as from Kafka
    /// 0.10.2 (KAFKA-4485); before, the period was replica.lag.time.max.ms itself.
    std::optional<sim::Duration> isr_expiration_period;
    sim::Duration replica_fetch_wait_max;                // replica.fetch.wait.max.ms
    std::int32_t replica_fetch_min_bytes;                // replica.fetch.min.bytes
    std::int32_t replica_fetch_max_bytes;                // replica.fetch.max.bytes
    sim::Duration replica_fetch_backoff;                 // replica.fetch.backoff.ms
    sim::Duration replica_socket_timeout;                // replica.socket.timeout.ms
    sim::Duration high_watermark_checkpoint_interval;    // replica.high.watermark.checkpoint.interval.ms
    sim::Duration controller_socket_timeout;             // controller.socket.timeout.ms

    /// log.flush.interval.messages and log.flush.interval.ms; nothing is Kafka's
    /// "never" (Long.MAX_VALUE, the default).
    std::optional<std::int64_t> log_flush_interval_messages;
    std::optional<sim::Duration> log_flush_interval;

    std::int32_t offsets_topic_num_partitions;           // offsets.topic.num.partitions
    std::int16_t offsets_topic_replication_factor;       // offsets.topic.replication.factor
    sim::Duration group_initial_rebalance_delay;         // group.initial.rebalance.delay.ms
    sim::Duration group_min_session_timeout;             // group.min.session.timeout.ms
    sim::Duration group_max_session_timeout;             // group.max.session.timeout.ms

    /// Followers truncate to their high watermark when they start following, as Kafka
    /// did before KIP-101 (0.11): on for an older era, so a lesson can show why leader
    /// epochs were introduced.
    bool truncate_to_high_watermark;
};

}  // namespace kafkalab::kafka
