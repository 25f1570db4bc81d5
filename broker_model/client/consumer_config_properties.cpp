// ConsumerConfig from Kafka property names and string values.
#include <charconv>
#include <cstdint>
#include <functional>
#include <map>

#include "broker_model/client/consumer_config.h"

namespace kafkalab::kafka {
namespace {

using Setter = std::function<bool(ConsumerConfig&, std::string_view)>;

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view item = text.substr(start, end - start);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
        start = end + 1;
    }
    return out;
}

bool parse_int(std::string_view text, std::int64_t& out) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size();
}

Setter int32_field(std::int32_t ConsumerConfig::*field, std::int64_t minimum) {
    return [field, minimum](ConsumerConfig& c, std::string_view v) {
        std::int64_t n = 0;
        if (!parse_int(v, n) || n < minimum || n > INT32_MAX) return false;
        c.*field = static_cast<std::int32_t>(n);
        return true;
    };
}

Setter millis_field(sim::Duration ConsumerConfig::*field) {
    return [field](ConsumerConfig& c, std::string_view v) {
        std::int64_t n = 0;
        if (!parse_int(v, n) || n < 0) return false;
        c.*field = std::chrono::milliseconds(n);
        return true;
    };
}

const std::map<std::string, Setter, std::less<>>& setters() {
    static const std::map<std::string, Setter, std::less<>> table = {
        {"bootstrap.servers", [](ConsumerConfig& c, std::string_view v) {
             c.bootstrap_servers.clear();
             for (auto& server : split_list(v)) c.bootstrap_servers.push_back(server.substr(0, server.rfind(':')));
             return !c.bootstrap_servers.empty();
         }},
        {"client.id", [](ConsumerConfig& c, std::string_view v) { c.client_id = std::string(v); return true; }},
        {"group.id", [](ConsumerConfig& c, std::string_view v) { c.group_id = std::string(v); return !v.empty(); }},
        {"auto.offset.reset", [](ConsumerConfig& c, std::string_view v) {
             auto reset = parse_auto_offset_reset(v);
             if (reset) c.auto_offset_reset = *reset;
             return reset.has_value();
         }},
        {"enable.auto.commit", [](ConsumerConfig& c, std::string_view v) {
             if (v != "true" && v != "false") return false;
             c.enable_auto_commit = v == "true";
             return true;
         }},
        {"partition.assignment.strategy", [](ConsumerConfig& c, std::string_view v) {
             c.partition_assignment_strategy = split_list(v);
             return !c.partition_assignment_strategy.empty();
         }},
        {"auto.commit.interval.ms", millis_field(&ConsumerConfig::auto_commit_interval)},
        {"fetch.max.wait.ms", millis_field(&ConsumerConfig::fetch_max_wait)},
        {"session.timeout.ms", millis_field(&ConsumerConfig::session_timeout)},
        {"heartbeat.interval.ms", millis_field(&ConsumerConfig::heartbeat_interval)},
        {"max.poll.interval.ms", millis_field(&ConsumerConfig::max_poll_interval)},
        {"request.timeout.ms", millis_field(&ConsumerConfig::request_timeout)},
        {"retry.backoff.ms", millis_field(&ConsumerConfig::retry_backoff)},
        {"reconnect.backoff.ms", millis_field(&ConsumerConfig::reconnect_backoff)},
        {"reconnect.backoff.max.ms", millis_field(&ConsumerConfig::reconnect_backoff_max)},
        {"metadata.max.age.ms", millis_field(&ConsumerConfig::metadata_max_age)},
        {"default.api.timeout.ms", millis_field(&ConsumerConfig::default_api_timeout)},
        {"max.poll.records", int32_field(&ConsumerConfig::max_poll_records, 1)},
        {"fetch.min.bytes", int32_field(&ConsumerConfig::fetch_min_bytes, 0)},
        {"fetch.max.bytes", int32_field(&ConsumerConfig::fetch_max_bytes, 0)},
        {"max.partition.fetch.bytes", int32_field(&ConsumerConfig::max_partition_fetch_bytes, 0)},
    };
    return table;
}

/// Keys a real consumer takes that change nothing the simulation models.
bool is_ignored_key(std::string_view key) {
    return key == "key.deserializer" || key == "value.deserializer" || key == "allow.auto.create.topics" ||
           key == "isolation.level" || key == "client.rack" || key == "check.crcs";
}

}  // namespace

std::optional<std::string> set_consumer_property(ConsumerConfig& config, std::string_view key, std::string_view value) {
    if (is_ignored_key(key)) return std::nullopt;
    auto it = setters().find(key);
    if (it == setters().end()) return "Unknown consumer property '" + std::string(key) + "'.";
    if (!it->second(config, value)) {
        return "Invalid value '" + std::string(value) + "' for consumer property '" + std::string(key) + "'.";
    }
    return std::nullopt;
}

}  // namespace kafkalab::kafka
