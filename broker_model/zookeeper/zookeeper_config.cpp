#include "broker_model/zookeeper/zookeeper_config.h"

#include <algorithm>

namespace kafkalab::kafka::zk {

sim::Duration ZooKeeperConfig::negotiate_session_timeout(sim::Duration requested) const {
    return std::clamp(requested, effective_min_session_timeout(), effective_max_session_timeout());
}

}  // namespace kafkalab::kafka::zk
