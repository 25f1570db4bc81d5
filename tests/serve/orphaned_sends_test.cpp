// A real producer's retry on a new connection is the same record as its first send:
// it takes the orphaned send's record id, so the ledger counts one send.
#include <catch2/catch.hpp>

#include "broker_model/client/send_ledger.h"
#include "scenarios/serve/orphaned_sends.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using kafkalab::scenarios::OrphanedSends;

namespace {

/// A produce request to `partition` whose records are sent through `ledger`.
ProduceRequest request_of(SendLedger& ledger, const TopicPartition& partition,
                          const std::vector<std::pair<std::optional<std::string>, std::string>>& records) {
    RecordDataBuilder builder;
    for (const auto& [key, value] : records) {
        const RecordId id = ledger.record_send({"real-1", partition.topic, key, value, partition.partition, {}});
        ledger.record_partition(id, partition.partition);
        builder.add(key, value, 0, id);
    }
    ProduceRequest request;
    request.partitions.push_back({partition, builder.build(), {}});
    return request;
}

}  // namespace

TEST_CASE("A retried record takes the record id of its orphaned first send") {
    SendLedger ledger;
    OrphanedSends orphans;
    const TopicPartition orders{"orders", 0};
    const auto request = request_of(ledger, orders, {{"k1", "v1"}, {"k2", "v2"}});
    orphans.add(request, ledger);
    REQUIRE(orphans.size() == 2);
    CHECK(orphans.take(orders, std::string_view("k2"), "v2") == request.partitions[0].records->record_id(1));
    CHECK(orphans.take(orders, std::string_view("k1"), "v1") == request.partitions[0].records->record_id(0));
    CHECK(orphans.size() == 0);
    CHECK_FALSE(orphans.take(orders, std::string_view("k1"), "v1"));
}

TEST_CASE("Records already acknowledged or failed are not orphans") {
    SendLedger ledger;
    OrphanedSends orphans;
    const TopicPartition orders{"orders", 0};
    const auto request = request_of(ledger, orders, {{"k1", "v1"}, {"k2", "v2"}, {"k3", "v3"}});
    ledger.record_acknowledged(request.partitions[0].records->record_id(0), 0, Offset{7}, {});
    ledger.record_failed(request.partitions[0].records->record_id(1), Error::not_leader_or_follower, {});
    orphans.add(request, ledger);
    CHECK(orphans.size() == 1);
    CHECK_FALSE(orphans.take(orders, std::string_view("k1"), "v1"));
    CHECK(orphans.take(orders, std::string_view("k3"), "v3"));
}

TEST_CASE("An orphan is matched by partition and by key with a null key apart from an empty one") {
    SendLedger ledger;
    OrphanedSends orphans;
    const TopicPartition orders{"orders", 0};
    orphans.add(request_of(ledger, orders, {{std::nullopt, "v"}}), ledger);
    CHECK_FALSE(orphans.take({"orders", 1}, std::nullopt, "v"));
    CHECK_FALSE(orphans.take({"payments", 0}, std::nullopt, "v"));
    CHECK_FALSE(orphans.take(orders, std::string_view(""), "v"));
    CHECK_FALSE(orphans.take(orders, std::nullopt, "w"));
    CHECK(orphans.take(orders, std::nullopt, "v"));
}

TEST_CASE("Equal orphans are taken in the order they were orphaned") {
    SendLedger ledger;
    OrphanedSends orphans;
    const TopicPartition orders{"orders", 0};
    const auto first = request_of(ledger, orders, {{"k", "same"}});
    const auto second = request_of(ledger, orders, {{"k", "same"}});
    orphans.add(first, ledger);
    orphans.add(second, ledger);
    CHECK(orphans.take(orders, std::string_view("k"), "same") == first.partitions[0].records->record_id(0));
    CHECK(orphans.take(orders, std::string_view("k"), "same") == second.partitions[0].records->record_id(0));
}
