// Good scenario files parse into the values they say.
#include "spec_helpers.h"

using namespace kafkalab;
using namespace kafkalab::scenarios;
using namespace std::chrono_literals;
using kafkalab::scenarios::testing::load_good;

TEST_CASE("the architecture page's example scenario loads with the values it states") {
    Scenario s = load_good("architecture-example.yaml");
    CHECK(s.name == "Leader crash with acks=all");
    CHECK(s.seed == 42);
    CHECK(s.duration == 60s);
    CHECK(s.kafka_version == kafka::KafkaVersion{3, 6, 0});
    REQUIRE(s.cluster.brokers.size() == 3);
    CHECK(s.cluster.brokers[2].host == "broker-3");
    CHECK(s.cluster.brokers[2].properties.get_int("broker.id") == 3);
    CHECK(s.cluster.brokers[0].properties.get_int("min.insync.replicas") == 2);
    CHECK_FALSE(s.cluster.brokers[0].properties.get_bool("unclean.leader.election.enable"));
    CHECK(s.cluster.brokers[0].properties.get_string("zookeeper.connect") == "zk-1:2181");
    CHECK(s.network.defaults.jitter == 200us);
    REQUIRE(s.topics.size() == 1);
    CHECK(s.topics[0].replication_factor == 3);
    const ProducerSpec& p = s.producers.at(0);
    CHECK(p.schedule.kind == ScheduleKind::every);
    CHECK(p.schedule.per == 3s);
    CHECK(p.value.kind == ValueKind::fake_user_registration);
    CHECK(p.bootstrap_servers.at(0).host == "broker-1");
    CHECK(p.properties.get_choice("acks") == "all");
    CHECK(p.properties.get_string("client.id") == "registrations");
    CHECK(p.stop == 60s);
    CHECK(s.consumers.at(0).group_id == "analytics");
    CHECK(s.consumers.at(0).properties.get_choice("auto.offset.reset") == "earliest");
    CHECK(s.steps.at(0).tool == "kafka-topics");
    REQUIRE(s.faults.size() == 2);
    CHECK(s.faults[0].kind == FaultKind::crash);
    CHECK(s.faults[0].target.kind == TargetKind::leader_of);
    CHECK(s.faults[0].target.partition == kafka::TopicPartition{"payments", 0});
    CHECK(s.faults[1].target.host == "broker-1");
    CHECK(s.faults[1].at == 25s);
    CHECK(s.narration.at(0).at == 10s);
    REQUIRE(s.expectations.size() == 2);
    CHECK(s.expectations[1].kind == ExpectationKind::consumed_all);
    CHECK(s.expectations[1].group == "analytics");
}

TEST_CASE("a scenario with only a name gets every default filled in") {
    Scenario s = load_good("minimal.yaml");
    CHECK(s.name == "Defaults only");
    CHECK(s.seed == 1);
    CHECK(s.duration == 60s);
    CHECK(s.cluster.zookeeper.hosts == std::vector<std::string>{"zk-1"});
    REQUIRE(s.cluster.brokers.size() == 1);
    CHECK(s.cluster.brokers[0].id == kafka::BrokerId{1});
    CHECK(s.cluster.brokers[0].port == 9092);
    CHECK(s.network.defaults.latency == 1ms);
    CHECK(s.network.defaults.bandwidth_bytes_per_s == 125'000'000);
    CHECK(s.network.switches == std::vector<std::string>{"switch"});
    REQUIRE(s.network.links.size() == 2);
    CHECK(s.network.links[0].a == "broker-1");
    CHECK(s.network.links[0].b == "switch");
}

TEST_CASE("the beginner's one-broker setup reads real properties files and maps localhost") {
    Scenario s = load_good("beginner-one-broker.yaml");
    const auto& broker = s.cluster.brokers.at(0);
    CHECK(broker.properties.get_int("broker.id") == 1);  // the file's broker.id=0 yields to the scenario's
    CHECK(broker.properties.get_int("offsets.topic.replication.factor") == 1);
    CHECK(broker.properties.get_string("zookeeper.connect") == "localhost:2181");
    CHECK(s.cluster.zookeeper.properties.get_string("dataDir") == "/tmp/zookeeper");
    CHECK(s.topics.at(0).partitions == 1);
    const ProducerSpec& faker = s.producers.at(0);
    CHECK(faker.bootstrap_servers.at(0).address == "localhost:9092");
    CHECK(faker.bootstrap_servers.at(0).host == "broker-1");
    CHECK(faker.properties.get_choice("value.serializer") == "json");
    const ConsumerSpec& console = s.consumers.at(0);
    CHECK(console.group_id_generated);
    CHECK(console.group_id.starts_with("console-consumer-"));
    CHECK(console.properties.get_string("group.id") == console.group_id);
    REQUIRE(s.steps.size() == 4);
    CHECK(s.steps[0].tool == "kafka-topics");
    CHECK(s.steps[0].run == R"(.\bin\windows\kafka-topics.bat --list --zookeeper localhost:2181)");
    CHECK(s.steps[2].tool == "kafka-console-producer");
    CHECK(s.steps[2].input == std::vector<std::string>{"hello", "world"});
    CHECK(s.steps[3].tool == "kafka-console-consumer");
    REQUIRE(s.predictions.size() == 1);
    CHECK(s.predictions[0].at == 20s);
    CHECK(s.predictions[0].answer.starts_with("No:"));
}

TEST_CASE("a generated group name depends on the seed and the consumer only") {
    auto text = [](int seed) {
        return "seed: " + std::to_string(seed) + "\ntopics: [{name: t}]\nconsumers: [{name: c, topics: [t]}]\n";
    };
    auto a = load_scenario_text(text(1), "a.yaml");
    auto b = load_scenario_text(text(1), "b.yaml");
    auto c = load_scenario_text(text(2), "c.yaml");
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(c.ok());
    CHECK(a.scenario->consumers[0].group_id == b.scenario->consumers[0].group_id);
    CHECK(a.scenario->consumers[0].group_id != c.scenario->consumers[0].group_id);
}

TEST_CASE("the 0.8 era turns unclean leader election on and keeps acks=1 by default") {
    Scenario s = load_good("jepsen-2013.yaml");
    CHECK(s.kafka_version == kafka::KafkaVersion{0, 8, 0});
    CHECK(s.cluster.brokers[0].properties.get_bool("unclean.leader.election.enable"));
    CHECK(s.cluster.brokers[0].properties.get_duration("replica.lag.time.max.ms") == 10s);
    CHECK(s.cluster.zookeeper.hosts.size() == 3);
    CHECK(s.producers[0].properties.get_choice("acks") == "all");  // written as -1
    CHECK(s.topics[0].assignment == std::vector<std::vector<kafka::BrokerId>>{
                                        {kafka::BrokerId{1}, kafka::BrokerId{2}, kafka::BrokerId{3}}});
    REQUIRE(s.faults.size() == 3);
    CHECK(s.faults[0].groups.at(0).at(0).kind == TargetKind::leader_of);
    CHECK(s.faults[0].groups.at(1).size() == 2);
    REQUIRE(s.faults[1].when.has_value());
    CHECK(s.faults[1].when->kind == ConditionKind::isr_shrinks);
    CHECK(s.faults[2].kind == FaultKind::heal);
    CHECK(s.expectations[0].count.min == 1);
    CHECK_FALSE(s.expectations[0].count.max.has_value());
}
