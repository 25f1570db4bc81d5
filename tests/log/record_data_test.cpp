// RecordData and StoredBatch: one produce batch, stored compactly and shared.
#include <catch2/catch.hpp>

#include "broker_model/log/record_data.h"
#include "broker_model/log/stored_batch.h"
#include "log_test_support.h"

using namespace kafkalab::kafka;

TEST_CASE("a record batch gives back each record's key, value, timestamp and record id") {
    auto data = RecordDataBuilder()
                    .add("user-1", "{\"name\":\"Ada\"}", 5000, 41)
                    .add(std::nullopt, "no key here", 5007, 42)
                    .add("", "", 4990, 43)
                    .build();

    REQUIRE(data->record_count() == 3);
    CHECK(data->key(0) == std::optional<std::string_view>("user-1"));
    CHECK(data->value(0) == "{\"name\":\"Ada\"}");
    CHECK(data->timestamp_ms(0) == 5000);
    CHECK(data->record_id(0) == 41);
    // Kafka tells a null key (no key: spread over partitions) from an empty one.
    CHECK_FALSE(data->key(1).has_value());
    CHECK(data->value(1) == "no key here");
    CHECK(data->key(2) == std::optional<std::string_view>(""));
    CHECK(data->value(2).empty());
    CHECK(data->timestamp_ms(2) == 4990);
    CHECK(data->max_timestamp_ms() == 5007);
}

TEST_CASE("a batch's wire size is the 61-byte v2 header plus framing, keys and values") {
    auto data = RecordDataBuilder().add("k", "12345", 0, 1).add(std::nullopt, "1234567890", 0, 2).build();
    const std::size_t expected = 61 + 2 * RecordData::record_overhead_bytes + (1 + 5) + 10;
    CHECK(data->size_bytes() == expected);
    CHECK(data->payload_bytes() == 16);
    CHECK(data->window_size_bytes(1, 1) == 61 + RecordData::record_overhead_bytes + 10);
}

TEST_CASE("a synthetic value counts its size on the wire without storing its bytes") {
    auto data = RecordDataBuilder().add_synthetic("k", 1'000'000, 0, 7).add("k2", "real", 1, 8).build();

    CHECK(data->value(0).empty());
    CHECK(data->value_size(0) == 1'000'000);
    CHECK(data->is_synthetic(0));
    CHECK(data->key(0) == std::optional<std::string_view>("k"));
    CHECK(data->value(1) == "real");
    CHECK_FALSE(data->is_synthetic(1));
    CHECK(data->payload_bytes() == 1 + 2 + 4);
    CHECK(data->size_bytes() == 61 + 2 * RecordData::record_overhead_bytes + 1 + 1'000'000 + 2 + 4);
}

TEST_CASE("a builder can be reused after build and starts an independent batch") {
    RecordDataBuilder builder;
    auto first = builder.add("a", "1", 10, 1).build();
    auto second = builder.add("b", "2", 20, 2).build();
    CHECK(first->record_count() == 1);
    CHECK(second->record_count() == 1);
    CHECK(second->key(0) == std::optional<std::string_view>("b"));
    CHECK(second->timestamp_ms(0) == 20);
    CHECK(builder.record_count() == 0);
}

TEST_CASE("a stored batch's last offset is its base offset plus its record count minus one") {
    auto batch = StoredBatch::whole(testing::make_records(10), Offset{100}, LeaderEpoch{3});
    CHECK(batch.last_offset() == Offset{109});
    CHECK(batch.next_offset() == Offset{110});
    CHECK(batch.record_id_at(Offset{105}) == 6);
    CHECK(batch.leader_epoch == LeaderEpoch{3});
    CHECK(batch.last_sequence() == no_sequence);
}

TEST_CASE("slicing a batch shares its records and moves offset, sequence, size and max timestamp") {
    auto data = testing::make_records(10);
    auto batch = StoredBatch::whole(data, Offset{100}, LeaderEpoch{1}, {ProducerId{9}, ProducerEpoch{0}, 20});

    StoredBatch middle = batch.slice(Offset{103}, Offset{106});

    CHECK(middle.data.get() == data.get());
    CHECK(middle.base_offset == Offset{103});
    CHECK(middle.record_count == 3);
    CHECK(middle.first_index == 3);
    CHECK(middle.producer.base_sequence == 23);
    CHECK(middle.last_sequence() == 25);
    CHECK(middle.record_id_at(Offset{103}) == 4);
    CHECK(middle.value_at(Offset{105}) == "value-6");
    // make_records stamps record id n at 1000 + n ms, so records 4..6 end at 1006.
    CHECK(middle.max_timestamp_ms == 1006);
    CHECK(middle.size_bytes == data->window_size_bytes(3, 3));
    CHECK(middle.size_bytes < batch.size_bytes);
}

TEST_CASE("producer sequence numbers wrap from INT32_MAX to 0 like DefaultRecordBatch.incrementSequence") {
    constexpr std::int32_t max = std::numeric_limits<std::int32_t>::max();
    CHECK(increment_sequence(max, 1) == 0);
    CHECK(increment_sequence(max - 1, 3) == 1);
    CHECK(increment_sequence(5, 4) == 9);
    CHECK(is_next_sequence(max, 0));
    CHECK(is_next_sequence(41, 42));
    CHECK_FALSE(is_next_sequence(41, 43));

    auto batch = StoredBatch::whole(testing::make_records(3), Offset{0}, LeaderEpoch{0}, {ProducerId{1}, ProducerEpoch{0}, max - 1});
    CHECK(batch.last_sequence() == 0);
}
