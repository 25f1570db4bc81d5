#pragma once
// From a scenario's Kafka properties (validated by the spec loader, with the era's
// defaults) to the typed configs the broker and client models run with: each typed
// config reads its properties itself (BrokerConfig(Properties) and its kin); this adds
// what the scenario says outside properties (broker ids, resolved bootstrap hosts).
#include "broker_model/broker/broker_config.h"
#include "broker_model/client/consumer_config.h"
#include "broker_model/client/producer_config.h"
#include "broker_model/client/producer_workload.h"
#include "scenarios/spec/scenario.h"

namespace kafkalab::scenarios {

kafka::BrokerConfig broker_config(const BrokerSpec& broker, const ZooKeeperSpec& zookeeper);
kafka::ProducerConfig producer_config(const ProducerSpec& producer);
kafka::ConsumerConfig consumer_config(const ConsumerSpec& consumer);
/// `start`/`stop` of the spec count from `scenario_start` (scenario time 0).
kafka::ProducerWorkload producer_workload(const ProducerSpec& producer, sim::Time scenario_start,
                                          sim::Duration run_duration);

}  // namespace kafkalab::scenarios
