// Record batches, magic v2, as the codec writes them into Fetch responses: read back
// here byte by byte at the offsets of Kafka's DefaultRecordBatch and DefaultRecord
// layouts.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "broker_model/log/record_data.h"
#include "broker_model/log/stored_batch.h"
#include "broker_model/wire/crc32c.h"
#include "broker_model/wire/record_batch.h"
#include "broker_model/wire/wire_reader.h"
#include "wire/record_batch_test_support.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::wire;
using namespace kafkalab::kafka::wire::testing;

namespace {

std::int32_t int32_at(const std::string& bytes, std::size_t offset) {
    WireReader in(std::string_view(bytes).substr(offset, 4));
    return in.int32();
}

/// The header fields a client reads from a batch, in wire order.
struct ReadHeader {
    std::int64_t base_offset;
    std::int32_t batch_length;
    std::int32_t leader_epoch;
    std::int8_t magic;
    std::uint32_t crc;
    std::int16_t attributes;
    std::int32_t last_offset_delta;
    std::int64_t base_timestamp;
    std::int64_t max_timestamp;
    std::int64_t producer_id;
    std::int16_t producer_epoch;
    std::int32_t base_sequence;
    std::int32_t record_count;
};

ReadHeader read_header(WireReader& in) {
    ReadHeader header{};
    header.base_offset = in.int64();
    header.batch_length = in.int32();
    header.leader_epoch = in.int32();
    header.magic = in.int8();
    header.crc = in.uint32();
    header.attributes = in.int16();
    header.last_offset_delta = in.int32();
    header.base_timestamp = in.int64();
    header.max_timestamp = in.int64();
    header.producer_id = in.int64();
    header.producer_epoch = in.int16();
    header.base_sequence = in.int32();
    header.record_count = in.int32();
    return header;
}

struct ReadRecord {
    std::int64_t timestamp_delta;
    std::int32_t offset_delta;
    std::optional<std::string> key;
    std::optional<std::string> value;
};

/// One record as DefaultRecord lays it out, checking its length prefix.
ReadRecord read_record(WireReader& in) {
    const std::int32_t length = in.varint();
    REQUIRE(length > 0);
    const std::size_t start = in.position();
    ReadRecord record{};
    REQUIRE(in.int8() == 0);  // attributes
    record.timestamp_delta = in.varlong();
    record.offset_delta = in.varint();
    const std::int32_t key_length = in.varint();
    if (key_length >= 0) record.key = std::string(in.raw(static_cast<std::size_t>(key_length)));
    const std::int32_t value_length = in.varint();
    if (value_length >= 0) record.value = std::string(in.raw(static_cast<std::size_t>(value_length)));
    REQUIRE(in.varint() == 0);  // headers
    REQUIRE(in.position() - start == static_cast<std::size_t>(length));
    return record;
}

}  // namespace

TEST_CASE("An encoded batch has Kafka's v2 header layout") {
    const auto data = three_records();
    const StoredBatch batch = StoredBatch::whole(data, Offset{40}, LeaderEpoch{7}, {ProducerId{4000}, ProducerEpoch{2}, 10});
    const std::string bytes = encoded(batch);

    REQUIRE(bytes.size() > records_offset);
    REQUIRE(bytes[magic_offset] == 2);
    REQUIRE(int32_at(bytes, length_offset) == static_cast<std::int32_t>(bytes.size() - 12));
    REQUIRE(int32_at(bytes, leader_epoch_offset) == 7);
    REQUIRE(static_cast<std::uint32_t>(int32_at(bytes, crc_offset)) ==
            crc32c(std::string_view(bytes).substr(attributes_offset)));

    WireReader in(bytes);
    const ReadHeader header = read_header(in);
    REQUIRE(in.position() == records_offset);
    REQUIRE(header.base_offset == 40);
    REQUIRE(header.attributes == 0);  // no compression, CreateTime, not transactional
    REQUIRE(header.last_offset_delta == 2);
    REQUIRE(header.base_timestamp == t0);
    REQUIRE(header.max_timestamp == t0 + 5);
    REQUIRE(header.producer_id == 4000);
    REQUIRE(header.producer_epoch == 2);
    REQUIRE(header.base_sequence == 10);
    REQUIRE(header.record_count == 3);

    const ReadRecord first = read_record(in);
    REQUIRE(first.timestamp_delta == 0);
    REQUIRE(first.offset_delta == 0);
    REQUIRE(first.key == std::optional<std::string>("user-1"));
    REQUIRE(first.value == std::optional<std::string>("hello"));
    const ReadRecord second = read_record(in);
    REQUIRE(second.timestamp_delta == 5);
    REQUIRE(second.offset_delta == 1);
    REQUIRE_FALSE(second.key.has_value());
    REQUIRE(second.value == std::optional<std::string>("world"));
    const ReadRecord third = read_record(in);
    REQUIRE(third.timestamp_delta == -2);
    REQUIRE(third.offset_delta == 2);
    REQUIRE(third.key == std::optional<std::string>(""));  // empty, not null
    REQUIRE(third.value == std::optional<std::string>(""));
    REQUIRE(in.remaining() == 0);
}

