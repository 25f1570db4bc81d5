#pragma once
// The APIs and versions this server speaks to real clients, as its ApiVersions
// response lists them. Clients use the highest version both sides know.
//
// The maxima stop below each API's first flexible version (except ApiVersions v3,
// which librdkafka sends first): a broker that lists lower maxima is exactly what an
// older Kafka is to a client, and every client here still gets every feature it
// needs (record batch v2 from Produce v3 and Fetch v4 on).
#include <cstdint>
#include <optional>
#include <span>

#include "broker_model/protocol/api.h"

namespace kafkalab::kafka::wire {

struct ApiVersionRange {
    ApiKey key;
    std::int16_t min_version;
    std::int16_t max_version;
    /// The first version in Kafka's schema with compact strings and tagged fields.
    std::int16_t first_flexible_version;
};

std::span<const ApiVersionRange> supported_apis();
std::optional<ApiVersionRange> find_supported_api(std::int16_t api_key);

/// Whether `version` of the API uses flexible encoding (compact strings, tagged fields).
inline bool is_flexible(const ApiVersionRange& api, std::int16_t version) {
    return version >= api.first_flexible_version;
}

}  // namespace kafkalab::kafka::wire
