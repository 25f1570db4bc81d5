#pragma once
// One port convention for `localhost`, shared by the loader (bootstrap servers and tool
// steps), `kafkalab run` (the tools' --bootstrap-server) and `kafkalab serve` (the
// ports it listens on), so an address names the same broker everywhere.
//
// On one machine brokers differ by port, as in Kafka's quickstart (server-1.properties
// on 9093, ...): a broker whose listener port no other broker shares keeps it; the
// others, in the order listed, take the lowest port not yet taken from their listener
// port up. With every listener at its default that is broker-1 on localhost:9092,
// broker-2 on localhost:9093, and so on. docs/SCENARIOS.md states the rule.
#include <cstdint>
#include <string>
#include <vector>

#include "scenarios/spec/scenario.h"

namespace kafkalab::scenarios {

/// Fills in every broker's localhost_port from its listener port (port).
void assign_localhost_ports(std::vector<BrokerSpec>& brokers);

/// The broker at localhost:`port`, or nothing.
const BrokerSpec* broker_on_localhost(const std::vector<BrokerSpec>& brokers, std::uint16_t port);

/// "broker-1 localhost:9092, broker-2 localhost:9093, ..." for messages (at most 8).
std::string localhost_ports_listing(const std::vector<BrokerSpec>& brokers);

}  // namespace kafkalab::scenarios
