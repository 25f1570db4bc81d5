#pragma once
// A producer's configuration (org.apache.kafka.clients.producer.ProducerConfig, an
// AbstractConfig), typed. Every field is read from a validated Properties through the
// catalog's getters (broker_model/config/producer_configs.cpp holds the names, types
// and the default of every era); no default is written here.
//
// Eras: Kafka 3.0 changed two defaults that decide what a crash does to a producer's
// records (KIP-679): acks 1 -> all and enable.idempotence false -> true. A Properties
// of an older era gives the older ones; pre_3_0() is the 2.x client.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "broker_model/client/producer_serializer.h"
#include "broker_model/common/types.h"
#include "broker_model/config/properties.h"
#include "sim/time.h"

namespace kafkalab::kafka {

using namespace std::chrono_literals;

struct ProducerConfig {
    /// Nothing set: every field is the catalog's default for default_kafka_version.
    ProducerConfig();
    /// Every field from `producer` (scope producer), which validate() has accepted; keys
    /// it leaves unset take the catalog's default for its era.
    explicit ProducerConfig(const Properties& producer);

    /// bootstrap.servers, as host names ("broker-1"). Empty: nothing to ask, no sends.
    std::vector<std::string> bootstrap_servers;
    /// client.id; empty means the node's name.
    std::string client_id;
    /// acks: 0 (no response at all), 1 (the leader's append), all (the whole ISR).
    Acks acks;
    /// enable.idempotence. Unset (nullopt) where the era's default is on (3.2+): on,
    /// unless acks, retries or max.in.flight.requests.per.connection conflict with it,
    /// in which case Kafka (KAFKA-13673) quietly leaves it off. Set explicitly, a
    /// conflict is an error. False where the era's default is off.
    std::optional<bool> enable_idempotence;
    /// retries: how often a batch is re-sent; delivery.timeout.ms bounds it anyway.
    std::int32_t retries;
    /// max.in.flight.requests.per.connection. With idempotence at most 5, the number
    /// of batches a broker remembers per producer (ProducerStateEntry).
    std::int32_t max_in_flight_requests_per_connection;
    /// batch.size: bytes of one partition's batch before it counts as full.
    std::int32_t batch_size_bytes;
    /// linger.ms: how long a batch that is not full waits for more records.
    sim::Duration linger;
    /// delivery.timeout.ms (KIP-91): the bound on a record's whole life, from send()
    /// to its outcome, retries included. Must be >= linger.ms + request.timeout.ms.
    sim::Duration delivery_timeout;
    /// request.timeout.ms: how long one request waits for its answer; also the
    /// ProduceRequest's timeout, how long acks=all may wait on the broker.
    sim::Duration request_timeout;
    /// retry.backoff.ms: the pause before a batch is re-sent and metadata is re-asked.
    sim::Duration retry_backoff;
    /// reconnect.backoff.ms and reconnect.backoff.max.ms: the wait before a new connection
    /// to a broker whose connection broke, doubling per failure in a row up to the max
    /// (ClusterConnectionStates).
    sim::Duration reconnect_backoff;
    sim::Duration reconnect_backoff_max;
    /// metadata.max.age.ms: metadata is refreshed this often even without errors.
    sim::Duration metadata_max_age;
    /// max.block.ms: how long send() may wait for a topic's metadata before the
    /// record fails (Kafka blocks the caller; here the record waits in the producer).
    sim::Duration max_block;
    /// max.request.size: the largest ProduceRequest, and so the largest record.
    std::int32_t max_request_size_bytes;
    /// partitioner.class, as a name make_partitioner() knows: "built-in" (unset, Kafka
    /// 3.3+, KIP-794), "default" (2.4 to 3.2: sticky, KIP-480), "legacy-default" (before
    /// 2.4: round-robin), "sticky", "round-robin", "random", "explicit:<n>", or a Kafka
    /// class name.
    std::string partitioner;
    /// partitioner.adaptive.partitioning.enable (built-in only): draw the next sticky
    /// partition weighted by how short each partition's queue is.
    bool partitioner_adaptive;
    /// partitioner.availability.timeout.ms (built-in only): a partition whose leader has
    /// had data waiting longer than this is skipped; 0 turns the check off.
    sim::Duration partitioner_availability_timeout;
    /// partitioner.ignore.keys (built-in only): keyed records are spread as if keyless.
    bool partitioner_ignore_keys;
    /// key.serializer / value.serializer. Keys and values are strings here; the
    /// serializer decides their bytes, which a key's partition is computed from.
    Serializer key_serializer;
    Serializer value_serializer;

    /// The catalog's defaults of a 2.x client: acks=1, enable.idempotence=false, and
    /// DefaultPartitioner's sticky batches.
    static ProducerConfig pre_3_0();

    /// Whether this producer numbers its batches for the broker to deduplicate.
    bool idempotence_enabled() const;
    /// Kafka's ConfigException checks, as readable sentences; empty when valid.
    std::vector<std::string> problems() const;
    /// Throws std::invalid_argument with the first problem, if any.
    void validate() const;
};

}  // namespace kafkalab::kafka
