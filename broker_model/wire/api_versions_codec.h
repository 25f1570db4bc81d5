#pragma once
// ApiVersions (18), answered by the listener itself: the versions are what this
// codec speaks, which no simulated broker decides. A version this server does not
// know gets Kafka's answer (since 2.4, KIP-511): a v0 response with
// UNSUPPORTED_VERSION listing ApiVersions' own range, so the client retries with a
// version from it.
#include <cstdint>
#include <string>

#include "broker_model/wire/request_header.h"

namespace kafkalab::kafka::wire {

/// Reads the request body (v3: the client's software name and version).
struct ApiVersionsRequest {
    std::string client_software_name;
    std::string client_software_version;
};
ApiVersionsRequest decode_api_versions_request(WireReader& in, std::int16_t version);

/// The whole response frame, size included, for the request's version, or v0 with
/// UNSUPPORTED_VERSION when that version is unknown.
std::string api_versions_response_frame(const RequestHeader& header);

}  // namespace kafkalab::kafka::wire
