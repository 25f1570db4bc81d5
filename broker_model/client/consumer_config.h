#pragma once
// A consumer's configuration (org.apache.kafka.clients.consumer.ConsumerConfig, an
// AbstractConfig), typed. Every field is read from a validated Properties through the
// catalog's getters (broker_model/config/consumer_configs.cpp holds the names, types
// and the default of every era); no default is written here. Durations are durations
// here; on the wire they become the milliseconds Kafka sends.
//
// Eras: a Properties of an older era gives what that client used, where a lesson's
// timing depends on it (session.timeout.ms 10 s before KIP-735; only the range
// assignor before 3.0); defaults_before_3_0() is the 2.x client.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "broker_model/config/properties.h"
#include "sim/time.h"

namespace kafkalab::kafka {

/// auto.offset.reset: where to start a partition that has no committed offset (or whose
/// position fell out of the log).
enum class AutoOffsetReset : std::uint8_t { earliest, latest, none };

/// "earliest", "latest", "none".
const char* auto_offset_reset_name(AutoOffsetReset reset);
std::optional<AutoOffsetReset> parse_auto_offset_reset(std::string_view text);

struct ConsumerConfig {
    /// Nothing set: every field is the catalog's default for default_kafka_version.
    ConsumerConfig();
    /// Every field from `consumer` (scope consumer), which validate() has accepted;
    /// keys it leaves unset take the catalog's default for its era.
    explicit ConsumerConfig(const Properties& consumer);

    /// bootstrap.servers, as host names of the simulated network ("broker-1").
    std::vector<std::string> bootstrap_servers;
    /// client.id; empty means the node's name.
    std::string client_id;
    /// group.id. Without one the Java client has no group: it may only assign()
    /// partitions and never commits. See random_group_id.
    std::optional<std::string> group_id;
    /// What kafka-console-consumer does when no group is given (and what the beginner's
    /// notes mean by "a consumer always belongs to a group"): the tool, not the client,
    /// picks group.id = "console-consumer-<0..99999>" at random. The Java client itself
    /// would run without a group, so this is an explicit option. The number is drawn
    /// from the node's seeded random stream when the node starts.
    bool random_group_id = false;  // not a Kafka key: the tool's choice
    /// auto.offset.reset (default latest; "from beginning" is earliest).
    AutoOffsetReset auto_offset_reset;
    /// enable.auto.commit. Unset means true, except for a generated console-consumer
    /// group, where the tool turns it off unless the user set it (its offsets are not
    /// meant to be used again). Read it through auto_commit_enabled().
    std::optional<bool> enable_auto_commit;
    /// auto.commit.interval.ms.
    sim::Duration auto_commit_interval;
    /// max.poll.records: the most records one poll() returns.
    std::int32_t max_poll_records;
    /// fetch.min.bytes: the broker holds a fetch until this much data is there...
    std::int32_t fetch_min_bytes;
    /// fetch.max.wait.ms: ...or this long has passed.
    sim::Duration fetch_max_wait;
    /// fetch.max.bytes: the most bytes one fetch response carries.
    std::int32_t fetch_max_bytes;
    /// max.partition.fetch.bytes: the most bytes per partition in one fetch response.
    std::int32_t max_partition_fetch_bytes;
    /// session.timeout.ms: the coordinator drops a member it has not heard a heartbeat
    /// from for this long (45 s from 3.0, KIP-735; 10 s before).
    sim::Duration session_timeout;
    /// heartbeat.interval.ms.
    sim::Duration heartbeat_interval;
    /// max.poll.interval.ms: the longest the application may go between two polls
    /// before the consumer leaves its group (KIP-62); also the rebalance timeout.
    sim::Duration max_poll_interval;
    /// partition.assignment.strategy, in order of preference, by protocol name
    /// ("range", "roundrobin", "cooperative-sticky") or Kafka class name.
    std::vector<std::string> partition_assignment_strategy;
    /// request.timeout.ms.
    sim::Duration request_timeout;
    /// retry.backoff.ms.
    sim::Duration retry_backoff;
    /// reconnect.backoff.ms and reconnect.backoff.max.ms (ClusterConnectionStates).
    sim::Duration reconnect_backoff;
    sim::Duration reconnect_backoff_max;
    /// metadata.max.age.ms.
    sim::Duration metadata_max_age;
    /// default.api.timeout.ms: how long commitSync and close wait at most.
    sim::Duration default_api_timeout;

    /// The catalog's defaults of a 2.x client: session.timeout.ms 10 s, only the range
    /// assignor.
    static ConsumerConfig defaults_before_3_0();

    /// enable.auto.commit as it applies to this consumer (see enable_auto_commit).
    bool auto_commit_enabled() const { return enable_auto_commit.value_or(!random_group_id || group_id.has_value()); }

    /// Problems Kafka would refuse at construction, one sentence each: an unknown
    /// assignor, assignors with no common rebalance protocol, heartbeat.interval.ms not
    /// below session.timeout.ms, max.poll.records below 1. Empty when valid.
    std::vector<std::string> validate() const;
};

/// The group id kafka-console-consumer generates: "console-consumer-" and a number in
/// [0, 100000), printed without padding.
std::string console_consumer_group_id(std::uint64_t number);

}  // namespace kafkalab::kafka
