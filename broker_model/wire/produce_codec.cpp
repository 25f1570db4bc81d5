// Produce v3-7. Request: transactional_id, acks, timeout_ms, then per topic and
// partition one RECORDS field. Response: per topic and partition error_code,
// base_offset, log_append_time_ms, log_start_offset (v5+); throttle_time_ms last.
#include <fmt/format.h>

#include "broker_model/wire/api_codecs.h"
#include "broker_model/wire/record_batch.h"
#include "broker_model/wire/topic_groups.h"

namespace kafkalab::kafka::wire {

namespace {

/// RecordData keeps each record's timestamp as a 32-bit delta from the first: about
/// 24.8 days either way. A batch spanning more is valid Kafka the simulation cannot
/// store, so it is refused rather than stored wrong.
void check_timestamps(const DecodedBatch& batch, const TopicPartition& partition) {
    const std::int64_t first = batch.records.front().timestamp_ms;
    for (const DecodedRecord& record : batch.records) {
        const auto delta = static_cast<std::int64_t>(static_cast<std::uint64_t>(record.timestamp_ms) -
                                                     static_cast<std::uint64_t>(first));
        if (delta < INT32_MIN || delta > INT32_MAX) {
            throw MalformedFrame(fmt::format("Produce to {}: record timestamps {} and {} ms are further apart "
                                             "than the simulation stores (24.8 days)",
                                             partition.to_string(), first, record.timestamp_ms));
        }
    }
}

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

DecodedProduce decode_produce_body(WireReader& in, std::int16_t /*version*/) {
    DecodedProduce decoded;
    in.nullable_string();  // transactional_id: transactions are not modelled
    decoded.acks = in.int16();
    if (decoded.acks != 0 && decoded.acks != 1 && decoded.acks != -1) {
        throw MalformedFrame(fmt::format("Produce with acks={}", decoded.acks));
    }
    decoded.timeout_ms = in.int32();
    const std::int32_t topics = in.array_length();
    for (std::int32_t t = 0; t < topics; ++t) {
        std::string topic = in.string();
        const std::int32_t partitions = in.array_length();
        for (std::int32_t p = 0; p < partitions; ++p) {
            DecodedProduce::Partition partition{{topic, in.int32()}, {}};
            const auto records = in.nullable_bytes();
            partition.batches = decode_record_batches(records.value_or(std::string_view{}));
            const std::string name = partition.partition.to_string();
            // Kafka's rule for v3 and later: exactly one batch per partition.
            if (partition.batches.size() != 1) {
                throw MalformedFrame(fmt::format("Produce to {} carries {} record batches, not one", name,
                                                 partition.batches.size()));
            }
            if (partition.batches.front().records.empty()) {
                throw MalformedFrame(fmt::format("Produce to {} carries an empty batch", name));
            }
            check_timestamps(partition.batches.front(), partition.partition);
            decoded.partitions.push_back(std::move(partition));
        }
    }
    return decoded;
}

RequestPtr build_produce_request(const DecodedProduce& decoded, const DecodeContext& context) {
    auto request = std::make_shared<ProduceRequest>();
    request->acks = static_cast<Acks>(decoded.acks);
    request->timeout_ms = decoded.timeout_ms;
    for (const auto& partition : decoded.partitions) {
        const DecodedBatch& batch = partition.batches.front();
        request->partitions.push_back({partition.partition, to_record_data(batch, partition.partition, context),
                                       batch.producer});
    }
    return request;
}

RequestPtr decode_produce_request(WireReader& in, std::int16_t version, const DecodeContext& context) {
    return build_produce_request(decode_produce_body(in, version), context);
}

void encode_produce_response(WireWriter& out, const ProduceResponse& response, std::int16_t version) {
    write_nested_by_topic(out, response.partitions, [&](const ProducePartitionResponse& partition) {
        out.int32(partition.partition.partition);
        out.int16(static_cast<std::int16_t>(partition.error));
        out.int64(partition.base_offset.value);
        out.int64(-1);  // log_append_time_ms: topics use CreateTime
        if (version >= 5) out.int64(partition.log_start_offset.value);
    });
    out.int32(0);  // throttle_time_ms
}

}  // namespace kafkalab::kafka::wire
