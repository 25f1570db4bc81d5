// Metadata v0-8. The brokers are advertised at the addresses real clients reach them
// at (EncodeContext::address), not at their simulated host names, so clients route
// each request to the simulated leader's own port.
#include "broker_model/wire/api_codecs.h"

namespace kafkalab::kafka::wire {

namespace {

/// Kafka's "authorized operations not requested" (Integer.MIN_VALUE).
constexpr std::int32_t operations_not_requested = INT32_MIN;

void write_ids(WireWriter& out, const std::vector<BrokerId>& ids) {
    out.array_length(static_cast<std::int32_t>(ids.size()));
    for (const BrokerId id : ids) out.int32(id.value);
}

}  // namespace

RequestPtr decode_metadata_request(WireReader& in, std::int16_t version) {
    auto request = std::make_shared<MetadataRequest>();
    // v0 has no null list: an empty one means every topic.
    const std::int32_t count = in.array_length(false, version >= 1);
    if (count >= 0 && !(version == 0 && count == 0)) {
        request->topics.emplace();
        for (std::int32_t i = 0; i < count; ++i) request->topics->push_back(in.string());
    }
    if (version >= 4) request->allow_auto_topic_creation = in.boolean();
    if (version >= 8) {
        in.boolean();  // include_cluster_authorized_operations
        in.boolean();  // include_topic_authorized_operations
    }
    return request;
}

void encode_metadata_response(WireWriter& out, const MetadataResponse& response, std::int16_t version,
                              const EncodeContext& context) {
    if (version >= 3) out.int32(0);  // throttle_time_ms
    out.array_length(static_cast<std::int32_t>(response.brokers.size()));
    for (const BrokerEndpoint& broker : response.brokers) {
        const AdvertisedAddress address = context.address(broker.id, broker.host, broker.port);
        out.int32(broker.id.value);
        out.string(address.host);
        out.int32(address.port);
        if (version >= 1) {
            out.nullable_string(broker.rack.empty() ? std::nullopt : std::optional<std::string>(broker.rack));
        }
    }
    if (version >= 2) out.nullable_string(context.cluster_id);
    if (version >= 1) out.int32(response.controller_id.value);
    out.array_length(static_cast<std::int32_t>(response.topics.size()));
    for (const TopicMetadata& topic : response.topics) {
        out.int16(static_cast<std::int16_t>(topic.error));
        out.string(topic.name);
        if (version >= 1) out.boolean(topic.is_internal);
        out.array_length(static_cast<std::int32_t>(topic.partitions.size()));
        for (const PartitionMetadata& partition : topic.partitions) {
            out.int16(static_cast<std::int16_t>(partition.error));
            out.int32(partition.partition);
            out.int32(partition.leader.value);
            if (version >= 7) out.int32(partition.leader_epoch.value);
            write_ids(out, partition.replicas);
            write_ids(out, partition.isr);
            if (version >= 5) write_ids(out, partition.offline_replicas);
        }
        if (version >= 8) out.int32(operations_not_requested);
    }
    if (version >= 8) out.int32(operations_not_requested);
}

}  // namespace kafkalab::kafka::wire
