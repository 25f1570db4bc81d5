#pragma once
// The cluster the Kafka workloads of bench/ run on: one ZooKeeper server and three
// brokers, with a topic created through the controller and given time to settle.
#include <cstdint>
#include <string>

#include "broker_model/client/send_ledger.h"
#include "sim/simulation.h"

namespace kafkalab::bench {

/// Adds zk-1 and broker-1..3 to `sim`, waits for a controller, creates `topic` with
/// `partitions` partitions and replication factor 3, and waits for its leaders.
void start_three_broker_cluster(sim::Simulation& sim, const std::string& topic, int partitions);

/// The payload of the librdkafka peer (peers/rdkafka_mock_produce.cpp): 100 bytes of 'x'.
inline std::string peer_payload() { return "fixed:" + std::string(100, 'x'); }

/// Adds the real Producer node "producer" the Kafka workloads use: acks=all,
/// linger.ms=5, batch.size 1 MiB, `records` values of 100 bytes (the payload the
/// librdkafka peer sends) to `topic`, 2,000 records every simulated millisecond.
/// `value` is a value generator's name, for runs that want another payload.
void add_bench_producer(sim::Simulation& sim, kafka::SendLedger& ledger, const std::string& topic,
                        std::int64_t records, const std::string& value = peer_payload());

}  // namespace kafkalab::bench
