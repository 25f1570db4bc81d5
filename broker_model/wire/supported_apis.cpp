#include "broker_model/wire/supported_apis.h"

#include <algorithm>
#include <array>

namespace kafkalab::kafka::wire {

namespace {

// Ordered by key, as Kafka lists them. First flexible versions are Kafka's (the
// "flexibleVersions" of each message's schema).
constexpr std::array<ApiVersionRange, 15> apis{{
    {ApiKey::produce, 3, 7, 9},
    {ApiKey::fetch, 4, 11, 12},
    {ApiKey::list_offsets, 1, 5, 6},
    {ApiKey::metadata, 0, 8, 9},
    {ApiKey::offset_commit, 2, 7, 8},
    {ApiKey::offset_fetch, 1, 7, 6},
    {ApiKey::find_coordinator, 0, 2, 3},
    {ApiKey::join_group, 0, 5, 6},
    {ApiKey::heartbeat, 0, 3, 4},
    {ApiKey::leave_group, 0, 3, 4},
    {ApiKey::sync_group, 0, 3, 4},
    {ApiKey::api_versions, 0, 3, 3},
    {ApiKey::create_topics, 0, 4, 5},
    {ApiKey::delete_topics, 0, 3, 4},
    {ApiKey::init_producer_id, 0, 4, 2},
}};

}  // namespace

std::span<const ApiVersionRange> supported_apis() { return apis; }

std::optional<ApiVersionRange> find_supported_api(std::int16_t api_key) {
    const auto found = std::find_if(apis.begin(), apis.end(), [&](const ApiVersionRange& api) {
        return static_cast<std::int16_t>(api.key) == api_key;
    });
    if (found == apis.end()) return std::nullopt;
    return *found;
}

}  // namespace kafkalab::kafka::wire
