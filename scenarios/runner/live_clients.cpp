// Clients of the scenario file, added at the start of the run or, from the viewer,
// while it runs. Either way a client's `start` is a scenario time, so a client added
// at 12s and one written with `start: 12s` begin sending or polling at the same moment.
#include <algorithm>

#include "broker_model/client/consumer.h"
#include "broker_model/client/producer.h"
#include "scenarios/runner/config_mapping.h"
#include "scenarios/runner/scenario_run.h"

namespace kafkalab::scenarios {

void ScenarioRun::add_producer(const ProducerSpec& producer) {
    const kafka::ProducerConfig config = producer_config(producer);
    loss_evidence_.note_producer(producer.name, config.acks);
    kafka::add_producer(sim_, producer.name, config, ledger_, producer_workload(producer, start_, end()));
}

void ScenarioRun::add_consumer(const ConsumerSpec& consumer, const std::string& switch_name) {
    kafka::ConsumerOptions options;
    options.config = consumer_config(consumer);
    options.topics = consumer.topics;
    options.partitions = consumer.assign;
    options.workload.processing_per_record = consumer.processing_per_record;
    // The node's start delay counts from when it is added.
    options.workload.start_delay = std::max(sim::Duration{0}, consumer.start - now());
    options.log = consumption_;
    sim_.add_node(consumer.name, kafka::Consumer::factory(options), switch_name);
}

}  // namespace kafkalab::scenarios
