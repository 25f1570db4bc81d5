#include "bench/bench_cluster.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "broker_model/broker/broker.h"
#include "broker_model/client/producer.h"
#include "broker_model/common/host_names.h"
#include "broker_model/group/group_coordinator_hook.h"
#include "broker_model/protocol/admin_requests.h"
#include "broker_model/zookeeper/ensemble.h"

namespace kafkalab::bench {

using namespace std::chrono_literals;

void start_three_broker_cluster(sim::Simulation& sim, const std::string& topic, int partitions) {
    kafka::zk::Ensemble::add_to(sim, 1);
    std::vector<sim::NodeIndex> brokers;
    for (int id = 1; id <= 3; ++id) {
        kafka::BrokerConfig config;
        config.broker_id = kafka::BrokerId{id};
        config.zookeeper_connect = {"zk-1"};
        brokers.push_back(sim.add_node(kafka::broker_host(kafka::BrokerId{id}), [config](sim::NodeContext& c) {
            return std::make_unique<kafka::Broker>(c, config, kafka::group_coordinator_hook());
        }));
    }
    sim.run_for(5s);
    sim::NodeIndex controller = sim::no_node;
    for (auto b : brokers) {
        if (sim.node_as<kafka::Broker>(b)->is_controller()) controller = b;
    }
    if (controller == sim::no_node) {
        std::fprintf(stderr, "bench: no controller was elected in 5 s\n");
        std::exit(1);
    }
    auto create = std::make_shared<kafka::CreateTopicsRequest>();
    create->topics.push_back({topic, partitions, 3, {}, {}});
    sim.context(brokers[0]).send(controller, create);
    sim.run_for(2s);
}

void add_bench_producer(sim::Simulation& sim, kafka::SendLedger& ledger, const std::string& topic,
                        std::int64_t records, const std::string& value) {
    kafka::ProducerConfig producer;
    producer.bootstrap_servers = {"broker-1"};
    producer.acks = kafka::Acks::all;
    producer.linger = 5ms;
    producer.batch_size_bytes = 1 << 20;
    kafka::ProducerWorkload workload;
    workload.topic = topic;
    workload.schedule = "burst 2000 every 1ms";
    // By default the peer's payload, so both run the same job: random bytes would add
    // their generation (about 75 ns a record), the workload's cost rather than Kafka's.
    workload.value = value;
    workload.record_limit = static_cast<std::uint64_t>(records);
    kafka::add_producer(sim, "producer", producer, ledger, workload);
}

}  // namespace kafkalab::bench
