// tests/data/good/everything.yaml uses each feature of the language once; every
// section's values are checked here.
#include "spec_helpers.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace std::chrono_literals;
using kafkalab::scenarios::testing::load_good;

namespace {

const Scenario& everything() {
    static const Scenario s = load_good("everything.yaml");
    return s;
}

const LinkEntry& link(const Scenario& s, std::string_view a, std::string_view b) {
    for (const auto& l : s.network.links) {
        if ((l.a == a && l.b == b) || (l.a == b && l.b == a)) return l;
    }
    FAIL("no link " << a << " - " << b);
    throw;
}

}  // namespace

TEST_CASE("every-feature scenario: header and era and cluster") {
    const Scenario& s = everything();
    CHECK(s.description == "A scenario that uses each part of the language.");
    CHECK(s.seed == 7);
    CHECK(s.duration == 90s);
    CHECK(s.kafka_version == kafka::KafkaVersion{2, 4, 0});
    CHECK(s.cluster.zookeeper.nodes == 3);
    CHECK(s.cluster.zookeeper.properties.get_duration("tickTime") == 2s);
    REQUIRE(s.cluster.brokers.size() == 3);
    CHECK(s.cluster.brokers[1].rack == "rack-b");
    CHECK(s.cluster.brokers[1].properties.get_string("broker.rack") == "rack-b");
    CHECK(s.cluster.brokers[1].properties.get_int("num.replica.fetchers") == 2);
    CHECK(s.cluster.brokers[2].port == 9093);
    CHECK(s.cluster.brokers[2].properties.get_int("min.insync.replicas") == 2);
    CHECK(s.cluster.brokers[0].properties.get_string("zookeeper.connect") == "zk-1:2181,zk-2:2181,zk-3:2181");
    CHECK(s.cluster.brokers[0].properties.get_duration("zookeeper.session.timeout.ms") == 6s);  // 2.4 era
}

TEST_CASE("every-feature scenario: network racks and defaults and explicit links") {
    const Scenario& s = everything();
    CHECK(s.network.defaults.latency == 2ms);
    CHECK(s.network.defaults.jitter == 100us);
    CHECK(s.network.defaults.bandwidth_bytes_per_s == 100'000'000);
    CHECK(s.network.defaults.loss_probability == Approx(0.001));
    CHECK(s.network.switches == std::vector<std::string>{"rack-a", "rack-b", "switch"});
    REQUIRE(s.network.hosts.size() == 3 + 3 + 4 + 3);
    CHECK(s.network.hosts[3].name == "zk-1");
    CHECK(s.network.hosts[3].switch_name == "rack-a");
    CHECK(s.network.hosts[4].switch_name == "switch");
    CHECK(s.network.hosts[6].name == "clicks");
    CHECK(s.network.hosts[6].kind == HostKind::producer);
    CHECK(s.network.hosts[6].switch_name == "rack-a");
    CHECK(link(s, "rack-b", "rack-a").spec.latency == 20ms);
    CHECK(link(s, "rack-a", "rack-b").spec.bandwidth_bytes_per_s == 125'000'000);
    CHECK(link(s, "rack-a", "switch").spec.latency == 2ms);
    CHECK(link(s, "broker-1", "broker-2").spec.loss_probability == Approx(0.01));
    CHECK(link(s, "broker-1", "broker-2").position.line == 27);
}

TEST_CASE("every-feature scenario: topics keep overrides and explicit assignments") {
    const Scenario& s = everything();
    REQUIRE(s.topics.size() == 2);
    const TopicSpec& payments = s.topics[0];
    CHECK(payments.partitions == 2);
    CHECK(payments.configs.size() == 2);
    CHECK(payments.configs.get_duration("retention.ms") == 1h);
    CHECK(payments.configs.get_list("cleanup.policy") == std::vector<std::string>{"delete", "compact"});
    const TopicSpec& audit = s.topics[1];
    CHECK(audit.partitions == 3);
    CHECK(audit.replication_factor == 2);
    CHECK(audit.assignment[1] == std::vector<kafka::BrokerId>{kafka::BrokerId{2}, kafka::BrokerId{3}});
    CHECK(audit.position.line == 33);
}

