#include "broker_model/wire/request_header.h"

namespace kafkalab::kafka::wire {

RequestHeader read_request_header(WireReader& in) {
    RequestHeader header;
    header.api_key = in.int16();
    header.api_version = in.int16();
    header.correlation_id = in.int32();
    // The client id stays a classic nullable string even in header v2.
    header.client_id = in.nullable_string();
    return header;
}

void start_response(WireWriter& out, std::int32_t correlation_id, bool flexible_header) {
    out.int32(0);  // the frame size, filled in by finish_frame
    out.int32(correlation_id);
    if (flexible_header) out.empty_tagged_fields();
}

void finish_frame(WireWriter& out) { out.put_int32_at(0, static_cast<std::int32_t>(out.size() - 4)); }

}  // namespace kafkalab::kafka::wire
