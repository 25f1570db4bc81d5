// Record batches, magic v2, decoded: the CRC-32C, the batches the codec writes read back
// whole, and the batches clients write into Produce requests (written here by
// client_record_batch.h, not by the codec), compressed, corrupt or malformed.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "broker_model/log/record_data.h"
#include "broker_model/log/stored_batch.h"
#include "broker_model/wire/crc32c.h"
#include "broker_model/wire/record_batch.h"
#include "broker_model/wire/wire_reader.h"
#include "wire/client_record_batch.h"
#include "wire/record_batch_test_support.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::wire;
using namespace kafkalab::kafka::wire::testing;

namespace {

/// `batch`'s header (its first 61 bytes) around other record bytes, with the length
/// and CRC made to match, so that only the records are wrong.
std::string with_records(const std::string& batch, const std::string& records) {
    std::string bytes = batch.substr(0, records_offset) + records;
    WireWriter length;
    length.int32(static_cast<std::int32_t>(bytes.size() - 12));
    bytes.replace(length_offset, 4, length.buffer());
    WireWriter crc;
    crc.uint32(crc32c(std::string_view(bytes).substr(attributes_offset)));
    bytes.replace(crc_offset, 4, crc.buffer());
    return bytes;
}

ClientBatch two_client_records() {
    ClientBatch batch;
    batch.records = {{std::string("user-1"), std::string("hello"), 0, {}}, {std::nullopt, std::string("world"), 7, {}}};
    return batch;
}

}  // namespace

TEST_CASE("CRC-32C of the standard check string is E3069283") {
    REQUIRE(crc32c("123456789") == 0xE3069283U);
    REQUIRE(crc32c("") == 0U);
    // CRC-32C, not the zlib CRC-32 (CBF43926) of the same string.
    REQUIRE(crc32c("123456789") != 0xCBF43926U);
}

TEST_CASE("An encoded batch decodes to its keys values timestamps and header fields") {
    const StoredBatch batch =
        StoredBatch::whole(three_records(), Offset{1'000'000'000'000}, LeaderEpoch{12}, {ProducerId{77}, ProducerEpoch{3}, 500});
    const std::string bytes = encoded(batch);
    const auto batches = decode_record_batches(bytes);
    REQUIRE(batches.size() == 1);
    const DecodedBatch& decoded = batches.front();
    REQUIRE(decoded.base_offset == 1'000'000'000'000);
    REQUIRE(decoded.partition_leader_epoch == 12);
    REQUIRE(decoded.attributes == 0);
    REQUIRE(decoded.producer.producer_id == ProducerId{77});
    REQUIRE(decoded.producer.producer_epoch == ProducerEpoch{3});
    REQUIRE(decoded.producer.base_sequence == 500);
    REQUIRE(decoded.records.size() == 3);
    REQUIRE(decoded.records[0].key == std::optional<std::string_view>("user-1"));
    REQUIRE(decoded.records[0].value == "hello");
    REQUIRE(decoded.records[0].timestamp_ms == t0);
    REQUIRE_FALSE(decoded.records[1].key.has_value());
    REQUIRE(decoded.records[1].value == "world");
    REQUIRE(decoded.records[1].timestamp_ms == t0 + 5);
    REQUIRE(decoded.records[2].key == std::optional<std::string_view>(""));
    REQUIRE(decoded.records[2].value.empty());
    REQUIRE(decoded.records[2].timestamp_ms == t0 - 2);
}

TEST_CASE("Batches written back to back decode in order") {
    const auto data = three_records();
    WireWriter out;
    encode_record_batch(out, StoredBatch::whole(data, Offset{0}, LeaderEpoch{1}));
    encode_record_batch(out, StoredBatch::whole(RecordDataBuilder().add("k", "v", t0 + 9, 1).build(), Offset{3},
                                                LeaderEpoch{2}));
    const auto batches = decode_record_batches(out.buffer());
    REQUIRE(batches.size() == 2);
    REQUIRE(batches[0].base_offset == 0);
    REQUIRE(batches[0].records.size() == 3);
    REQUIRE(batches[1].base_offset == 3);
    REQUIRE(batches[1].partition_leader_epoch == 2);
    REQUIRE(batches[1].records.size() == 1);
    REQUIRE(batches[1].records[0].value == "v");
    REQUIRE(batches[1].records[0].timestamp_ms == t0 + 9);
    REQUIRE(decode_record_batches("").empty());
}

