#pragma once
// The port a broker listens on, from server.properties' listeners.
#include <cstdint>

#include "broker_model/config/properties.h"

namespace kafkalab::kafka {

/// The port of the first entry of `listeners` ("PLAINTEXT://:9093" -> 9093). Unset, it is
/// Kafka's implicit PLAINTEXT://:9092 (the catalog's default is null, as Kafka's is).
std::uint16_t listener_port(const Properties& server);

}  // namespace kafkalab::kafka
