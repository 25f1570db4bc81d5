// Produce v3-7 bodies. Requests are written here field by field as a client writes them
// from Kafka's message schemas (record batches by client_record_batch.h); responses are
// read back field by field the same way.
#include <catch2/catch.hpp>

#include <tuple>

#include "broker_model/wire/api_codecs.h"
#include "broker_model/wire/record_batch.h"
#include "wire/client_record_batch.h"
#include "wire/codec_test_support.h"
#include "wire/record_batch_test_support.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::wire;
using namespace kafkalab::kafka::wire::testing;

namespace {

/// What the decoder asked the context for, one entry per record.
struct RecordIdCall {
    TopicPartition partition;
    std::optional<std::string> key;
    std::string value;
    std::int64_t timestamp_ms;
};

/// A context that numbers records from 1000 and remembers the calls.
DecodeContext numbering_context(std::vector<RecordIdCall>& calls) {
    DecodeContext context;
    context.record_id = [&calls](const TopicPartition& partition, std::optional<std::string_view> key,
                                 std::string_view value, std::int64_t timestamp_ms) -> RecordId {
        calls.push_back({partition, key ? std::optional<std::string>(*key) : std::nullopt, std::string(value),
                         timestamp_ms});
        return 1000 + calls.size() - 1;
    };
    context.client_host = "/127.0.0.1";
    return context;
}

/// One partition's RECORDS field as a client sends it: the bytes, or null.
struct ClientPartitionData {
    std::int32_t partition;
    std::optional<std::string> records;
};

std::string produce_body(std::optional<std::string> transactional_id, std::int16_t acks,
                         const std::vector<std::pair<std::string, std::vector<ClientPartitionData>>>& topics) {
    WireWriter out;
    out.nullable_string(transactional_id);
    out.int16(acks);
    out.int32(30'000);  // timeout_ms
    out.array_length(static_cast<std::int32_t>(topics.size()));
    for (const auto& [topic, partitions] : topics) {
        out.string(topic);
        out.array_length(static_cast<std::int32_t>(partitions.size()));
        for (const ClientPartitionData& data : partitions) {
            out.int32(data.partition);
            out.nullable_bytes(data.records ? std::optional<std::string_view>(*data.records) : std::nullopt);
        }
    }
    return out.take();
}

std::string batch_of(std::vector<ClientRecord> records, std::int64_t producer_id = -1, std::int16_t epoch = -1,
                     std::int32_t sequence = -1) {
    ClientBatch batch;
    batch.base_timestamp = t0;
    batch.producer_id = producer_id;
    batch.producer_epoch = epoch;
    batch.base_sequence = sequence;
    batch.records = std::move(records);
    return client_record_batch(batch);
}

std::shared_ptr<ProduceRequest> decode_produce(const std::string& body, std::int16_t version,
                                               const DecodeContext& context) {
    return decode_body<ProduceRequest>(
        [&](WireReader& in, std::int16_t v) { return decode_produce_request(in, v, context); }, body, version);
}

}  // namespace

TEST_CASE("Produce requests decode partitions records and producer fields in every version") {
    for (std::int16_t version = 3; version <= 7; ++version) {
        CAPTURE(version);
        std::vector<RecordIdCall> calls;
        const DecodeContext context = numbering_context(calls);
        const std::string body = produce_body(
            std::nullopt, -1,
            {{"orders",
              {{0, batch_of({{std::string("user-1"), std::string("a"), 0, {}}, {std::nullopt, std::string("b"), 3, {}}},
                            4000, 2, 10)},
               {2, batch_of({{std::string("user-2"), std::string("c"), 1, {}}})}}},
             {"payments", {{1, batch_of({{std::string(""), std::string(""), 0, {{"h", std::string("v")}}}})}}}});
        const auto request = decode_produce(body, version, context);
        REQUIRE(request->acks == Acks::all);
        REQUIRE(request->timeout_ms == 30'000);
        REQUIRE(request->partitions.size() == 3);

        const ProducePartitionData& orders0 = request->partitions[0];
        REQUIRE(orders0.partition == TopicPartition{"orders", 0});
        REQUIRE(orders0.producer.producer_id == ProducerId{4000});
        REQUIRE(orders0.producer.producer_epoch == ProducerEpoch{2});
        REQUIRE(orders0.producer.base_sequence == 10);
        REQUIRE(orders0.records->record_count() == 2);
        REQUIRE(orders0.records->key(0) == std::optional<std::string_view>("user-1"));
        REQUIRE(orders0.records->value(0) == "a");
        REQUIRE(orders0.records->timestamp_ms(0) == t0);
        REQUIRE_FALSE(orders0.records->key(1).has_value());
        REQUIRE(orders0.records->value(1) == "b");
        REQUIRE(orders0.records->timestamp_ms(1) == t0 + 3);
        REQUIRE(orders0.records->record_id(0) == 1000);
        REQUIRE(orders0.records->record_id(1) == 1001);

        const ProducePartitionData& orders2 = request->partitions[1];
        REQUIRE(orders2.partition == TopicPartition{"orders", 2});
        REQUIRE_FALSE(orders2.producer.is_idempotent());
        REQUIRE(orders2.producer.base_sequence == -1);
        REQUIRE(orders2.records->record_count() == 1);
        REQUIRE(orders2.records->record_id(0) == 1002);
        REQUIRE(orders2.records->timestamp_ms(0) == t0 + 1);

        const ProducePartitionData& payments1 = request->partitions[2];
        REQUIRE(payments1.partition == TopicPartition{"payments", 1});
        REQUIRE(payments1.records->key(0) == std::optional<std::string_view>(""));
        REQUIRE(payments1.records->value(0).empty());
        REQUIRE(payments1.records->record_id(0) == 1003);

        // The context saw every record once, in the request's order.
        REQUIRE(calls.size() == 4);
        REQUIRE(calls[0].partition == TopicPartition{"orders", 0});
        REQUIRE(calls[0].key == std::optional<std::string>("user-1"));
        REQUIRE(calls[0].value == "a");
        REQUIRE(calls[0].timestamp_ms == t0);
        REQUIRE(calls[1].partition == TopicPartition{"orders", 0});
        REQUIRE_FALSE(calls[1].key.has_value());
        REQUIRE(calls[1].timestamp_ms == t0 + 3);
        REQUIRE(calls[2].partition == TopicPartition{"orders", 2});
        REQUIRE(calls[2].value == "c");
        REQUIRE(calls[3].partition == TopicPartition{"payments", 1});
    }
}

TEST_CASE("Produce requests read acks and a transactional id") {
    std::vector<RecordIdCall> calls;
    const DecodeContext context = numbering_context(calls);
    const std::string records = batch_of({{std::nullopt, std::string("v"), 0, {}}});
    const std::tuple<std::int16_t, Acks> cases[] = {{-1, Acks::all}, {0, Acks::none}, {1, Acks::leader}};
    for (const auto& [wire_acks, acks] : cases) {
        CAPTURE(wire_acks);
        const auto request = decode_produce(produce_body(std::string("txn-1"), wire_acks, {{"orders", {{0, records}}}}), 7, context);
        REQUIRE(request->acks == acks);
    }
}

TEST_CASE("Produce requests with gzip-compressed batches decode their records") {
    std::vector<RecordIdCall> calls;
    const DecodeContext context = numbering_context(calls);
    ClientBatch batch;
    batch.attributes = 1;
    batch.base_timestamp = t0;
    batch.records = {{std::string("k"), std::string(500, 'z'), 0, {}}, {std::string("k"), std::string("tail"), 2, {}}};
    const auto request = decode_produce(produce_body(std::nullopt, 1, {{"orders", {{0, client_record_batch(batch)}}}}), 7, context);
    REQUIRE(request->partitions.size() == 1);
    REQUIRE(request->partitions[0].records->record_count() == 2);
    REQUIRE(request->partitions[0].records->value(0) == std::string(500, 'z'));
    REQUIRE(request->partitions[0].records->value(1) == "tail");
    REQUIRE(request->partitions[0].records->record_id(1) == 1001);
}

TEST_CASE("Produce requests with acks outside -1 0 1 are refused") {
    std::vector<RecordIdCall> calls;
    const DecodeContext context = numbering_context(calls);
    const std::string records = batch_of({{std::nullopt, std::string("v"), 0, {}}});
    for (const std::int16_t acks : {std::int16_t{2}, std::int16_t{-2}, std::int16_t{100}}) {
        CAPTURE(acks);
        const std::string body = produce_body(std::nullopt, acks, {{"orders", {{0, records}}}});
        WireReader in(body);
        REQUIRE_THROWS_AS(decode_produce_request(in, 7, context), MalformedFrame);
    }
    REQUIRE(calls.empty());
}

TEST_CASE("Produce requests with zero or two batches for a partition are refused") {
    std::vector<RecordIdCall> calls;
    const DecodeContext context = numbering_context(calls);
    const std::string one = batch_of({{std::nullopt, std::string("v"), 0, {}}});
    for (const std::optional<std::string>& records :
         {std::optional<std::string>(std::nullopt), std::optional<std::string>(""), std::optional<std::string>(one + one)}) {
        CAPTURE(records.has_value());
        const std::string body = produce_body(std::nullopt, -1, {{"orders", {{0, records}}}});
        for (std::int16_t version = 3; version <= 7; ++version) {
            CAPTURE(version);
            WireReader in(body);
            REQUIRE_THROWS_AS(decode_produce_request(in, version, context), MalformedFrame);
        }
    }
}

TEST_CASE("Produce requests with a corrupt batch are refused") {
    std::vector<RecordIdCall> calls;
    const DecodeContext context = numbering_context(calls);
    std::string records = batch_of({{std::nullopt, std::string("value"), 0, {}}});
    records.back() = static_cast<char>(records.back() ^ 0x40);
    const std::string body = produce_body(std::nullopt, -1, {{"orders", {{0, records}}}});
    WireReader in(body);
    REQUIRE_THROWS_AS(decode_produce_request(in, 7, context), MalformedFrame);
}

TEST_CASE("Every truncation of a Produce request is refused") {
    std::vector<RecordIdCall> calls;
    const DecodeContext context = numbering_context(calls);
    const std::string body = produce_body(
        std::string("txn"), 1,
        {{"orders", {{0, batch_of({{std::string("k"), std::string("v"), 0, {}}})}}},
         {"payments", {{3, batch_of({{std::nullopt, std::string("w"), 0, {}}})}}}});
    require_every_prefix_throws(
        [&](WireReader& in, std::int16_t version) { return decode_produce_request(in, version, context); }, body, 7);
}

TEST_CASE("Produce responses nest partitions under runs of one topic with throttle time last in every version") {
    ProduceResponse response;
    response.partitions = {{{"orders", 0}, Error::none, Offset{42}, Offset{3}},
                           {{"payments", 0}, Error::not_leader_or_follower, Offset{-1}, Offset{-1}},
                           {{"orders", 1}, Error::none, Offset{7}, Offset{0}},
                           {{"orders", 2}, Error::unknown_topic_or_partition, Offset{-1}, Offset{-1}}};
    for (std::int16_t version = 3; version <= 7; ++version) {
        CAPTURE(version);
        WireWriter out;
        encode_produce_response(out, response, version);
        WireReader in(out.buffer());
        REQUIRE(in.array_length() == 3);
        const auto partition = [&](std::int32_t index, std::int16_t error, std::int64_t base_offset,
                                   std::int64_t log_start_offset) {
            REQUIRE(in.int32() == index);
            REQUIRE(in.int16() == error);
            REQUIRE(in.int64() == base_offset);
            REQUIRE(in.int64() == -1);  // log_append_time_ms: CreateTime
            if (version >= 5) REQUIRE(in.int64() == log_start_offset);
        };
        REQUIRE(in.string() == "orders");
        REQUIRE(in.array_length() == 1);
        partition(0, 0, 42, 3);
        REQUIRE(in.string() == "payments");
        REQUIRE(in.array_length() == 1);
        partition(0, 6, -1, -1);
        REQUIRE(in.string() == "orders");
        REQUIRE(in.array_length() == 2);
        partition(1, 0, 7, 0);
        partition(2, 3, -1, -1);
        REQUIRE(in.int32() == 0);  // throttle_time_ms, after the responses
        REQUIRE(in.remaining() == 0);
    }
}

TEST_CASE("Produce responses without partitions are an empty array and throttle time") {
    WireWriter out;
    encode_produce_response(out, ProduceResponse{}, 7);
    WireReader in(out.buffer());
    REQUIRE(in.array_length() == 0);
    REQUIRE(in.int32() == 0);
    REQUIRE(in.remaining() == 0);
}

// Kafka accepts any record timestamps in one batch (timestamp deltas are varlongs),
// but RecordData keeps a 32-bit delta from the first record (about 24.8 days). Such a
// batch is refused whole, before any record gets an id, rather than stored wrong.
TEST_CASE("Produce requests whose timestamps span more than 24.8 days are refused before any record id") {
    std::vector<RecordIdCall> calls;
    const DecodeContext context = numbering_context(calls);
    constexpr std::int64_t thirty_days_ms = 30LL * 24 * 3600 * 1000;
    const std::string body = produce_body(
        std::nullopt, -1,
        {{"orders",
          {{0, batch_of({{std::nullopt, std::string("old"), 0, {}},
                         {std::nullopt, std::string("new"), thirty_days_ms, {}}})}}}});
    WireReader in(body);
    REQUIRE_THROWS_WITH(decode_produce_request(in, 7, context), Catch::Contains("24.8 days"));
    CHECK(calls.empty());
}

TEST_CASE("A Produce request refused in a later partition hands out no record ids") {
    std::vector<RecordIdCall> calls;
    const DecodeContext context = numbering_context(calls);
    std::string body = produce_body(std::nullopt, -1,
                                    {{"orders", {{0, batch_of({{std::nullopt, std::string("fine"), 0, {}}})},
                                                 {1, batch_of({{std::nullopt, std::string("cut"), 0, {}}})}}}});
    body.resize(body.size() - 3);  // the second partition's batch ends early
    WireReader in(body);
    REQUIRE_THROWS_AS(decode_produce_request(in, 7, context), MalformedFrame);
    CHECK(calls.empty());
}
