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

ConsumerConfig ConsumerConfig::defaults_before_3_0() {
    ConsumerConfig config;
    config.session_timeout = std::chrono::milliseconds(10'000);
    config.partition_assignment_strategy = {"range"};
    return config;
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
