// Fetch v4-11. Every fetch is a full one: this server opens no fetch sessions
// (KIP-227), so it answers session_id 0 and clients keep sending full requests.
#include "broker_model/wire/api_codecs.h"
#include "broker_model/wire/record_batch.h"
#include "broker_model/wire/topic_groups.h"

namespace kafkalab::kafka::wire {

RequestPtr decode_fetch_request(WireReader& in, std::int16_t version) {
    auto request = std::make_shared<FetchRequest>();
    request->replica_id = BrokerId{in.int32()};
    request->max_wait_ms = in.int32();
    request->min_bytes = in.int32();
    request->max_bytes = in.int32();
    in.int8();  // isolation_level: without transactions both levels read the same
    if (version >= 7) {
        in.int32();  // session_id
        in.int32();  // session_epoch
    }
    const std::int32_t topics = in.array_length();
    for (std::int32_t t = 0; t < topics; ++t) {
        std::string topic = in.string();
        const std::int32_t partitions = in.array_length();
        for (std::int32_t p = 0; p < partitions; ++p) {
            FetchPartition partition;
            partition.partition = {topic, in.int32()};
            if (version >= 9) partition.current_leader_epoch = LeaderEpoch{in.int32()};
            partition.fetch_offset = Offset{in.int64()};
            if (version >= 5) in.int64();  // log_start_offset: only followers send one
            partition.partition_max_bytes = in.int32();
            request->partitions.push_back(std::move(partition));
        }
    }
    if (version >= 7) {
        const std::int32_t forgotten = in.array_length();  // nothing to forget without sessions
        for (std::int32_t t = 0; t < forgotten; ++t) {
            in.string();
            const std::int32_t partitions = in.array_length();
            for (std::int32_t p = 0; p < partitions; ++p) in.int32();
        }
    }
    if (version >= 11) in.string();  // rack_id: no fetching from followers (KIP-392)
    return request;
}

void encode_fetch_response(WireWriter& out, const FetchResponse& response, std::int16_t version) {
    out.int32(0);  // throttle_time_ms
    if (version >= 7) {
        out.int16(0);  // error_code
        out.int32(0);  // session_id: no session
    }
    write_nested_by_topic(out, response.partitions, [&](const FetchPartitionResponse& partition) {
        out.int32(partition.partition.partition);
        out.int16(static_cast<std::int16_t>(partition.error));
        out.int64(partition.high_watermark.value);
        out.int64(partition.high_watermark.value);  // last_stable_offset: no open transactions
        if (version >= 5) out.int64(partition.log_start_offset.value);
        out.array_length(-1);  // aborted_transactions: none
        if (version >= 11) out.int32(-1);  // preferred_read_replica: the leader
        const std::size_t length_at = out.size();
        out.int32(0);
        for (const StoredBatch& batch : partition.batches) encode_record_batch(out, batch);
        out.put_int32_at(length_at, static_cast<std::int32_t>(out.size() - length_at - 4));
    });
}

}  // namespace kafkalab::kafka::wire
