#include "scenarios/cli_tools/consumer_group_description.h"

#include <array>
#include <utility>

namespace kafkalab::scenarios {
namespace {

constexpr std::array<std::pair<ConsumerGroupState, std::string_view>, 5> state_names{{
    {ConsumerGroupState::preparing_rebalance, "PreparingRebalance"},
    {ConsumerGroupState::completing_rebalance, "CompletingRebalance"},
    {ConsumerGroupState::stable, "Stable"},
    {ConsumerGroupState::dead, "Dead"},
    {ConsumerGroupState::empty, "Empty"},
}};

}  // namespace

std::string_view consumer_group_state_name(ConsumerGroupState state) {
    for (const auto& [known, name] : state_names)
        if (known == state) return name;
    return "Unknown";
}

std::optional<ConsumerGroupState> parse_consumer_group_state(std::string_view name) {
    for (const auto& [state, known] : state_names)
        if (known == name) return state;
    return std::nullopt;
}

}  // namespace kafkalab::scenarios
