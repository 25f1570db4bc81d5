#include "broker_model/wire/codec.h"

#include <fmt/format.h>

#include "broker_model/wire/api_versions_codec.h"
#include "broker_model/wire/supported_apis.h"

namespace kafkalab::kafka::wire {

namespace {

RequestPtr decode_body(WireReader& in, ApiKey key, std::int16_t version) {
    switch (key) {
        case ApiKey::fetch: return decode_fetch_request(in, version);
        case ApiKey::list_offsets: return decode_list_offsets_request(in, version);
        case ApiKey::metadata: return decode_metadata_request(in, version);
        case ApiKey::offset_commit: return decode_offset_commit_request(in, version);
        case ApiKey::offset_fetch: return decode_offset_fetch_request(in, version);
        case ApiKey::find_coordinator: return decode_find_coordinator_request(in, version);
        case ApiKey::join_group: return decode_join_group_request(in, version);
        case ApiKey::heartbeat: return decode_heartbeat_request(in, version);
        case ApiKey::leave_group: return decode_leave_group_request(in, version);
        case ApiKey::sync_group: return decode_sync_group_request(in, version);
        case ApiKey::create_topics: return decode_create_topics_request(in, version);
        case ApiKey::delete_topics: return decode_delete_topics_request(in, version);
        case ApiKey::init_producer_id: return decode_init_producer_id_request(in, version);
        default: throw UnsupportedRequest(fmt::format("API key {} has no decoder", static_cast<int>(key)));
    }
}

template <class T>
const T& as(const sim::Message& message) {
    return message_as<T>(message);
}

}  // namespace

ParsedRequest parse_request(std::string_view frame, const DecodeContext& context) {
    WireReader in(frame);
    ParsedRequest parsed;
    parsed.header = read_request_header(in);
    const auto& header = parsed.header;
    const auto api = find_supported_api(header.api_key);
    if (!api) throw UnsupportedRequest(fmt::format("unknown API key {}", header.api_key));
    const auto name = api_message_name(api->key, false);
    if (api->key == ApiKey::api_versions) {
        // Parsed only in a known version: an unknown one is answered from the header alone.
        if (header.api_version >= api->min_version && header.api_version <= api->max_version) {
            finish_request_header(in, is_flexible(*api, header.api_version));
            decode_api_versions_request(in, header.api_version);
            in.expect_end("ApiVersions request");
        }
        return parsed;
    }
    if (header.api_version < api->min_version || header.api_version > api->max_version) {
        throw UnsupportedRequest(fmt::format("{} v{} is outside the versions spoken here ({}-{})", name,
                                             header.api_version, api->min_version, api->max_version));
    }
    finish_request_header(in, is_flexible(*api, header.api_version));
    if (api->key == ApiKey::produce) {
        const DecodedProduce produce = decode_produce_body(in, header.api_version);
        in.expect_end(name);
        parsed.request = build_produce_request(produce, context);
    } else {
        parsed.request = decode_body(in, api->key, header.api_version);
        in.expect_end(name);
    }
    if (api->key == ApiKey::join_group) {
        // A member's client id and host come from its connection, not from the body.
        auto& join = static_cast<JoinGroupRequest&>(*parsed.request);
        join.client_id = header.client_id.value_or("");
        join.client_host = context.client_host;
    }
    if (api->key == ApiKey::produce) {
        parsed.expects_response = message_as<ProduceRequest>(*parsed.request).acks != Acks::none;
    }
    return parsed;
}

std::string encode_response(const RequestHeader& header, const sim::Message& response,
                            const EncodeContext& context) {
    const auto api = find_supported_api(header.api_key);
    const std::int16_t version = header.api_version;
    WireWriter out;
    start_response(out, header.correlation_id, is_flexible(*api, version));
    switch (api->key) {
        case ApiKey::produce: encode_produce_response(out, as<ProduceResponse>(response), version); break;
        case ApiKey::fetch: encode_fetch_response(out, as<FetchResponse>(response), version); break;
        case ApiKey::list_offsets: encode_list_offsets_response(out, as<ListOffsetsResponse>(response), version); break;
        case ApiKey::metadata: encode_metadata_response(out, as<MetadataResponse>(response), version, context); break;
        case ApiKey::offset_commit:
            encode_offset_commit_response(out, as<OffsetCommitResponse>(response), version);
            break;
        case ApiKey::offset_fetch: encode_offset_fetch_response(out, as<OffsetFetchResponse>(response), version); break;
        case ApiKey::find_coordinator:
            encode_find_coordinator_response(out, as<FindCoordinatorResponse>(response), version, context);
            break;
        case ApiKey::join_group: encode_join_group_response(out, as<JoinGroupResponse>(response), version); break;
        case ApiKey::heartbeat: encode_heartbeat_response(out, as<HeartbeatResponse>(response), version); break;
        case ApiKey::leave_group: encode_leave_group_response(out, as<LeaveGroupResponse>(response), version); break;
        case ApiKey::sync_group: encode_sync_group_response(out, as<SyncGroupResponse>(response), version); break;
        case ApiKey::create_topics:
            encode_create_topics_response(out, as<CreateTopicsResponse>(response), version);
            break;
        case ApiKey::delete_topics:
            encode_delete_topics_response(out, as<DeleteTopicsResponse>(response), version);
            break;
        case ApiKey::init_producer_id:
            encode_init_producer_id_response(out, as<InitProducerIdResponse>(response), version);
            break;
        default: throw std::logic_error(fmt::format("no encoder for API key {}", header.api_key));
    }
    finish_frame(out);
    return out.take();
}

}  // namespace kafkalab::kafka::wire
