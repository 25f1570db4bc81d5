#pragma once
// One request frame in, the simulation's request out; the simulation's response in,
// one response frame out. A frame here is what follows Kafka's 4-byte size prefix.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "broker_model/wire/api_codecs.h"
#include "broker_model/wire/request_header.h"
#include "sim/message.h"

namespace kafkalab::kafka::wire {

/// An API key this server does not speak, or a version outside its range. Kafka
/// closes the connection on either (ApiVersions excepted: see api_versions_codec.h).
class UnsupportedRequest : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ParsedRequest {
    RequestHeader header;
    /// The simulation's request; null for ApiVersions, which the listener answers.
    RequestPtr request;
    /// False for Produce with acks=0, which Kafka never answers.
    bool expects_response = true;
    bool is_api_versions() const { return request == nullptr; }
};

/// Throws MalformedFrame (bytes that do not parse, or bytes left over) or
/// UnsupportedRequest.
ParsedRequest parse_request(std::string_view frame, const DecodeContext& context);

/// The whole response frame, size prefix included, for the request `header` names.
/// Precondition: `response` is the simulation's answer to that request.
std::string encode_response(const RequestHeader& header, const sim::Message& response,
                            const EncodeContext& context);

}  // namespace kafkalab::kafka::wire
