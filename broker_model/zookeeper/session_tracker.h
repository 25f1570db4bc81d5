#pragma once
// The leader's session expiry clock (ZooKeeper's SessionTrackerImpl with its
// ExpiryQueue). Every request or ping of a session, wherever it arrives, pushes the
// session's deadline to the first tick boundary after now + its timeout; the leader
// checks the deadlines on every tick boundary. Only an established leader tracks
// sessions, so nothing expires while the ensemble has no quorum, and a new leader
// starts every session afresh.
#include <map>
#include <vector>

#include "broker_model/zookeeper/zookeeper_types.h"
#include "sim/time.h"

namespace kafkalab::kafka::zk {

class SessionTracker {
public:
    explicit SessionTracker(sim::Duration tick_time) : tick_time_(tick_time) {}

    /// ZooKeeper's roundToNextInterval: the tick boundary strictly after `t`, a grace
    /// of up to one tick.
    sim::Time round_up(sim::Time t) const;
    /// Records activity of a live session; ignored for one already expiring.
    void touch(SessionId session, sim::Duration timeout, sim::Time now);
    /// A new leader's start: every open session gets a full timeout from now.
    void reset(const std::map<SessionId, sim::Duration>& sessions, sim::Time now);
    void remove(SessionId session);
    /// The sessions whose deadline has passed, in id order; each is marked closing
    /// and returned once.
    std::vector<SessionId> take_expired(sim::Time now);
    bool tracks(SessionId session) const { return sessions_.count(session) > 0; }
    void clear() { sessions_.clear(); }

private:
    struct Entry {
        sim::Time deadline;
        bool closing = false;
    };
    sim::Duration tick_time_;
    std::map<SessionId, Entry> sessions_;
};

}  // namespace kafkalab::kafka::zk
