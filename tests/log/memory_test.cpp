// Memory a log holds per retained record, besides the key and value bytes: the
// benchmarks rely on it staying far below 64 bytes a record.
#include <catch2/catch.hpp>

#include <string>

#include "log_test_support.h"

using namespace kafkalab::kafka;

namespace {

std::shared_ptr<const RecordData> thousand_records_of_100_bytes(RecordId first_id) {
    const std::string value(100, 'x');
    RecordDataBuilder builder(1000, 1000 * value.size());
    for (RecordId id = first_id; id < first_id + 1000; ++id) builder.add(std::nullopt, value, 0, id);
    return builder.build();
}

}  // namespace

TEST_CASE("a log of 1000-record batches of 100-byte values holds under 32 bytes per record besides the payload") {
    PartitionLog log;
    for (int i = 0; i < 100; ++i) {
        log.append_as_leader(thousand_records_of_100_bytes(1 + 1000 * static_cast<RecordId>(i)), LeaderEpoch{0},
                             {ProducerId{1}, ProducerEpoch{0}, 1000 * i});
    }
    REQUIRE(log.record_count() == 100'000);

    const double bytes_per_record = static_cast<double>(log.approximate_memory_bytes()) / 100'000.0;
    CHECK(bytes_per_record >= 24.0);  // the record index alone is 24 bytes a record
    CHECK(bytes_per_record < 32.0);
}

TEST_CASE("a follower sharing the leader's record buffers adds no payload and little memory") {
    PartitionLog leader;
    PartitionLog follower;
    for (int i = 0; i < 20; ++i) leader.append_as_leader(thousand_records_of_100_bytes(1), LeaderEpoch{0});
    for (const StoredBatch& batch : leader.read(Offset{0}, SIZE_MAX, leader.log_end_offset()).batches) {
        follower.append_as_follower(batch);
    }
    for (std::size_t i = 0; i < leader.batches().size(); ++i) {
        REQUIRE(follower.batches()[i].data.get() == leader.batches()[i].data.get());
    }
    CHECK(follower.approximate_memory_bytes() == leader.approximate_memory_bytes());
}

TEST_CASE("a synthetic-value batch stores no value bytes yet counts them on the wire") {
    RecordDataBuilder builder(1000);
    for (RecordId id = 0; id < 1000; ++id) builder.add_synthetic(std::nullopt, 1024, 0, id);
    auto data = builder.build();
    CHECK(data->payload_bytes() == 0);
    CHECK(data->size_bytes() == 61 + 1000 * (RecordData::record_overhead_bytes + 1024));
    CHECK(data->index_memory_bytes() < 1000 * 25);
}
