// ConsumptionLog: deliveries, polls and the poll anomalies Jepsen's Kafka workload names.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "broker_model/client/consumption_log.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace std::chrono_literals;

namespace {

std::vector<ConsumerRecord> records(const TopicPartition& tp, std::int64_t first, std::int64_t last) {
    std::vector<ConsumerRecord> out;
    for (std::int64_t o = first; o <= last; ++o) {
        out.push_back({tp, Offset{o}, no_epoch, std::nullopt, "v" + std::to_string(o), 0, RecordId(o + 1)});
    }
    return out;
}

}  // namespace

TEST_CASE("the consumption log names a poll skip and a nonmonotonic poll of one consumer") {
    const TopicPartition tp{"t", 0};
    ConsumptionLog log;
    log.add_poll("c", "g", sim::time_zero, Generation{1}, records(tp, 0, 4));
    log.add_poll("c", "g", sim::time_zero, Generation{1}, records(tp, 5, 6));  // fine
    log.add_poll("c", "g", sim::time_zero, Generation{1}, records(tp, 9, 9));  // skips 7 and 8
    log.add_poll("c", "g", sim::time_zero, Generation{2}, records(tp, 3, 4));  // goes back
    log.add_poll("other", "g", sim::time_zero, Generation{2}, records(tp, 0, 0));  // another consumer
    auto anomalies = log.poll_anomalies();
    REQUIRE(anomalies.size() == 2);
    CHECK(anomalies[0].kind == PollAnomaly::Kind::poll_skip);
    CHECK(anomalies[0].previous_last == Offset{6});
    CHECK(anomalies[0].first == Offset{9});
    CHECK(anomalies[1].kind == PollAnomaly::Kind::nonmonotonic_poll);
    CHECK(anomalies[1].poll == 3);
    CHECK(log.polls()[0].ranges.size() == 1);
    CHECK(log.polls()[0].ranges[0].last == Offset{4});
}

TEST_CASE("the consumption log answers by group, consumer and partition, counting re-deliveries") {
    const TopicPartition a{"t", 0};
    const TopicPartition b{"t", 1};
    ConsumptionLog log;
    log.add_poll("c1", "g", sim::time_zero, Generation{1}, records(a, 0, 2));
    log.add_poll("c2", "g", sim::time_zero, Generation{2}, records(a, 1, 2));  // re-delivered after a rebalance
    log.add_poll("c3", "h", sim::time_zero, Generation{1}, records(b, 0, 0));
    CHECK(log.deliveries_of_group("g").size() == 5);
    CHECK(log.deliveries_of_consumer("c3").size() == 1);
    CHECK(log.deliveries_of_partition(a).size() == 5);
    CHECK(log.values_of("g", a) == std::vector<std::string>{"v0", "v1", "v2", "v1", "v2"});
    auto counts = log.delivery_counts("g");
    CHECK(counts[1] == 1);
    CHECK(counts[2] == 2);
    CHECK(log.records_of("c2").front().offset == Offset{1});
    log.add_commit({"c1", "g", sim::time_zero, a, Offset{3}, Error::none, true, Generation{1}});
    log.add_commit({"c1", "g", sim::time_zero, a, Offset{9}, Error::illegal_generation, true, Generation{1}});
    CHECK(log.last_committed("g").at(a) == Offset{3});
}

TEST_CASE("a consumption log that drops values still counts, orders and identifies every delivery") {
    const TopicPartition tp{"t", 0};
    ConsumptionLog log(false);
    log.add_poll("c", "g", sim::time_zero, Generation{1}, records(tp, 0, 2));
    log.add_poll("c", "g", sim::time_zero, Generation{1}, records(tp, 2, 3));  // 2 again
    CHECK_FALSE(log.keeps_values());
    REQUIRE(log.deliveries().size() == 5);
    CHECK(log.deliveries()[4].record.offset == Offset{3});
    CHECK(log.deliveries()[4].record.value.empty());
    CHECK(log.delivery_counts("g")[3] == 2);  // record id = offset + 1
    CHECK(log.poll_anomalies().at(0).kind == PollAnomaly::Kind::nonmonotonic_poll);
}

