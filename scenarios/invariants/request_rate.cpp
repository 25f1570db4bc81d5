#include "scenarios/invariants/request_rate.h"

#include <fmt/format.h>

namespace kafkalab::invariants {

bool RequestRateWatch::judged(kafka::ApiKey key) {
    switch (key) {
        case kafka::ApiKey::produce:
        case kafka::ApiKey::fetch:
        case kafka::ApiKey::leader_and_isr:
        case kafka::ApiKey::update_metadata:
        case kafka::ApiKey::stop_replica: return false;
        default: return true;
    }
}

std::optional<std::string> RequestRateWatch::note(sim::Time at, std::uint32_t from, std::uint32_t to, kafka::ApiKey key,
                                                  const std::string& from_name, const std::string& to_name,
                                                  const std::string& subject) {
    if (!judged(key)) return std::nullopt;
    std::deque<sim::Time>& times = recent_[{from, to, static_cast<std::int16_t>(key), subject}];
    while (!times.empty() && at - times.front() >= window) times.pop_front();
    times.push_back(at);
    highest_ = std::max(highest_, times.size());
    if (times.size() <= most_per_window) return std::nullopt;
    return fmt::format("{} sent {} {} requests{} to {} within {} (from {}), more than the {} Kafka's backoffs allow",
                       from_name, times.size(), kafka::api_message_name(key, false),
                       subject.empty() ? "" : " for " + subject, to_name,
                       sim::format_duration(at - times.front()), sim::format_time(times.front()), most_per_window);
}

}  // namespace kafkalab::invariants
