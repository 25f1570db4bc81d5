#pragma once
// The host names of a kafkalab cluster, one rule for every layer: the broker with
// broker.id N runs on host "broker-N", ZooKeeper server N (myid) on "zk-N". The
// scenario loader names hosts with these, the model finds brokers' nodes by them, and
// the runner, the checker and the viewer turn a broker id back into its host.
#include <string>
#include <string_view>

#include "broker_model/common/types.h"

namespace kafkalab::kafka {

inline constexpr std::string_view broker_host_prefix = "broker-";
inline constexpr std::string_view zookeeper_host_prefix = "zk-";

/// "broker-2" for broker.id 2.
inline std::string broker_host(BrokerId id) { return std::string(broker_host_prefix) + std::to_string(id.value); }

/// "zk-1" for the ZooKeeper server with myid 1.
inline std::string zookeeper_host(int myid) { return std::string(zookeeper_host_prefix) + std::to_string(myid); }

inline bool is_zookeeper_host(std::string_view host) { return host.starts_with(zookeeper_host_prefix); }

}  // namespace kafkalab::kafka
