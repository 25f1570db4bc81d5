// The SendLedger on its own: ids, outcomes and the checker's queries.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "broker_model/client/send_ledger.h"
#include "sim/content_hash.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace std::chrono_literals;

namespace {
/// The views it returns point into the caller's strings, which outlive the send.
SendDescription describe(std::string_view producer, std::string_view value, std::optional<std::int32_t> partition = {}) {
    return {producer, "t", std::nullopt, value, partition, sim::time_zero};
}
}  // namespace

TEST_CASE("the ledger hands out dense record ids from its first id, and numbers each producer's sends") {
    SendLedger ledger(100);
    RecordId a = ledger.record_send(describe("p1", "a"));
    RecordId b = ledger.record_send(describe("p2", "b"));
    RecordId c = ledger.record_send(describe("p1", "c"));
    CHECK(a == 100);
    CHECK(b == 101);
    CHECK(c == 102);
    CHECK(ledger.entry(c).producer_sequence == 1);
    CHECK(ledger.entry(b).producer_sequence == 0);
    CHECK(ledger.by_producer("p1").size() == 2);
    CHECK_FALSE(ledger.contains(99));
    CHECK_FALSE(ledger.contains(103));
}

TEST_CASE("the ledger keeps pending, acknowledged and failed sends apart, and acknowledgements in arrival order") {
    SendLedger ledger;
    RecordId a = ledger.record_send(describe("p", "a", 0));
    RecordId b = ledger.record_send(describe("p", "b", 0));
    RecordId c = ledger.record_send(describe("p", "c", 0));
    RecordId d = ledger.record_send(describe("p", "d", 0));
    ledger.record_attempt(b);
    ledger.record_acknowledged(b, 0, Offset{0}, sim::Time{1s});
    ledger.record_acknowledged(a, 0, Offset{1}, sim::Time{2s});
    ledger.record_failed(c, Error::not_enough_replicas, sim::Time{3s});
    CHECK(ledger.acknowledged().size() == 2);
    CHECK(ledger.failed().size() == 1);
    REQUIRE(ledger.pending().size() == 1);
    CHECK(ledger.pending().front().record_id == d);
    auto order = ledger.acknowledged_on({"t", 0});
    REQUIRE(order.size() == 2);
    CHECK(order[0].record_id == b);  // acknowledged first, though sent second
    CHECK(order[1].record_id == a);
    CHECK(ledger.entry(b).attempts == 1);
    CHECK(ledger.entry(c).error == Error::not_enough_replicas);
}

TEST_CASE("the ledger keeps a large value's hash and size but only a prefix of its bytes") {
    SendLedger ledger(1, 8);
    RecordId id = ledger.record_send(describe("p", std::string(100, 'x')));
    CHECK_FALSE(ledger.entry(id).value_stored);
    CHECK(ledger.entry(id).value == "xxxxxxxx");
    CHECK(ledger.entry(id).value_size_bytes == 100);
    CHECK(ledger.entry(id).value_hash == sim::content_hash(std::string(100, 'x')));
}

TEST_CASE("two ledgers with the same sends and outcomes have the same digest, and a different outcome changes it") {
    SendLedger one;
    SendLedger two;
    for (SendLedger* l : {&one, &two}) {
        l->record_send(describe("p", "a"));
        l->record_acknowledged(1, 0, Offset{0}, sim::Time{1s});
    }
    CHECK(one.digest() == two.digest());
    one.record_send(describe("p", "b"));
    two.record_send(describe("p", "b"));
    one.record_failed(2, Error::request_timed_out, sim::Time{2s});
    CHECK(one.digest() != two.digest());
}

TEST_CASE("a copied ledger keeps its names keys and values after the original is gone") {
    auto original = std::make_unique<SendLedger>();
    std::string producer = "producer-with-a-long-name";
    std::string value = "a value longer than a short string buffer";
    SendDescription send = describe(producer, value, 2);
    send.key = "user-42";
    const RecordId id = original->record_send(send);
    original->record_acknowledged(id, 2, Offset{7}, sim::Time{1s});
    const std::uint64_t digest = original->digest();
    // The description's strings change after the send: the ledger keeps its own copy.
    producer.assign(producer.size(), '?');
    value.assign(value.size(), '?');

    SendLedger copy = *original;
    original.reset();
    CHECK(copy.entry(id).producer == "producer-with-a-long-name");
    CHECK(copy.entry(id).topic == "t");
    CHECK(copy.entry(id).key == "user-42");
    CHECK(copy.entry(id).value == "a value longer than a short string buffer");
    CHECK(copy.entry(id).offset == Offset{7});
    CHECK(copy.digest() == digest);
    CHECK(copy.by_producer("producer-with-a-long-name").size() == 1);
}

