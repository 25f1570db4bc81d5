#pragma once
// A broker's server.properties, typed, with Kafka 3.6's names (in comments) and
// defaults. Scenarios fill it from their properties; the era setting of a scenario
// swaps in older defaults where a lesson needs them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/common/types.h"
#include "sim/time.h"

namespace kafkalab::kafka {

using namespace std::chrono_literals;

struct BrokerConfig {
    BrokerId broker_id{1};                                // broker.id
    std::string rack;                                     // broker.rack
    std::int32_t port = 9092;                             // from listeners=PLAINTEXT://:9092
    std::vector<std::string> zookeeper_connect;           // zookeeper.connect, as host names
    sim::Duration zookeeper_session_timeout = 18s;        // zookeeper.session.timeout.ms (6 s before 2.5)

    std::int32_t num_partitions = 1;                      // num.partitions
    std::int16_t default_replication_factor = 1;          // default.replication.factor
    std::int32_t min_insync_replicas = 1;                 // min.insync.replicas
    bool unclean_leader_election_enable = false;          // unclean.leader.election.enable (true before 0.11)
    bool auto_create_topics_enable = true;                // auto.create.topics.enable
    bool delete_topic_enable = true;                      // delete.topic.enable
    bool controlled_shutdown_enable = true;               // controlled.shutdown.enable

    sim::Duration replica_lag_time_max = 30s;             // replica.lag.time.max.ms (10 s before 2.5)
    /// How often the leader looks for followers to drop from the ISR (ReplicaManager's
    /// "isr-expiration" task): unset is replica.lag.time.max.ms / 2, as from Kafka
    /// 0.10.2 (KAFKA-4485); before, the period was replica.lag.time.max.ms itself.
    std::optional<sim::Duration> isr_expiration_period;
    sim::Duration replica_fetch_wait_max = 500ms;         // replica.fetch.wait.max.ms
    std::int32_t replica_fetch_min_bytes = 1;             // replica.fetch.min.bytes
    std::int32_t replica_fetch_max_bytes = 1'048'576;     // replica.fetch.max.bytes
    sim::Duration replica_fetch_backoff = 1s;             // replica.fetch.backoff.ms
    sim::Duration replica_socket_timeout = 30s;           // replica.socket.timeout.ms
    sim::Duration high_watermark_checkpoint_interval = 5s;  // replica.high.watermark.checkpoint.interval.ms
    sim::Duration controller_socket_timeout = 30s;        // controller.socket.timeout.ms

    std::optional<std::int64_t> log_flush_interval_messages;  // log.flush.interval.messages (never)
    std::optional<sim::Duration> log_flush_interval;           // log.flush.interval.ms (never)

    std::int32_t offsets_topic_num_partitions = 50;       // offsets.topic.num.partitions
    std::int16_t offsets_topic_replication_factor = 3;    // offsets.topic.replication.factor
    sim::Duration group_initial_rebalance_delay = 3s;     // group.initial.rebalance.delay.ms
    sim::Duration group_min_session_timeout = 6s;         // group.min.session.timeout.ms
    sim::Duration group_max_session_timeout = 30min;      // group.max.session.timeout.ms

    /// Followers truncate to their high watermark when they start following, as Kafka
    /// did before KIP-101 (0.11). Off by default; a lesson turns it on to show why
    /// leader epochs were introduced.
    bool truncate_to_high_watermark = false;
};

}  // namespace kafkalab::kafka
