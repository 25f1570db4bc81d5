#include "broker_model/zookeeper/session_tracker.h"

namespace kafkalab::kafka::zk {

sim::Time SessionTracker::round_up(sim::Time t) const {
    auto ticks = t.time_since_epoch() / tick_time_;
    return sim::Time((ticks + 1) * tick_time_);
}

void SessionTracker::touch(SessionId session, sim::Duration timeout, sim::Time now) {
    Entry& entry = sessions_[session];
    if (entry.closing) return;
    entry.deadline = round_up(now + timeout);
}

void SessionTracker::reset(const std::map<SessionId, sim::Duration>& sessions, sim::Time now) {
    sessions_.clear();
    for (const auto& [session, timeout] : sessions) touch(session, timeout, now);
}

void SessionTracker::remove(SessionId session) { sessions_.erase(session); }

std::vector<SessionId> SessionTracker::take_expired(sim::Time now) {
    std::vector<SessionId> expired;
    for (auto& [session, entry] : sessions_) {
        if (entry.closing || entry.deadline > now) continue;
        entry.closing = true;
        expired.push_back(session);
    }
    return expired;
}

}  // namespace kafkalab::kafka::zk