TEST_CASE("the ledger tells a null key from an empty one and partition 0 requested from none requested") {
    // Kafka's ProducerRecord distinguishes both: a null key goes to the sticky
    // partitioner, an empty key is hashed; partition 0 is an explicit choice.
    SendLedger ledger;
    SendDescription empty_key{"p", "orders", std::string_view(""), "v", 0, sim::Time{1ms}};
    SendDescription null_key{"p", "payments", std::nullopt, "", std::nullopt, sim::Time{2ms}};
    const RecordId first = ledger.record_send(empty_key);
    const RecordId second = ledger.record_send(null_key);
    ledger.record_partition(second, 3);
    ledger.record_attempt(second);
    ledger.record_attempt(second);
    ledger.record_acknowledged(second, 3, Offset{7}, sim::Time{5ms});

    const SendEntry a = ledger.entry(first);
    REQUIRE(a.key.has_value());
    CHECK(a.key->empty());
    CHECK(a.requested_partition == 0);
    CHECK(a.partition == 0);
    CHECK(a.topic == "orders");
    CHECK(a.value == "v");
    CHECK(a.status == SendStatus::pending);
    CHECK(a.offset == Offset{-1});

    const SendEntry b = ledger.entry(second);
    CHECK_FALSE(b.key.has_value());
    CHECK_FALSE(b.requested_partition.has_value());
    CHECK(b.topic == "payments");
    CHECK(b.value.empty());
    CHECK(b.value_stored);
    CHECK(b.attempts == 2);
    CHECK(b.topic_partition() == TopicPartition{"payments", 3});
    CHECK(b.offset == Offset{7});
    CHECK(b.outcome_time == sim::Time{5ms});
    CHECK(b.send_time == sim::Time{2ms});
    CHECK(b.producer_sequence == 1);
    // Reading by index, by iteration and by id gives the same entries.
    CHECK(ledger.entries()[1].record_id == second);
    CHECK(ledger.entries().back().offset == Offset{7});
    std::vector<RecordId> ids;
    for (const SendEntry& e : ledger.entries()) ids.push_back(e.record_id);
    CHECK(ids == std::vector<RecordId>{first, second});
}

TEST_CASE("the ledger hashes every value right when values repeat, differ by a byte or are long") {
    // It remembers the last short value's hash; no value may get another's.
    SendLedger ledger;
    const std::string long_value(300, 'y');
    std::string long_changed = long_value;
    long_changed.back() = 'z';
    const std::vector<std::string> values = {"same", "same", "samf", "same", long_value, long_value, long_changed, "", ""};
    std::vector<RecordId> ids;
    for (const std::string& value : values) ids.push_back(ledger.record_send(describe("p", value)));
    for (std::size_t i = 0; i < values.size(); ++i) {
        INFO("value " << i);
        CHECK(ledger.entry(ids[i]).value_hash == sim::content_hash(values[i]));
    }
}

TEST_CASE("the ledger files each send under its own producer and topic however sends alternate") {
    SendLedger ledger;
    const std::vector<std::pair<std::string, std::string>> sends = {
        {"p1", "orders"}, {"p1", "orders"}, {"p2", "orders"}, {"p1", "users"}, {"p2", "users"}, {"p1", "orders"}};
    std::vector<RecordId> ids;
    for (const auto& [producer, topic] : sends) {
        ids.push_back(ledger.record_send({producer, topic, std::nullopt, "v", std::nullopt, sim::time_zero}));
    }
    for (std::size_t i = 0; i < sends.size(); ++i) {
        INFO("send " << i);
        CHECK(ledger.entry(ids[i]).producer == sends[i].first);
        CHECK(ledger.entry(ids[i]).topic == sends[i].second);
    }
    CHECK(ledger.entry(ids[5]).producer_sequence == 3);  // p1's fourth send
    CHECK(ledger.entry(ids[4]).producer_sequence == 1);  // p2's second
}