TEST_CASE("A flipped byte fails the CRC") {
    const std::string bytes = encoded(StoredBatch::whole(three_records(), Offset{0}, LeaderEpoch{0}));
    // Every byte the CRC covers: attributes to the last record.
    for (std::size_t at = attributes_offset; at < bytes.size(); ++at) {
        CAPTURE(at);
        std::string corrupt = bytes;
        corrupt[at] = static_cast<char>(corrupt[at] ^ 0x10);
        REQUIRE_THROWS_AS(decode_record_batches(corrupt), MalformedFrame);
    }
    std::string corrupt = bytes;
    corrupt.back() = static_cast<char>(corrupt.back() ^ 0x01);
    REQUIRE_THROWS_WITH(decode_record_batches(corrupt), Catch::Contains("CRC"));
    // The CRC field itself.
    corrupt = bytes;
    corrupt[crc_offset] = static_cast<char>(corrupt[crc_offset] ^ 0x01);
    REQUIRE_THROWS_WITH(decode_record_batches(corrupt), Catch::Contains("CRC"));
}

TEST_CASE("Base offset and leader epoch are outside the CRC") {
    // A broker rewrites both without recomputing the CRC (DefaultRecordBatch).
    std::string bytes = encoded(StoredBatch::whole(three_records(), Offset{0}, LeaderEpoch{0}));
    WireWriter base_offset;
    base_offset.int64(555);
    bytes.replace(0, 8, base_offset.buffer());
    WireWriter leader_epoch;
    leader_epoch.int32(9);
    bytes.replace(leader_epoch_offset, 4, leader_epoch.buffer());
    const auto batches = decode_record_batches(bytes);
    REQUIRE(batches[0].base_offset == 555);
    REQUIRE(batches[0].partition_leader_epoch == 9);
}

TEST_CASE("A client batch decodes with its producer fields") {
    ClientBatch client = two_client_records();
    client.producer_id = 31;
    client.producer_epoch = 0;
    client.base_sequence = 0;
    client.partition_leader_epoch = -1;
    const std::string bytes = client_record_batch(client);  // the records view these bytes
    const auto batches = decode_record_batches(bytes);
    REQUIRE(batches.size() == 1);
    REQUIRE(batches[0].base_offset == 0);
    REQUIRE(batches[0].partition_leader_epoch == -1);
    REQUIRE(batches[0].producer.producer_id == ProducerId{31});
    REQUIRE(batches[0].producer.producer_epoch == ProducerEpoch{0});
    REQUIRE(batches[0].producer.base_sequence == 0);
    REQUIRE(batches[0].records.size() == 2);
    REQUIRE(batches[0].records[0].key == std::optional<std::string_view>("user-1"));
    REQUIRE(batches[0].records[0].timestamp_ms == client.base_timestamp);
    REQUIRE_FALSE(batches[0].records[1].key.has_value());
    REQUIRE(batches[0].records[1].value == "world");
    REQUIRE(batches[0].records[1].timestamp_ms == client.base_timestamp + 7);
}

TEST_CASE("A gzip-compressed client batch decodes") {
    ClientBatch client = two_client_records();
    client.attributes = 1;
    // Enough repetition that compression shows: the compressed records are smaller.
    client.records.push_back({std::string("user-3"), std::string(2000, 'x'), 12, {}});
    const std::string bytes = client_record_batch(client);
    REQUIRE(bytes.size() < 2000);
    const auto batches = decode_record_batches(bytes);
    REQUIRE(batches.size() == 1);
    REQUIRE(batches[0].attributes == 1);
    REQUIRE(batches[0].records.size() == 3);
    REQUIRE(batches[0].records[0].key == std::optional<std::string_view>("user-1"));
    REQUIRE(batches[0].records[0].value == "hello");
    REQUIRE_FALSE(batches[0].records[1].key.has_value());
    REQUIRE(batches[0].records[1].value == "world");
    REQUIRE(batches[0].records[2].value == std::string(2000, 'x'));
    REQUIRE(batches[0].records[2].timestamp_ms == client.base_timestamp + 12);

    // The views stay valid once the batch moves.
    std::vector<DecodedBatch> moved = decode_record_batches(bytes);
    DecodedBatch batch = std::move(moved.front());
    moved.clear();
    REQUIRE(batch.records[1].value == "world");
}

TEST_CASE("A gzip batch whose compressed records are corrupt or cut short is refused") {
    ClientBatch client = two_client_records();
    client.attributes = 1;
    const std::string good = client_record_batch(client);
    const std::string compressed = good.substr(records_offset);
    REQUIRE(decode_record_batches(with_records(good, compressed)).size() == 1);
    REQUIRE_THROWS_AS(decode_record_batches(with_records(good, compressed.substr(0, compressed.size() / 2))),
                      MalformedFrame);
    std::string garbage = compressed;
    garbage[0] = 'X';  // not the gzip magic
    REQUIRE_THROWS_AS(decode_record_batches(with_records(good, garbage)), MalformedFrame);
}