TEST_CASE("A batch from a producer without idempotence carries -1 producer fields") {
    const StoredBatch batch = StoredBatch::whole(three_records(), Offset{0}, LeaderEpoch{0});
    const std::string bytes = encoded(batch);
    WireReader header_in(bytes);
    const ReadHeader header = read_header(header_in);
    REQUIRE(header.producer_id == -1);
    REQUIRE(header.producer_epoch == -1);
    REQUIRE(header.base_sequence == -1);
    REQUIRE(header.leader_epoch == 0);
}

TEST_CASE("A window of a batch encodes only its records with offset deltas from 0") {
    const auto data = RecordDataBuilder()
                          .add("k0", "v0", t0, 1)
                          .add("k1", "v1", t0 + 10, 2)
                          .add("k2", "v2", t0 + 30, 3)
                          .add("k3", "v3", t0 + 20, 4)
                          .build();
    const StoredBatch whole = StoredBatch::whole(data, Offset{100}, LeaderEpoch{4}, {ProducerId{9}, ProducerEpoch{1}, 50});
    const StoredBatch window = whole.slice(Offset{101}, Offset{103});
    const std::string bytes = encoded(window);

    WireReader in(bytes);
    const ReadHeader header = read_header(in);
    REQUIRE(header.base_offset == 101);
    REQUIRE(header.batch_length == static_cast<std::int32_t>(bytes.size() - 12));
    REQUIRE(header.last_offset_delta == 1);
    REQUIRE(header.record_count == 2);
    REQUIRE(header.base_timestamp == t0 + 10);
    REQUIRE(header.max_timestamp == t0 + 30);
    REQUIRE(header.base_sequence == 51);
    const ReadRecord first = read_record(in);
    REQUIRE(first.offset_delta == 0);
    REQUIRE(first.timestamp_delta == 0);
    REQUIRE(first.key == std::optional<std::string>("k1"));
    const ReadRecord second = read_record(in);
    REQUIRE(second.offset_delta == 1);
    REQUIRE(second.timestamp_delta == 20);
    REQUIRE(second.value == std::optional<std::string>("v2"));
    REQUIRE(in.remaining() == 0);

    const auto batches = decode_record_batches(bytes);
    REQUIRE(batches.size() == 1);
    REQUIRE(batches[0].base_offset == 101);
    REQUIRE(batches[0].records.size() == 2);
    REQUIRE(batches[0].records[0].value == "v1");
    REQUIRE(batches[0].records[1].value == "v2");
    REQUIRE(batches[0].records[1].timestamp_ms == t0 + 30);
}

TEST_CASE("A synthetic value encodes as that many zero bytes") {
    const auto data = RecordDataBuilder().add_synthetic("bench-key", 300, t0, 1).add_synthetic(std::nullopt, 0, t0, 2).build();
    const std::string bytes = encoded(StoredBatch::whole(data, Offset{0}, LeaderEpoch{0}));
    WireReader in(bytes);
    read_header(in);
    const ReadRecord first = read_record(in);
    REQUIRE(first.key == std::optional<std::string>("bench-key"));
    REQUIRE(first.value == std::optional<std::string>(std::string(300, '\0')));
    const ReadRecord second = read_record(in);
    REQUIRE(second.value == std::optional<std::string>(""));
    REQUIRE(in.remaining() == 0);

    const auto batches = decode_record_batches(bytes);
    REQUIRE(batches[0].records[0].value == std::string(300, '\0'));
}

TEST_CASE("A record longer than 63 bytes takes a two-byte length varint") {
    const std::string value(200, 'v');
    const std::string bytes =
        encoded(StoredBatch::whole(RecordDataBuilder().add(std::nullopt, value, t0, 1).build(), Offset{0}, LeaderEpoch{0}));
    WireReader in(bytes);
    read_header(in);
    REQUIRE(read_record(in).value == std::optional<std::string>(value));
    REQUIRE(in.remaining() == 0);
}