TEST_CASE("every-feature scenario: producers' schedules and values and keys and configs") {
    const Scenario& s = everything();
    REQUIRE(s.producers.size() == 4);
    const ProducerSpec& clicks = s.producers[0];
    REQUIRE(clicks.bootstrap_servers.size() == 2);
    CHECK(clicks.bootstrap_servers[1].host == "broker-3");  // localhost:9093
    CHECK(clicks.properties.get_string("bootstrap.servers") == "broker-2:9092,localhost:9093");
    CHECK(clicks.schedule.kind == ScheduleKind::rate);
    CHECK(clicks.schedule.records == 1000);
    CHECK(clicks.schedule.per == 1s);
    CHECK(clicks.count == 5000);
    CHECK(clicks.start == 5s);
    CHECK(clicks.stop == 60s);
    CHECK(clicks.value.kind == ValueKind::fixed);
    CHECK(clicks.value.text == "hello");
    CHECK(clicks.key.kind == KeyKind::cycle);
    CHECK(clicks.key.values == std::vector<std::string>{"A", "B", "C"});
    CHECK(clicks.properties.get_choice("partitioner.class") == "round-robin");
    CHECK(clicks.properties.get_choice("acks") == "1");
    const ProducerSpec& poisson = s.producers[1];
    CHECK(poisson.schedule.kind == ScheduleKind::poisson);
    CHECK(poisson.schedule.records == 50);
    CHECK(poisson.value.kind == ValueKind::random_bytes);
    CHECK(poisson.value.size_bytes == 100);
    CHECK(poisson.key.kind == KeyKind::sequence);
    CHECK(poisson.partition == 2);
    CHECK(poisson.bootstrap_servers.at(0).host == "broker-1");
    const ProducerSpec& burster = s.producers[2];
    CHECK(burster.schedule.kind == ScheduleKind::burst);
    CHECK(burster.schedule.records == 10);
    CHECK(burster.schedule.per == 5s);
    CHECK(burster.key.kind == KeyKind::fixed);
    CHECK(burster.key.values == std::vector<std::string>{"none"});
    CHECK(s.producers[3].key.values == std::vector<std::string>{"user-42"});
    CHECK(s.producers[3].value.kind == ValueKind::sequence);
}

TEST_CASE("every-feature scenario: consumers subscribe and assign and get groups") {
    const Scenario& s = everything();
    REQUIRE(s.consumers.size() == 3);
    const ConsumerSpec& analytics = s.consumers[0];
    CHECK(analytics.topics == std::vector<std::string>{"payments", "audit"});
    CHECK(analytics.start == 2s);
    CHECK(analytics.processing_per_record == 15ms);
    CHECK(analytics.properties.get_choices("partition.assignment.strategy") ==
          std::vector<std::string>{"cooperative-sticky"});
    CHECK(analytics.properties.get_duration("session.timeout.ms") == 10s);  // 2.4 era
    const ConsumerSpec& reader = s.consumers[1];
    CHECK(reader.assign == std::vector<kafka::TopicPartition>{{"payments", 1}, {"audit", 0}});
    CHECK(reader.group_id.empty());
    CHECK_FALSE(reader.group_id_generated);
    CHECK(s.consumers[2].topics == std::vector<std::string>{"payments"});
    CHECK(s.consumers[2].group_id_generated);
}

