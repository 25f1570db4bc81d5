#include "broker_model/wire/consumer_protocol.h"

#include "broker_model/wire/topic_groups.h"
#include "broker_model/wire/wire_reader.h"
#include "broker_model/wire/wire_writer.h"

namespace kafkalab::kafka::wire {

namespace {

// The [topic, [partition]] list that both messages use, flattened in order.
std::vector<TopicPartition> read_topic_partitions(WireReader& in) {
    std::vector<TopicPartition> partitions;
    const std::int32_t topics = in.array_length();
    for (std::int32_t t = 0; t < topics; ++t) {
        const std::string topic = in.string();
        const std::int32_t count = in.array_length();
        for (std::int32_t p = 0; p < count; ++p) partitions.push_back({topic, in.int32()});
    }
    return partitions;
}

void write_topic_partitions(WireWriter& out, const std::vector<TopicPartition>& partitions) {
    const auto runs = topic_runs(partitions, [](const TopicPartition& tp) -> std::string_view { return tp.topic; });
    out.array_length(static_cast<std::int32_t>(runs.size()));
    for (const TopicRun& run : runs) {
        out.string(run.topic);
        out.array_length(static_cast<std::int32_t>(run.end - run.begin));
        for (std::size_t i = run.begin; i < run.end; ++i) out.int32(partitions[i].partition);
    }
}

}  // namespace

std::optional<GroupProtocol> decode_subscription(std::string_view bytes) {
    try {
        WireReader in(bytes);
        const std::int16_t version = in.int16();
        if (version < 0) return std::nullopt;
        GroupProtocol protocol;
        const std::int32_t topics = in.array_length();
        for (std::int32_t t = 0; t < topics; ++t) protocol.topics.push_back(in.string());
        in.nullable_bytes();  // user_data
        if (version >= 1) protocol.owned_partitions = read_topic_partitions(in);
        if (version >= 2) protocol.generation = in.int32();
        if (version >= 3) in.nullable_string();  // rack_id
        return protocol;
    } catch (const MalformedFrame&) {
        return std::nullopt;
    }
}

std::string encode_subscription(const GroupProtocol& protocol) {
    const bool with_generation = protocol.generation >= 0;
    WireWriter out;
    out.int16(with_generation ? 2 : 1);
    out.array_length(static_cast<std::int32_t>(protocol.topics.size()));
    for (const auto& topic : protocol.topics) out.string(topic);
    out.bytes("");  // user_data
    write_topic_partitions(out, protocol.owned_partitions);
    if (with_generation) out.int32(protocol.generation);
    return out.take();
}

std::optional<std::vector<TopicPartition>> decode_assignment(std::string_view bytes) {
    if (bytes.empty()) return std::vector<TopicPartition>{};
    try {
        WireReader in(bytes);
        if (in.int16() < 0) return std::nullopt;  // version
        auto partitions = read_topic_partitions(in);
        in.nullable_bytes();  // user_data
        return partitions;
    } catch (const MalformedFrame&) {
        return std::nullopt;
    }
}

std::string encode_assignment(const std::vector<TopicPartition>& partitions) {
    WireWriter out;
    out.int16(0);
    write_topic_partitions(out, partitions);
    out.bytes("");  // user_data
    return out.take();
}

}  // namespace kafkalab::kafka::wire
