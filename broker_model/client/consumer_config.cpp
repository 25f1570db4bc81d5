#include "broker_model/client/consumer_config.h"

#include <memory>
#include <stdexcept>

#include "broker_model/client/assignor.h"

namespace kafkalab::kafka {

const char* auto_offset_reset_name(AutoOffsetReset reset) {
    switch (reset) {
        case AutoOffsetReset::earliest: return "earliest";
        case AutoOffsetReset::latest: return "latest";
        case AutoOffsetReset::none: return "none";
    }
    return "?";
}

std::optional<AutoOffsetReset> parse_auto_offset_reset(std::string_view text) {
    if (text == "earliest") return AutoOffsetReset::earliest;
    if (text == "latest") return AutoOffsetReset::latest;
    if (text == "none") return AutoOffsetReset::none;
    return std::nullopt;
}

namespace {

/// bootstrap.servers as host names: "broker-1:9092" -> "broker-1".
std::vector<std::string> hosts_of(const Properties& p) {
    std::vector<std::string> hosts;
    for (const auto& server : p.get_list("bootstrap.servers")) hosts.push_back(server.substr(0, server.rfind(':')));
    return hosts;
}

std::optional<std::string> group_of(const Properties& p) {
    if (!p.value_or_default("group.id")) return std::nullopt;  // null: no group
    return p.get_string("group.id");
}

std::optional<bool> auto_commit_of(const Properties& p) {
    // Unset stays unset: auto_commit_enabled() decides for a generated console group.
    if (!p.contains("enable.auto.commit")) return std::nullopt;
    return p.get_bool("enable.auto.commit");
}

}  // namespace

ConsumerConfig::ConsumerConfig() : ConsumerConfig(Properties(ConfigScope::consumer)) {}

ConsumerConfig::ConsumerConfig(const Properties& p)
    : bootstrap_servers(hosts_of(p)),
      client_id(p.get_string("client.id")),
      group_id(group_of(p)),
      auto_offset_reset(*parse_auto_offset_reset(p.get_choice("auto.offset.reset"))),
      enable_auto_commit(auto_commit_of(p)),
      auto_commit_interval(p.get_duration("auto.commit.interval.ms")),
      max_poll_records(p.get_int("max.poll.records")),
      fetch_min_bytes(p.get_int("fetch.min.bytes")),
      fetch_max_wait(p.get_duration("fetch.max.wait.ms")),
      fetch_max_bytes(p.get_int("fetch.max.bytes")),
      max_partition_fetch_bytes(p.get_int("max.partition.fetch.bytes")),
      session_timeout(p.get_duration("session.timeout.ms")),
      heartbeat_interval(p.get_duration("heartbeat.interval.ms")),
      max_poll_interval(p.get_duration("max.poll.interval.ms")),
      partition_assignment_strategy(p.get_choices("partition.assignment.strategy")),
      request_timeout(p.get_duration("request.timeout.ms")),
      retry_backoff(p.get_duration("retry.backoff.ms")),
      reconnect_backoff(p.get_duration("reconnect.backoff.ms")),
      reconnect_backoff_max(p.get_duration("reconnect.backoff.max.ms")),
      metadata_max_age(p.get_duration("metadata.max.age.ms")),
      default_api_timeout(p.get_duration("default.api.timeout.ms")) {}

ConsumerConfig ConsumerConfig::defaults_before_3_0() {
    return ConsumerConfig(Properties(ConfigScope::consumer, {2, 8, 0}));
}

std::vector<std::string> ConsumerConfig::validate() const {
    std::vector<std::string> problems;
    if (max_poll_records < 1) problems.push_back("max.poll.records must be at least 1.");
    if (heartbeat_interval >= session_timeout) {
        problems.push_back("heartbeat.interval.ms must be lower than session.timeout.ms.");
    }
    if (partition_assignment_strategy.empty()) {
        problems.push_back("partition.assignment.strategy needs at least one assignor.");
        return problems;
    }
    std::vector<std::unique_ptr<Assignor>> owned;
    std::vector<const Assignor*> assignors;
    for (const auto& name : partition_assignment_strategy) {
        try {
            owned.push_back(make_assignor(name));
            assignors.push_back(owned.back().get());
        } catch (const std::invalid_argument& error) {
            problems.emplace_back(error.what());
        }
    }
    // ConsumerCoordinator refuses assignors that share no rebalance protocol.
    if (assignors.size() == partition_assignment_strategy.size() && !common_rebalance_protocol(assignors)) {
        problems.push_back("The assignors in partition.assignment.strategy share no rebalance protocol.");
    }
    return problems;
}

std::string console_consumer_group_id(std::uint64_t number) {
    return "console-consumer-" + std::to_string(number % 100'000);
}

}  // namespace kafkalab::kafka
