// ConsumptionLog: deliveries, polls and the poll anomalies Jepsen's Kafka workload names.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "broker_model/client/consumption_log.h"

using namespace kafkalab;
using namespace kafkalab::kafka;

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
