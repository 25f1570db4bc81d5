#include "scenarios/runner/console_producer_config.h"

#include "scenarios/runner/tool_client_properties.h"

namespace kafkalab::scenarios {

std::variant<kafka::ProducerConfig, std::string> console_producer_config(const CliProperties& properties,
                                                                         std::vector<std::string> hosts,
                                                                         kafka::KafkaVersion era) {
    auto read = tool_client_properties(properties, kafka::ConfigScope::producer, era);
    if (auto* refused = std::get_if<std::string>(&read)) return *refused;
    kafka::ProducerConfig c(std::get<kafka::Properties>(read));
    c.bootstrap_servers = std::move(hosts);
    // KafkaProducer refuses contradictions at start-up (delivery.timeout.ms below
    // linger.ms + request.timeout.ms, explicit idempotence with acks=1).
    auto problems = c.problems();
    if (!problems.empty()) return problems.front();
    return c;
}

}  // namespace kafkalab::scenarios