TEST_CASE("A snappy-compressed batch is refused naming snappy") {
    ClientBatch client = two_client_records();
    client.attributes = 2;
    REQUIRE_THROWS_AS(decode_record_batches(client_record_batch(client)), MalformedFrame);
    REQUIRE_THROWS_WITH(decode_record_batches(client_record_batch(client)), Catch::Contains("snappy"));
    client.attributes = 3;
    REQUIRE_THROWS_WITH(decode_record_batches(client_record_batch(client)), Catch::Contains("lz4"));
    client.attributes = 4;
    REQUIRE_THROWS_WITH(decode_record_batches(client_record_batch(client)), Catch::Contains("zstd"));
}

TEST_CASE("A batch of another magic is refused") {
    ClientBatch client = two_client_records();
    client.magic = 1;
    REQUIRE_THROWS_WITH(decode_record_batches(client_record_batch(client)), Catch::Contains("magic"));
}

TEST_CASE("A record count larger than the records can hold is refused") {
    ClientBatch client = two_client_records();
    client.record_count = 1'000'000'000;
    REQUIRE_THROWS_AS(decode_record_batches(client_record_batch(client)), MalformedFrame);
    client.record_count = 3;  // one more than written
    REQUIRE_THROWS_AS(decode_record_batches(client_record_batch(client)), MalformedFrame);
    client.record_count = -1;
    REQUIRE_THROWS_AS(decode_record_batches(client_record_batch(client)), MalformedFrame);
    client.record_count = 1;  // one record's bytes left over
    REQUIRE_THROWS_AS(decode_record_batches(client_record_batch(client)), MalformedFrame);
}

TEST_CASE("A batch length shorter than the batch header is refused") {
    std::string bytes = client_record_batch(two_client_records());
    WireWriter patch;
    patch.int32(48);
    bytes.replace(length_offset, 4, patch.buffer());
    REQUIRE_THROWS_AS(decode_record_batches(bytes), MalformedFrame);
}

TEST_CASE("Every truncation of a batch is refused") {
    const std::string bytes = encoded(StoredBatch::whole(three_records(), Offset{0}, LeaderEpoch{0}));
    for (std::size_t size = 1; size < bytes.size(); ++size) {
        CAPTURE(size);
        REQUIRE_THROWS_AS(decode_record_batches(std::string_view(bytes).substr(0, size)), MalformedFrame);
    }
    // A whole batch followed by part of another.
    REQUIRE_THROWS_AS(decode_record_batches(bytes + bytes.substr(0, 20)), MalformedFrame);
}

TEST_CASE("Record headers are read and skipped") {
    ClientBatch client;
    client.records = {
        {std::string("k"), std::string("with-headers"), 0, {{"trace-id", std::string("abc")}, {"empty", std::nullopt}, {"", std::string("")}}},
        {std::string("k2"), std::string("after"), 1, {}},
    };
    const std::string bytes = client_record_batch(client);  // the records view these bytes
    const auto batches = decode_record_batches(bytes);
    REQUIRE(batches[0].records.size() == 2);
    REQUIRE(batches[0].records[0].key == std::optional<std::string_view>("k"));
    REQUIRE(batches[0].records[0].value == "with-headers");
    REQUIRE(batches[0].records[1].value == "after");
}

TEST_CASE("Malformed records inside a batch with a valid CRC are refused") {
    ClientBatch client;
    client.records = {{std::string("k"), std::string("v"), 0, {}}};
    const std::string good = client_record_batch(client);
    // The record as a client writes it: length 8, attributes, timestamp delta, offset
    // delta, key length 1 "k", value length 1 "v", no headers.
    const std::string record("\x10\x00\x00\x00\x02k\x02v\x00", 9);
    REQUIRE(good.substr(records_offset) == record);
    REQUIRE(decode_record_batches(with_records(good, record)).size() == 1);
    // One header whose name is null (length -1).
    REQUIRE_THROWS_AS(decode_record_batches(with_records(good, std::string("\x12\x00\x00\x00\x02k\x02v\x02\x01", 10))),
                      MalformedFrame);
    // A record length one byte longer than its fields.
    REQUIRE_THROWS_AS(decode_record_batches(with_records(good, std::string("\x12\x00\x00\x00\x02k\x02v\x00\x00", 10))),
                      MalformedFrame);
    // A negative record length.
    REQUIRE_THROWS_AS(decode_record_batches(with_records(good, std::string("\x01\x00\x00\x00\x02k\x02v\x00", 9))),
                      MalformedFrame);
    // A key length of -2.
    REQUIRE_THROWS_AS(decode_record_batches(with_records(good, std::string("\x10\x00\x00\x00\x03k\x02v\x00", 9))),
                      MalformedFrame);
    // A negative header count.
    REQUIRE_THROWS_AS(decode_record_batches(with_records(good, std::string("\x10\x00\x00\x00\x02k\x02v\x01", 9))),
                      MalformedFrame);
}