TEST_CASE("every-feature scenario: each kind of fault with its target and timing") {
    const Scenario& s = everything();
    REQUIRE(s.faults.size() == 14);
    CHECK(s.faults[1].kind == FaultKind::restart);
    CHECK(s.faults[2].kind == FaultKind::stop);
    CHECK(s.faults[2].target.kind == TargetKind::controller);
    CHECK(s.faults[3].kind == FaultKind::power_loss);
    CHECK(s.faults[3].target.host == "zk-3");
    CHECK(s.faults[4].kind == FaultKind::pause);
    CHECK(s.faults[4].for_duration == 40s);
    CHECK(s.faults[5].groups.size() == 2);
    CHECK(s.faults[5].groups[0][1].host == "zk-1");
    CHECK(s.faults[6].kind == FaultKind::heal);
    CHECK(s.faults[7].kind == FaultKind::cut);
    CHECK(s.faults[7].link == std::vector<std::string>{"broker-1", "broker-2"});
    CHECK(s.faults[8].kind == FaultKind::restore);
    CHECK(s.faults[9].kind == FaultKind::slow);
    CHECK(s.faults[9].added_latency == 200ms);
    CHECK(s.faults[9].added_jitter == 50ms);
    CHECK(s.faults[10].kind == FaultKind::lossy);
    CHECK(s.faults[10].link == std::vector<std::string>{"rack-a", "rack-b"});
    CHECK(s.faults[10].loss_probability == Approx(0.1));
    CHECK_FALSE(s.faults[10].for_duration.has_value());
    REQUIRE(s.faults[11].when.has_value());
    CHECK(s.faults[11].when->partition == kafka::TopicPartition{"payments", 0});
    CHECK(s.faults[11].at == 0s);
    CHECK(s.faults[12].when->kind == ConditionKind::acknowledged_records);
    CHECK(s.faults[12].when->records == 100);
    CHECK(s.faults[12].when->topic == "audit");
    CHECK(s.faults[12].at == 5s);
    CHECK(s.faults[12].target.host == "clicks");
}

TEST_CASE("every-feature scenario: steps and narration and predictions and expectations") {
    const Scenario& s = everything();
    CHECK(s.steps.at(1).tool == "kafka-consumer-groups");
    CHECK(s.steps.at(1).at == 50s);
    CHECK(s.narration.at(0).say == "broker-2 is gone.");
    CHECK(s.predictions.at(0).ask == "Which broker leads payments-0 next?");
    REQUIRE(s.expectations.size() == 15);
    CHECK(s.expectations[2].kind == ExpectationKind::order_kept);
    CHECK(s.expectations[2].topic == "payments");
    CHECK(s.expectations[4].leader == kafka::BrokerId{1});
    CHECK(s.expectations[4].at == 30s);
    CHECK(s.expectations[5].leader == kafka::no_broker);
    CHECK(s.expectations[5].at == 90s);
    CHECK(s.expectations[6].isr == std::vector<kafka::BrokerId>{kafka::BrokerId{1}, kafka::BrokerId{3}});
    CHECK(s.expectations[7].count.contains(0));
    CHECK_FALSE(s.expectations[7].count.contains(1));
    CHECK(s.expectations[8].count.min == 100);
    CHECK(s.expectations[8].count.max == 6000);
    CHECK(s.expectations[9].kind == ExpectationKind::lost_acknowledged_records);
    CHECK(s.expectations[10].kind == ExpectationKind::duplicate_records);
    CHECK(s.expectations[10].topic == "audit");
    CHECK(s.expectations[11].kind == ExpectationKind::consumed_records);
    CHECK(s.expectations[11].group == "analytics");
    CHECK(s.expectations[11].topic == "payments");
    CHECK(s.expectations[12].kind == ExpectationKind::redelivered_records);
    CHECK(s.expectations[12].count.max == 10);
    CHECK(s.expectations[13].kind == ExpectationKind::consumer_lag);
    CHECK(s.expectations[13].partition == kafka::TopicPartition{"payments", 1});
    CHECK(s.expectations[13].at == 40s);
    CHECK(s.expectations[14].kind == ExpectationKind::assignment);
    CHECK(s.expectations[14].consumer == "analytics-1");
    CHECK(s.expectations[14].partitions == std::vector<kafka::TopicPartition>{{"audit", 0}, {"payments", 0}, {"payments", 1}});
}
