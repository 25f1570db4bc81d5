// Committed offsets: OffsetCommit v2-7 and OffsetFetch v1-7. OffsetCommit stays below
// its first flexible version (8), so its strings and arrays are the classic ones.
// OffsetFetch v6 and v7 are flexible: compact strings and arrays, and a tagged-field
// section closing every structure (the body, each topic, each partition). Leader
// epochs of committed offsets (KIP-320) are not modelled: read and dropped on commit,
// written as -1 (unknown) on fetch.
#include "broker_model/wire/api_codecs.h"
#include "broker_model/wire/topic_groups.h"

namespace kafkalab::kafka::wire {

namespace {

std::string_view topic_of_result(const std::pair<TopicPartition, Error>& result) { return result.first.topic; }
std::string_view topic_of_offset(const std::pair<TopicPartition, Offset>& offset) { return offset.first.topic; }

}  // namespace

RequestPtr decode_offset_commit_request(WireReader& in, std::int16_t version) {
    auto request = std::make_shared<OffsetCommitRequest>();
    request->group_id = in.string();
    request->generation_id = Generation{in.int32()};
    request->member_id = in.string();
    if (version >= 7) in.nullable_string();  // group_instance_id
    // Retention is the broker's offsets.retention.minutes from v5 on, and the model's always.
    if (version <= 4) in.int64();  // retention_time_ms
    const std::int32_t topics = in.array_length();
    for (std::int32_t t = 0; t < topics; ++t) {
        const std::string topic = in.string();
        const std::int32_t partitions = in.array_length();
        for (std::int32_t p = 0; p < partitions; ++p) {
            CommittedOffset committed;
            committed.partition = {topic, in.int32()};
            committed.offset = Offset{in.int64()};
            if (version >= 6) in.int32();  // committed_leader_epoch
            // Kafka stores a null metadata as its "no metadata", the empty string.
            committed.metadata = in.nullable_string().value_or("");
            request->offsets.push_back(std::move(committed));
        }
    }
    return request;
}

void encode_offset_commit_response(WireWriter& out, const OffsetCommitResponse& response, std::int16_t version) {
    if (version >= 3) out.int32(0);  // throttle_time_ms
    const auto& results = response.results;
    const auto runs = topic_runs(results, topic_of_result);
    out.array_length(static_cast<std::int32_t>(runs.size()));
    for (const TopicRun& run : runs) {
        out.string(run.topic);
        out.array_length(static_cast<std::int32_t>(run.end - run.begin));
        for (std::size_t i = run.begin; i < run.end; ++i) {
            out.int32(results[i].first.partition);
            out.int16(static_cast<std::int16_t>(results[i].second));
        }
    }
}

RequestPtr decode_offset_fetch_request(WireReader& in, std::int16_t version) {
    const bool flexible = version >= 6;
    auto request = std::make_shared<OffsetFetchRequest>();
    request->group_id = in.string(flexible);
    // From v2 a null topic list asks for every partition the group has committed.
    const std::int32_t topics = in.array_length(flexible, version >= 2);
    if (topics >= 0) request->partitions.emplace();
    for (std::int32_t t = 0; t < topics; ++t) {
        const std::string topic = in.string(flexible);
        const std::int32_t partitions = in.array_length(flexible);
        for (std::int32_t p = 0; p < partitions; ++p) request->partitions->push_back({topic, in.int32()});
        if (flexible) in.skip_tagged_fields();
    }
    // require_stable: the model has no transactions, so every committed offset is
    // stable and the flag changes nothing.
    if (version >= 7) in.boolean();
    if (flexible) in.skip_tagged_fields();
    return request;
}

void encode_offset_fetch_response(WireWriter& out, const OffsetFetchResponse& response, std::int16_t version) {
    const bool flexible = version >= 6;
    if (version >= 3) out.int32(0);  // throttle_time_ms
    // v1 has no group-level error: Kafka puts it on every partition instead.
    const Error partition_error = version >= 2 ? Error::none : response.error;
    const auto& offsets = response.offsets;
    const auto runs = topic_runs(offsets, topic_of_offset);
    out.array_length(static_cast<std::int32_t>(runs.size()), flexible);
    for (const TopicRun& run : runs) {
        out.string(run.topic, flexible);
        out.array_length(static_cast<std::int32_t>(run.end - run.begin), flexible);
        for (std::size_t i = run.begin; i < run.end; ++i) {
            out.int32(offsets[i].first.partition);
            out.int64(offsets[i].second.value);  // -1: nothing committed
            if (version >= 5) out.int32(-1);     // committed_leader_epoch
            // The model's response does not carry the committed metadata; "" is Kafka's
            // "no metadata", which it also writes for partitions with no commit.
            out.nullable_string(std::string(), flexible);
            out.int16(static_cast<std::int16_t>(partition_error));
            if (flexible) out.empty_tagged_fields();
        }
        if (flexible) out.empty_tagged_fields();
    }
    if (version >= 2) out.int16(static_cast<std::int16_t>(response.error));
    if (flexible) out.empty_tagged_fields();
}

}  // namespace kafkalab::kafka::wire
