#include "scenarios/spec/joining_client.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "broker_model/config/config_validation.h"
#include "broker_model/config/did_you_mean.h"
#include "broker_model/config/value_parsing.h"

namespace kafkalab::scenarios {
namespace {

std::optional<std::string> name_refusal(const Scenario& scenario, const std::string& name, const char* kind) {
    if (!is_valid_client_name(name)) {
        return std::string(kind) + " name must be 1 to 64 letters, digits, '.', '_' or '-'; found '" + name + "'";
    }
    auto taken = [&](const std::string& host) { return host == name; };
    bool known = std::any_of(scenario.cluster.brokers.begin(), scenario.cluster.brokers.end(),
                             [&](const BrokerSpec& b) { return taken(b.host); }) ||
                 std::any_of(scenario.cluster.zookeeper.hosts.begin(), scenario.cluster.zookeeper.hosts.end(), taken) ||
                 std::any_of(scenario.producers.begin(), scenario.producers.end(),
                             [&](const ProducerSpec& p) { return taken(p.name); }) ||
                 std::any_of(scenario.consumers.begin(), scenario.consumers.end(),
                             [&](const ConsumerSpec& c) { return taken(c.name); });
    if (known) return "the name '" + name + "' is already taken by another host";
    return std::nullopt;
}

/// A topic the scenario declares, or any while it turns topic auto-creation on. (The
/// loader also takes a topic a step creates; the Clients menu offers the declared ones.)
std::optional<std::string> topic_refusal(const Scenario& scenario, const std::string& topic) {
    if (scenario.find_topic(topic)) return std::nullopt;
    const auto& cluster = scenario.cluster.properties;
    if (cluster.contains("auto.create.topics.enable") &&
        kafka::parse_bool(cluster.get_string("auto.create.topics.enable")) == true) {
        return std::nullopt;
    }
    std::vector<std::string_view> names;
    for (const auto& t : scenario.topics) names.push_back(t.name);
    return "unknown topic '" + topic + "': declare it under topics, create it in a step, or set "
           "auto.create.topics.enable: true in the cluster properties" +
           kafka::did_you_mean(kafka::closest_match(topic, names));
}

/// bootstrap.servers defaults to the first broker, client.id to the client's name; then
/// the checks Kafka makes at startup.
std::optional<std::string> finish_client_config(const Scenario& scenario, const std::string& name,
                                                kafka::Properties& properties, std::vector<BootstrapServer>& servers) {
    const BrokerSpec& first = scenario.cluster.brokers.front();
    servers = {BootstrapServer{first.host + ":" + std::to_string(first.port), first.host, first.port}};
    properties.set("bootstrap.servers", servers.front().address);
    properties.set("client.id", name);
    for (const auto& issue : kafka::validate(properties)) {
        if (issue.severity == kafka::IssueSeverity::error) return issue.message;
    }
    return std::nullopt;
}

}  // namespace

std::variant<ProducerSpec, std::string> joining_producer(const Scenario& scenario, const JoiningProducer& client,
                                                         const std::vector<ProducerSpec>& joined_before) {
    if (auto why = name_refusal(scenario, client.name, "producer")) return *why;
    if (auto why = topic_refusal(scenario, client.topic)) return *why;
    if (client.records_per_second < 1) return "rate must be records per time, such as 1000/s or 5/10s";
    ProducerSpec p;
    p.name = client.name;
    p.topic = client.topic;
    p.schedule = {ScheduleKind::rate, client.records_per_second, std::chrono::seconds(1)};
    p.start = client.start;
    p.stop = scenario.duration;
    p.properties = kafka::Properties(kafka::ConfigScope::producer, scenario.kafka_version);
    if (auto problem = kafka::check_entry(kafka::ConfigScope::producer, "acks", client.acks)) return *problem;
    p.properties.set("acks", client.acks);
    if (auto why = finish_client_config(scenario, p.name, p.properties, p.bootstrap_servers)) return *why;
    double total = records_sent(p, scenario.duration);
    for (const auto* list : {&scenario.producers, &joined_before}) {
        for (const auto& other : *list) total += records_sent(other, scenario.duration);
    }
    if (total > most_records_per_scenario) {
        return fmt::format("producer '{}' would send about {:.3g} records in {}; a scenario may send at most {:.0f} "
                           "records in all (lower the rate, shorten the run or set count)",
                           p.name, records_sent(p, scenario.duration),
                           sim::format_duration(scenario.duration - p.start), most_records_per_scenario);
    }
    return p;
}

std::variant<ConsumerSpec, std::string> joining_consumer(const Scenario& scenario, const JoiningConsumer& client) {
    if (auto why = name_refusal(scenario, client.name, "consumer")) return *why;
    if (auto why = topic_refusal(scenario, client.topic)) return *why;
    ConsumerSpec c;
    c.name = client.name;
    c.topics = {client.topic};
    c.start = client.start;
    c.properties = kafka::Properties(kafka::ConfigScope::consumer, scenario.kafka_version);
    if (auto why = finish_client_config(scenario, c.name, c.properties, c.bootstrap_servers)) return *why;
    c.group_id = client.group_id;
    c.group_id_generated = c.group_id.empty();
    if (c.group_id_generated) c.group_id = generated_group_id(scenario.seed, c.name);
    c.properties.set("group.id", c.group_id);
    return c;
}

}  // namespace kafkalab::scenarios
