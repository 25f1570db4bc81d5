// Topic administration and producer ids: CreateTopics v0-4, DeleteTopics v0-3 and
// InitProducerId v0-4. CreateTopics and DeleteTopics stay below their first flexible
// versions (supported_apis.cpp), so their strings and arrays are the classic ones.
// InitProducerId is flexible from v2: a compact transactional id and a tagged-field
// section closing the request and the response.
#include <algorithm>
#include <utility>

#include "broker_model/wire/api_codecs.h"

namespace kafkalab::kafka::wire {

namespace {

/// Explicit replica lists arrive keyed by partition index; the model wants them in
/// partition order. Kafka rejects indexes that are not exactly 0..n-1, and so does
/// this: the topic then asks for zero partitions and no assignment, which the
/// controller answers with INVALID_PARTITIONS instead of creating holes.
void set_assignment(NewTopic& topic, std::vector<std::pair<std::int32_t, std::vector<BrokerId>>> replicas) {
    std::sort(replicas.begin(), replicas.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < replicas.size(); ++i) {
        if (replicas[i].first != static_cast<std::int32_t>(i) || replicas[i].second.empty()) {
            topic.num_partitions = 0;
            topic.assignment.clear();
            return;
        }
        topic.assignment.push_back(std::move(replicas[i].second));
    }
}

NewTopic read_new_topic(WireReader& in) {
    NewTopic topic;
    topic.name = in.string();
    topic.num_partitions = in.int32();
    topic.replication_factor = in.int16();
    std::vector<std::pair<std::int32_t, std::vector<BrokerId>>> replicas;
    const std::int32_t assignments = in.array_length();
    for (std::int32_t a = 0; a < assignments; ++a) {
        auto& [partition, brokers] = replicas.emplace_back();
        partition = in.int32();
        const std::int32_t count = in.array_length();
        for (std::int32_t b = 0; b < count; ++b) brokers.push_back(BrokerId{in.int32()});
    }
    if (!replicas.empty()) set_assignment(topic, std::move(replicas));
    const std::int32_t configs = in.array_length();
    for (std::int32_t c = 0; c < configs; ++c) {
        std::string name = in.string();
        // A null value asks for the default, as leaving the config out does.
        if (auto value = in.nullable_string()) topic.configs[std::move(name)] = std::move(*value);
    }
    return topic;
}

}  // namespace

RequestPtr decode_create_topics_request(WireReader& in, std::int16_t version) {
    auto request = std::make_shared<CreateTopicsRequest>();
    const std::int32_t topics = in.array_length();
    for (std::int32_t t = 0; t < topics; ++t) request->topics.push_back(read_new_topic(in));
    request->timeout_ms = in.int32();
    if (version >= 1) request->validate_only = in.boolean();
    return request;
}

void encode_create_topics_response(WireWriter& out, const CreateTopicsResponse& response, std::int16_t version) {
    if (version >= 2) out.int32(0);  // throttle_time_ms
    out.array_length(static_cast<std::int32_t>(response.topics.size()));
    for (const TopicResult& topic : response.topics) {
        out.string(topic.name);
        out.int16(static_cast<std::int16_t>(topic.error));
        // Kafka sends null rather than an empty message.
        if (version >= 1) {
            out.nullable_string(topic.error_message.empty() ? std::nullopt : std::optional(topic.error_message));
        }
    }
}

RequestPtr decode_delete_topics_request(WireReader& in, std::int16_t /*version*/) {
    // v0-3 share one layout.
    auto request = std::make_shared<DeleteTopicsRequest>();
    const std::int32_t names = in.array_length();
    for (std::int32_t i = 0; i < names; ++i) request->names.push_back(in.string());
    request->timeout_ms = in.int32();
    return request;
}

void encode_delete_topics_response(WireWriter& out, const DeleteTopicsResponse& response, std::int16_t version) {
    if (version >= 1) out.int32(0);  // throttle_time_ms
    out.array_length(static_cast<std::int32_t>(response.topics.size()));
    for (const TopicResult& topic : response.topics) {
        out.string(topic.name);
        out.int16(static_cast<std::int16_t>(topic.error));
    }
}

RequestPtr decode_init_producer_id_request(WireReader& in, std::int16_t version) {
    // The model hands out idempotent producer ids only: a transactional id is read and
    // dropped, and a transactional producer gets a plain id it cannot use, since this
    // server lists none of the transaction APIs.
    const bool flexible = version >= 2;
    in.nullable_string(flexible);  // transactional_id
    in.int32();                    // transaction_timeout_ms
    if (version >= 3) {
        // The producer's current id and epoch, sent to resume after a fatal epoch error.
        // The model's request has no such fields: every request gets a fresh id.
        in.int64();  // producer_id
        in.int16();  // producer_epoch
    }
    if (flexible) in.skip_tagged_fields();
    return std::make_shared<InitProducerIdRequest>();
}

void encode_init_producer_id_response(WireWriter& out, const InitProducerIdResponse& response,
                                      std::int16_t version) {
    // v1-v4 share v0's fields; v4 only adds PRODUCER_FENCED to the errors it may carry.
    out.int32(0);  // throttle_time_ms
    out.int16(static_cast<std::int16_t>(response.error));
    out.int64(response.producer_id.value);
    out.int16(response.producer_epoch.value);
    if (version >= 2) out.empty_tagged_fields();
}

}  // namespace kafkalab::kafka::wire
