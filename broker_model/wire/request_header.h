#pragma once
// Kafka's request and response headers. A request header is v1 (api key, version,
// correlation id, nullable client id) or, for flexible versions, v2 (the same plus
// tagged fields). A response header is v0 (correlation id) or v1 (plus tagged
// fields) for flexible versions, except ApiVersions, whose response header is always
// v0 so that a client can read it before it knows what the broker speaks.
#include <cstdint>
#include <optional>
#include <string>

#include "broker_model/wire/wire_reader.h"
#include "broker_model/wire/wire_writer.h"

namespace kafkalab::kafka::wire {

struct RequestHeader {
    std::int16_t api_key = 0;
    std::int16_t api_version = 0;
    std::int32_t correlation_id = 0;
    std::optional<std::string> client_id;
};

/// Reads the fixed part (key, version, correlation id, client id). The caller, who
/// knows from key and version whether the header is v2, then calls finish_header.
RequestHeader read_request_header(WireReader& in);
inline void finish_request_header(WireReader& in, bool flexible) {
    if (flexible) in.skip_tagged_fields();
}

/// Starts a response frame: a 4-byte size to fill in by finish_frame, then the header.
void start_response(WireWriter& out, std::int32_t correlation_id, bool flexible_header);
/// Writes the frame's size into its first 4 bytes.
void finish_frame(WireWriter& out);

}  // namespace kafkalab::kafka::wire
