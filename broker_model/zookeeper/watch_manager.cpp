#include "broker_model/zookeeper/watch_manager.h"

#include <tuple>

namespace kafkalab::kafka::zk {

std::vector<WatchDelivery> WatchManager::trigger(const std::vector<WatchTrigger>& triggers) {
    std::vector<WatchDelivery> deliveries;
    std::set<std::tuple<SessionId, EventType, std::string>> delivered;
    for (const auto& trigger : triggers) {
        auto& table = trigger.children ? child_ : data_;
        auto it = table.find(trigger.path);
        if (it == table.end()) continue;
        for (SessionId session : it->second) {
            if (!delivered.emplace(session, trigger.type, trigger.path).second) continue;
            deliveries.push_back({session, WatchedEvent{trigger.type, trigger.path}});
        }
        table.erase(it);
    }
    return deliveries;
}

void WatchManager::remove_session(SessionId session) {
    for (auto* table : {&data_, &child_}) {
        for (auto it = table->begin(); it != table->end();) {
            it->second.erase(session);
            it = it->second.empty() ? table->erase(it) : std::next(it);
        }
    }
}

std::size_t WatchManager::watch_count() const {
    std::size_t count = 0;
    for (const auto* table : {&data_, &child_}) {
        for (const auto& [path, sessions] : *table) count += sessions.size();
    }
    return count;
}

}  // namespace kafkalab::kafka::zk
