#pragma once
// What a host is in the picture: the viewer draws each role differently.
#include <cstdint>

namespace kafkalab::viz {

enum class HostRole : std::uint8_t { broker, zookeeper, producer, consumer, tools };
const char* to_string(HostRole role);

}  // namespace kafkalab::viz