TEST_CASE("a copied consumption log keeps names keys and values after the original is gone") {
    const TopicPartition tp{"t", 0};
    auto original = std::make_unique<ConsumptionLog>();
    auto polled = records(tp, 0, 1);
    polled[1].key = "user-with-a-long-key-name";
    polled[1].value = "a value longer than a short string buffer";
    std::string consumer = "consumer-with-a-long-name";
    original->add_poll(consumer, "group-with-a-long-name", sim::time_zero, Generation{1}, polled);
    // The caller's strings change after the poll: the log keeps its own copy.
    consumer.assign(consumer.size(), '?');
    polled[1].value.assign(polled[1].value.size(), '?');

    ConsumptionLog copy = *original;
    original.reset();
    REQUIRE(copy.deliveries().size() == 2);
    const Delivery& second = copy.deliveries()[1];
    CHECK(second.consumer == "consumer-with-a-long-name");
    CHECK(second.group == "group-with-a-long-name");
    CHECK(second.record.key == "user-with-a-long-key-name");
    CHECK(second.record.value == "a value longer than a short string buffer");
    CHECK(copy.records_of("consumer-with-a-long-name").at(1).value == "a value longer than a short string buffer");
    CHECK(copy.polls().size() == 1);
}

TEST_CASE("a poll kept as shared batch windows reads back record by record in poll order") {
    // Two batches of partition a (offsets 10-12 and 13-14) and one of b; the poll takes
    // a's records from 11 on, then b's first record, as Fetcher.collectFetch drains them.
    const TopicPartition a{"t", 0};
    const TopicPartition b{"t", 1};
    auto first = RecordDataBuilder().add("k10", "v10", 1, 10).add(std::nullopt, "v11", 2, 11).add("k12", "v12", 3, 12).build();
    auto second = RecordDataBuilder().add("k13", "v13", 4, 13).add("k14", "v14", 5, 14).build();
    auto other = RecordDataBuilder().add("kb0", "vb0", 6, 100).add("kb1", "vb1", 7, 101).build();
    PolledRecords polled;
    polled.add(a, StoredBatch::whole(first, Offset{10}, LeaderEpoch{2}).slice(Offset{11}, Offset{13}));
    polled.add(a, StoredBatch::whole(second, Offset{13}, LeaderEpoch{3}));
    polled.add(b, StoredBatch::whole(other, Offset{0}, LeaderEpoch{1}).slice(Offset{0}, Offset{1}));
    REQUIRE(polled.count() == 5);

    auto log = std::make_unique<ConsumptionLog>();
    log->add_poll("c", "g", sim::time_zero + 5ms, Generation{4}, polled);
    ConsumptionLog copy = *log;
    log.reset();  // the copy shares the batches and keeps its own names

    const DeliveryList& deliveries = copy.deliveries();
    REQUIRE(deliveries.size() == 5);
    std::vector<std::string> seen;
    std::size_t i = 0;
    for (const Delivery& d : deliveries) {
        const Delivery indexed = deliveries[i++];
        CHECK(indexed.record.offset == d.record.offset);
        CHECK(d.consumer == "c");
        CHECK(d.group == "g");
        seen.push_back(d.record.partition.to_string() + "@" + std::to_string(d.record.offset.value) + " " +
                       std::string(d.record.key.value_or("null")) + "=" + std::string(d.record.value) + " #" +
                       std::to_string(d.record.record_id) + " e" + std::to_string(d.record.leader_epoch.value));
    }
    CHECK(seen == std::vector<std::string>{"t-0@11 null=v11 #11 e2", "t-0@12 k12=v12 #12 e2", "t-0@13 k13=v13 #13 e3",
                                           "t-0@14 k14=v14 #14 e3", "t-1@0 kb0=vb0 #100 e1"});
    CHECK(deliveries.back().record.timestamp_ms == 6);
    REQUIRE(copy.polls().size() == 1);
    REQUIRE(copy.polls()[0].ranges.size() == 2);
    CHECK(copy.polls()[0].ranges[0].first == Offset{11});
    CHECK(copy.polls()[0].ranges[0].last == Offset{14});
    CHECK(copy.polls()[0].ranges[1].last == Offset{0});
}

TEST_CASE("a consumption log without values hides them from shared batches too") {
    const TopicPartition tp{"t", 0};
    auto data = RecordDataBuilder().add("k", "secret", 1, 7).build();
    PolledRecords polled;
    polled.add(tp, StoredBatch::whole(data, Offset{0}, LeaderEpoch{0}));
    ConsumptionLog log(false);
    log.add_poll("c", "g", sim::time_zero, Generation{1}, polled);
    REQUIRE(log.deliveries().size() == 1);
    CHECK(log.deliveries()[0].record.value.empty());
    CHECK(log.deliveries()[0].record.key == "k");
    CHECK(log.deliveries()[0].record.record_id == 7);
}
