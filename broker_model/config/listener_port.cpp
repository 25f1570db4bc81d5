#include "broker_model/config/listener_port.h"

#include "broker_model/config/value_parsing.h"

namespace kafkalab::kafka {

std::uint16_t listener_port(const Properties& server) {
    // KafkaConfig falls back to the listener of the old port key, whose default was 9092.
    constexpr std::uint16_t implicit_port = 9092;
    auto listeners = split_list(server.get_string("listeners"));
    if (listeners.empty()) return implicit_port;
    std::size_t colon = listeners.front().rfind(':');
    return parse_port(listeners.front().substr(colon + 1)).value_or(implicit_port);
}

}  // namespace kafkalab::kafka
