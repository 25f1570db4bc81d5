// Produce v3-7. Request: transactional_id, acks, timeout_ms, then per topic and
// partition one RECORDS field. Response: per topic and partition error_code,
// base_offset, log_append_time_ms, log_start_offset (v5+); throttle_time_ms last.
#include <fmt/format.h>

#include "broker_model/wire/api_codecs.h"
#include "broker_model/wire/record_batch.h"
#include "broker_model/wire/topic_groups.h"

namespace kafkalab::kafka::wire {

namespace {

std::shared_ptr<const RecordData> to_record_data(const DecodedBatch& batch, const TopicPartition& partition,
                                                 const DecodeContext& context) {
    RecordDataBuilder builder(batch.records.size());
    for (const DecodedRecord& record : batch.records) {
        const RecordId id = context.record_id(partition, record.key, record.value, record.timestamp_ms);
        builder.add(record.key, record.value, record.timestamp_ms, id);
    }
    return builder.build();
}

}  // namespace

RequestPtr decode_produce_request(WireReader& in, std::int16_t /*version*/, const DecodeContext& context) {
    auto request = std::make_shared<ProduceRequest>();
    in.nullable_string();  // transactional_id: transactions are not modelled
    const std::int16_t acks = in.int16();
    if (acks != 0 && acks != 1 && acks != -1) throw MalformedFrame(fmt::format("Produce with acks={}", acks));
    request->acks = static_cast<Acks>(acks);
    request->timeout_ms = in.int32();
    const std::int32_t topics = in.array_length();
    for (std::int32_t t = 0; t < topics; ++t) {
        std::string topic = in.string();
        const std::int32_t partitions = in.array_length();
        for (std::int32_t p = 0; p < partitions; ++p) {
            TopicPartition partition{topic, in.int32()};
            const auto records = in.nullable_bytes();
            const auto batches = decode_record_batches(records.value_or(std::string_view{}));
            // Kafka's rule for v3 and later: exactly one batch per partition.
            if (batches.size() != 1) {
                throw MalformedFrame(fmt::format("Produce to {} carries {} record batches, not one",
                                                 partition.to_string(), batches.size()));
            }
            if (batches.front().records.empty()) {
                throw MalformedFrame(fmt::format("Produce to {} carries an empty batch", partition.to_string()));
            }
            ProducePartitionData data;
            data.records = to_record_data(batches.front(), partition, context);
            data.producer = batches.front().producer;
            data.partition = std::move(partition);
            request->partitions.push_back(std::move(data));
        }
    }
    return request;
}

void encode_produce_response(WireWriter& out, const ProduceResponse& response, std::int16_t version) {
    const auto& partitions = response.partitions;
    const auto runs = topic_runs(partitions, [](const ProducePartitionResponse& p) -> std::string_view {
        return p.partition.topic;
    });
    out.array_length(static_cast<std::int32_t>(runs.size()));
    for (const TopicRun& run : runs) {
        out.string(run.topic);
        out.array_length(static_cast<std::int32_t>(run.end - run.begin));
        for (std::size_t i = run.begin; i < run.end; ++i) {
            const ProducePartitionResponse& partition = partitions[i];
            out.int32(partition.partition.partition);
            out.int16(static_cast<std::int16_t>(partition.error));
            out.int64(partition.base_offset.value);
            out.int64(-1);  // log_append_time_ms: topics use CreateTime
            if (version >= 5) out.int64(partition.log_start_offset.value);
        }
    }
    out.int32(0);  // throttle_time_ms
}

}  // namespace kafkalab::kafka::wire
