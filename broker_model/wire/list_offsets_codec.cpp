// ListOffsets v1-5: the offset for a timestamp, or for the earliest (-2) and latest
// (-1) positions, which is what consumers ask when they have no committed offset.
#include "broker_model/wire/api_codecs.h"
#include "broker_model/wire/topic_groups.h"

namespace kafkalab::kafka::wire {

RequestPtr decode_list_offsets_request(WireReader& in, std::int16_t version) {
    auto request = std::make_shared<ListOffsetsRequest>();
    request->replica_id = BrokerId{in.int32()};
    if (version >= 2) in.int8();  // isolation_level
    const std::int32_t topics = in.array_length();
    for (std::int32_t t = 0; t < topics; ++t) {
        std::string topic = in.string();
        const std::int32_t partitions = in.array_length();
        for (std::int32_t p = 0; p < partitions; ++p) {
            ListOffsetsPartition partition;
            partition.partition = {topic, in.int32()};
            if (version >= 4) in.int32();  // current_leader_epoch
            partition.timestamp = in.int64();
            request->partitions.push_back(std::move(partition));
        }
    }
    return request;
}

void encode_list_offsets_response(WireWriter& out, const ListOffsetsResponse& response, std::int16_t version) {
    if (version >= 2) out.int32(0);  // throttle_time_ms
    write_nested_by_topic(out, response.partitions, [&](const ListOffsetsPartitionResponse& partition) {
        out.int32(partition.partition.partition);
        out.int16(static_cast<std::int16_t>(partition.error));
        out.int64(-1);  // timestamp: of the found record, which the model does not report
        out.int64(partition.offset.value);
        if (version >= 4) out.int32(partition.leader_epoch.value);
    });
}

}  // namespace kafkalab::kafka::wire
