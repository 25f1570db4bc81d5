#pragma once
// The server.properties settings a controller acts on, whichever mode runs it.
#include <chrono>
#include <cstdint>

#include "broker_model/common/types.h"
#include "sim/time.h"

namespace kafkalab::kafka {

struct ControllerConfig {
    BrokerId broker_id{1};
    bool unclean_leader_election_enable = false;
    bool delete_topic_enable = true;
    std::int32_t num_partitions = 1;
    std::int16_t default_replication_factor = 1;
    sim::Duration controller_socket_timeout = std::chrono::seconds(30);
};

}  // namespace kafkalab::kafka
