#pragma once
// The watches one server holds for the sessions connected to it (ZooKeeper's
// WatchManager, one table for data and exists watches, one for child watches).
// Watches are one-shot: firing removes them. They live in memory only, and go when
// the session's connection to this server closes; the client re-registers them on
// its next server with SetWatches.
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "broker_model/zookeeper/data_tree.h"
#include "broker_model/zookeeper/zookeeper_types.h"

namespace kafkalab::kafka::zk {

struct WatchDelivery {
    SessionId session;
    WatchedEvent event;
};

class WatchManager {
public:
    void add_data_watch(const std::string& path, SessionId session) { data_[path].insert(session); }
    void add_child_watch(const std::string& path, SessionId session) { child_[path].insert(session); }

    /// Removes and returns the watches the triggers fire, in trigger order, sessions
    /// in id order. A session hears one event per (type, path) even if it watched the
    /// node both ways, as ZooKeeper suppresses the duplicate NodeDeleted.
    std::vector<WatchDelivery> trigger(const std::vector<WatchTrigger>& triggers);
    void remove_session(SessionId session);
    std::size_t watch_count() const;

private:
    std::map<std::string, std::set<SessionId>> data_;
    std::map<std::string, std::set<SessionId>> child_;
};

}  // namespace kafkalab::kafka::zk
