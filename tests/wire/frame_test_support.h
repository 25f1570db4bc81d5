#pragma once
// What the whole-frame tests share: a request frame as a client writes it, librdkafka's
// ApiVersions v3 body, and a decode context that numbers records from 500.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "broker_model/wire/codec.h"

namespace kafkalab::kafka::wire::testing {

/// A request frame without its size prefix: header v1 (api_key, api_version,
/// correlation_id, nullable client_id), or v2 (v1 plus an empty tagged-field section)
/// when `flexible`, then the body.
inline std::string request_frame(std::int16_t api_key, std::int16_t api_version, std::int32_t correlation_id,
                                 const std::optional<std::string>& client_id, const std::string& body, bool flexible = false) {
    WireWriter out;
    out.int16(api_key);
    out.int16(api_version);
    out.int32(correlation_id);
    out.nullable_string(client_id);  // never compact, even in header v2
    if (flexible) out.empty_tagged_fields();
    out.raw(body);
    return out.take();
}

/// ApiVersions v3 body as librdkafka writes it: compact strings and tagged fields.
inline std::string api_versions_v3_body() {
    WireWriter out;
    out.string("librdkafka", true);
    out.string("2.0.2", true);
    out.empty_tagged_fields();
    return out.take();
}

inline DecodeContext test_context() {
    DecodeContext context;
    context.record_id = [next = RecordId{500}](const TopicPartition&, std::optional<std::string_view>, std::string_view,
                                               std::int64_t) mutable { return next++; };
    context.client_host = "/127.0.0.1";
    return context;
}

}  // namespace kafkalab::kafka::wire::testing
