#include "scenarios/runner/config_mapping.h"

namespace kafkalab::scenarios {
namespace {

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
    kafka::BrokerConfig c(broker.properties);
    // The scenario names brokers and their racks outside server.properties.
    c.broker_id = broker.id;
    c.rack = broker.rack;
    c.port = broker.port;
    c.zookeeper_connect = zookeeper.hosts;
    return c;
}

kafka::ProducerConfig producer_config(const ProducerSpec& producer) {
    kafka::ProducerConfig c(producer.properties);
    c.bootstrap_servers.clear();  // the resolved hosts, not the addresses as written
    for (const auto& server : producer.bootstrap_servers) c.bootstrap_servers.push_back(server.host);
    return c;
}

kafka::ConsumerConfig consumer_config(const ConsumerSpec& consumer) {
    // Scenario consumers run with the current client's defaults whatever kafka-version
    // says, as they always have: a 2.x consumer's (session.timeout.ms 10 s, the range
    // assignor alone) would change lesson 02's pinned trace. Keys the file sets apply.
    kafka::Properties current_client = consumer.properties;
    current_client.set_era(kafka::default_kafka_version);
    kafka::ConsumerConfig c(current_client);
    c.bootstrap_servers.clear();  // the resolved hosts, not the addresses as written
    for (const auto& server : consumer.bootstrap_servers) c.bootstrap_servers.push_back(server.host);
    if (!consumer.group_id.empty()) c.group_id = consumer.group_id;
    if (consumer.group_id_generated) c.enable_auto_commit = false;  // as kafka-console-consumer
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
