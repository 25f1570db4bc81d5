#pragma once
// The APIs and versions this server speaks to real clients, as its ApiVersions
// response lists them. Clients use the highest version both sides know.
//
// Most maxima stop below the API's first flexible version: a broker that lists lower
// maxima is exactly what an older Kafka is to a client, and every client here still
// gets every feature it needs (record batch v2 from Produce v3 and Fetch v4 on). The
// flexible versions librdkafka asks for are spoken: ApiVersions v3, which it sends
// first, OffsetFetch v6-7 and InitProducerId v2-4.
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
