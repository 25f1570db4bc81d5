#pragma once
// The ZooKeeper server settings the model uses, with zoo.cfg's names and defaults.
#include <chrono>

#include "sim/time.h"

namespace kafkalab::kafka::zk {

struct ZooKeeperConfig {
    /// tickTime: the basic time unit. Leader pings go out every half tick, sessions
    /// expire on tick boundaries, and the limits below are counted in ticks.
    sim::Duration tick_time{std::chrono::milliseconds(2000)};
    /// initLimit: ticks a newly chosen leader may take to gather and sync a quorum.
    int init_limit = 10;
    /// syncLimit: ticks a follower may stay silent (or a leader, to a follower)
    /// before the other side gives up on it.
    int sync_limit = 5;
    /// minSessionTimeout: 0 means ZooKeeper's default of 2 * tickTime.
    sim::Duration min_session_timeout{0};
    /// maxSessionTimeout: 0 means ZooKeeper's default of 20 * tickTime.
    sim::Duration max_session_timeout{0};

    sim::Duration effective_min_session_timeout() const {
        return min_session_timeout.count() > 0 ? min_session_timeout : 2 * tick_time;
    }
    sim::Duration effective_max_session_timeout() const {
        return max_session_timeout.count() > 0 ? max_session_timeout : 20 * tick_time;
    }
    /// The timeout a server grants a client that asks for `requested`: clamped into
    /// [minSessionTimeout, maxSessionTimeout], as ZooKeeperServer.processConnectRequest does.
    sim::Duration negotiate_session_timeout(sim::Duration requested) const;

    sim::Duration sync_timeout() const { return sync_limit * tick_time; }
    sim::Duration init_timeout() const { return init_limit * tick_time; }
};

}  // namespace kafkalab::kafka::zk
