#include "broker_model/wire/api_versions_codec.h"

#include "broker_model/common/errors.h"
#include "broker_model/wire/supported_apis.h"

namespace kafkalab::kafka::wire {

ApiVersionsRequest decode_api_versions_request(WireReader& in, std::int16_t version) {
    ApiVersionsRequest request;
    if (version >= 3) {
        request.client_software_name = in.string(true);
        request.client_software_version = in.string(true);
        in.skip_tagged_fields();
    }
    return request;
}

std::string api_versions_response_frame(const RequestHeader& header) {
    const auto self = find_supported_api(static_cast<std::int16_t>(ApiKey::api_versions));
    const bool known = header.api_version >= self->min_version && header.api_version <= self->max_version;
    const std::int16_t version = known ? header.api_version : 0;
    const bool flexible = is_flexible(*self, version);

    WireWriter out;
    start_response(out, header.correlation_id, false);  // always header v0, see the header comment
    out.int16(static_cast<std::int16_t>(known ? Error::none : Error::unsupported_version));
    // Refused, the list holds only ApiVersions' own range (KIP-511): enough for the
    // client to pick a version and ask again.
    const auto all = supported_apis();
    const auto apis = known ? all : std::span<const ApiVersionRange>(&*self, 1);
    out.array_length(static_cast<std::int32_t>(apis.size()), flexible);
    for (const ApiVersionRange& api : apis) {
        out.int16(static_cast<std::int16_t>(api.key));
        out.int16(api.min_version);
        out.int16(api.max_version);
        if (flexible) out.empty_tagged_fields();
    }
    if (version >= 1) out.int32(0);  // throttle_time_ms
    if (flexible) out.empty_tagged_fields();
    finish_frame(out);
    return out.take();
}

}  // namespace kafkalab::kafka::wire
