// Retries after a lost response: duplicates without idempotence, none with it (KIP-98).
#include <catch2/catch.hpp>

#include "producer_fixture.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

const TopicPartition t0{"t", 0};

/// Sends one record, and the moment the leader has appended it, cuts the producer off
/// until its request times out, so that the response is lost; heals soon after, so
/// the producer's retry reaches the same leader.
std::vector<RecordId> lose_one_response(ProducerFixture& f, ProducerConfig config, RecordId& record) {
    REQUIRE(f.cluster.create_topic("t", 1, 3).error == Error::none);
    config.bootstrap_servers = cluster_producer_config().bootstrap_servers;
    config.request_timeout = 3s;
    config.delivery_timeout = 30s;
    auto node = f.add("producer", config);
    f.producer(node).send("t", 0, std::nullopt, "warm-up");
    REQUIRE(f.settle());
    const int leader = f.cluster.leader(t0);
    const Offset before = f.cluster.log(leader, t0)->log_end_offset();
    record = f.producer(node).send("t", 0, std::nullopt, "once");
    // Step event by event: the cut must fall between the append and the response.
    for (int i = 0; i < 100000 && f.cluster.log(leader, t0)->log_end_offset() == before; ++i) f.cluster.sim().step();
    REQUIRE(f.cluster.log(leader, t0)->log_end_offset() > before);
    // Cut off past request.timeout.ms: the producer closes the connection (the late
    // response can no longer arrive) and retries once the heal lets it through.
    f.cluster.sim().partition({{node}});
    f.cluster.run_for(3500ms);
    f.cluster.sim().heal();
    REQUIRE(f.settle());
    f.cluster.run_for(2s);
    return log_record_ids(f.cluster, leader, t0);
}

}  // namespace

TEST_CASE("without idempotence a retry after a lost response writes the record twice") {
    ProducerFixture f;
    ProducerConfig config;
    config.enable_idempotence = false;
    RecordId record = 0;
    std::vector<RecordId> log = lose_one_response(f, config, record);
    CHECK(f.ledger.entry(record).status == SendStatus::acknowledged);
    CHECK(f.ledger.entry(record).attempts == 2);
    CHECK(std::count(log.begin(), log.end(), record) == 2);
    CHECK(duplicated(log) == std::vector<RecordId>{record});
}

TEST_CASE("with enable.idempotence the broker drops the retried batch: the record is written once") {
    ProducerFixture f;
    ProducerConfig config;
    config.enable_idempotence = true;
    RecordId record = 0;
    std::vector<RecordId> log = lose_one_response(f, config, record);
    CHECK(f.ledger.entry(record).status == SendStatus::acknowledged);
    CHECK(f.ledger.entry(record).attempts == 2);
    CHECK(std::count(log.begin(), log.end(), record) == 1);
    CHECK(duplicated(log).empty());
    // The retry is answered with the original offset.
    CHECK(f.ledger.entry(record).offset == Offset{1});
}

TEST_CASE("an idempotent producer numbers its batches per partition from sequence 0") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("t", 1, 3).error == Error::none);
    auto node = f.add("producer", cluster_producer_config());
    for (int i = 0; i < 3; ++i) {
        f.producer(node).send("t", 0, std::nullopt, "v" + std::to_string(i));
        REQUIRE(f.settle());
    }
    REQUIRE(f.producer(node).idempotent());
    CHECK(f.producer(node).idempotence().has_producer_id());
    CHECK(f.producer(node).idempotence().next_sequence(t0) == 3);
    const PartitionLog* log = f.cluster.log(f.cluster.leader(t0), t0);
    REQUIRE(log->batches().size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(log->batches()[i].producer.base_sequence == static_cast<std::int32_t>(i));
        CHECK(log->batches()[i].producer.producer_id == f.producer(node).idempotence().producer_id());
    }
}

namespace {

/// Two batches in flight in two requests, both written, both responses lost: the
/// producer's retries of both reach the leader after the heal.
std::vector<RecordId> lose_two_responses(ProducerFixture& f, ProducerConfig config, RecordId& first, RecordId& second) {
    REQUIRE(f.cluster.create_topic("t", 1, 3).error == Error::none);
    config.bootstrap_servers = cluster_producer_config().bootstrap_servers;
    config.request_timeout = 3s;
    config.delivery_timeout = 30s;
    auto node = f.add("producer", config);
    f.producer(node).send("t", 0, std::nullopt, "warm-up");
    REQUIRE(f.settle());
    const int leader = f.cluster.leader(t0);
    const PartitionLog& log = *f.cluster.log(leader, t0);
    const Offset start = log.log_end_offset();
    first = f.producer(node).send("t", 0, std::nullopt, "first");
    for (int i = 0; i < 100000 && log.log_end_offset() == start; ++i) f.cluster.sim().step();
    second = f.producer(node).send("t", 0, std::nullopt, "second");
    for (int i = 0; i < 100000 && log.log_end_offset() == start + 1; ++i) f.cluster.sim().step();
    REQUIRE(log.log_end_offset() == start + 2);
    REQUIRE(f.producer(node).in_flight_requests() == 2);
    // Cut off past request.timeout.ms: the producer closes the connection (the late
    // response can no longer arrive) and retries once the heal lets it through.
    f.cluster.sim().partition({{node}});
    f.cluster.run_for(3500ms);
    f.cluster.sim().heal();
    REQUIRE(f.settle());
    f.cluster.run_for(2s);
    auto ids = log_record_ids(f.cluster, leader, t0);
    ids.erase(ids.begin());  // the warm-up record
    return ids;
}

}  // namespace

TEST_CASE("without idempotence two in-flight batches retried after a timeout are duplicated and land reordered") {
    ProducerFixture f;
    ProducerConfig config;
    config.enable_idempotence = false;
    RecordId first = 0;
    RecordId second = 0;
    auto log = lose_two_responses(f, config, first, second);
    // Each retry is put at the front of the queue, oldest first, so the newer batch
    // is retried first (Sender.reenqueueBatch, RecordAccumulator.reenqueue).
    CHECK(log == std::vector<RecordId>{first, second, second, first});
}

TEST_CASE("with idempotence two in-flight batches retried after a timeout are written once and in order") {
    ProducerFixture f;
    ProducerConfig config;
    config.enable_idempotence = true;
    RecordId first = 0;
    RecordId second = 0;
    auto log = lose_two_responses(f, config, first, second);
    CHECK(log == std::vector<RecordId>{first, second});
    CHECK(f.ledger.entry(first).offset < f.ledger.entry(second).offset);
}
