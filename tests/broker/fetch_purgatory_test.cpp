// The leader's fetch purgatory: which waiting fetches an append to a partition checks,
// and in what order (Kafka's DelayedOperationPurgatory watches each fetch under every
// partition it names and checks a key's watchers in the order they were added).
#include <catch2/catch.hpp>

#include <memory>
#include <vector>

#include "broker_model/broker/fetch_purgatory.h"

using namespace kafkalab::kafka;
namespace sim = kafkalab::sim;

namespace {

std::shared_ptr<const FetchRequest> fetch_of(std::int32_t correlation_id, std::vector<TopicPartition> partitions) {
    auto request = std::make_shared<FetchRequest>();
    request->correlation_id = correlation_id;
    for (auto& tp : partitions) request->partitions.push_back({tp, Offset{0}, no_epoch, 1'048'576});
    return request;
}

std::vector<std::int32_t> watching(FetchPurgatory& purgatory, const TopicPartition& tp) {
    std::vector<std::int32_t> ids;
    purgatory.for_each_watching(tp, [&](FetchPurgatory::Ticket ticket) {
        ids.push_back(purgatory.find(ticket)->request->correlation_id);
    });
    return ids;
}

const TopicPartition orders0{"orders", 0};
const TopicPartition orders1{"orders", 1};
const TopicPartition payments0{"payments", 0};

}  // namespace

TEST_CASE("an append checks only the fetches naming its partition in the order they arrived") {
    FetchPurgatory purgatory;
    purgatory.park(sim::NodeIndex{1}, fetch_of(10, {orders0, payments0}));
    purgatory.park(sim::NodeIndex{2}, fetch_of(11, {orders1}));
    purgatory.park(sim::NodeIndex{3}, fetch_of(12, {payments0, orders0}));
    CHECK(watching(purgatory, orders0) == std::vector<std::int32_t>{10, 12});
    CHECK(watching(purgatory, payments0) == std::vector<std::int32_t>{10, 12});
    CHECK(watching(purgatory, orders1) == std::vector<std::int32_t>{11});
    CHECK(watching(purgatory, TopicPartition{"orders", 2}).empty());
    CHECK(purgatory.size() == 3);
}

TEST_CASE("an answered fetch is watched no more and its ticket goes stale when the slot is reused") {
    FetchPurgatory purgatory;
    auto first = purgatory.park(sim::NodeIndex{1}, fetch_of(10, {orders0}));
    purgatory.park(sim::NodeIndex{2}, fetch_of(11, {orders0}));
    auto taken = purgatory.take(first);
    CHECK(taken.client == sim::NodeIndex{1});
    CHECK(taken.request->correlation_id == 10);
    CHECK(purgatory.find(first) == nullptr);
    CHECK(watching(purgatory, orders0) == std::vector<std::int32_t>{11});
    // The next fetch takes the freed slot: the old ticket (a timer's) must not find it.
    auto reused = purgatory.park(sim::NodeIndex{3}, fetch_of(12, {orders1}));
    CHECK(reused.slot == first.slot);
    CHECK(purgatory.find(first) == nullptr);
    REQUIRE(purgatory.find(reused) != nullptr);
    CHECK(watching(purgatory, orders0) == std::vector<std::int32_t>{11});
    CHECK(watching(purgatory, orders1) == std::vector<std::int32_t>{12});
}

TEST_CASE("fetches answered during a walk are skipped and the walk goes on") {
    FetchPurgatory purgatory;
    for (std::int32_t id = 0; id < 5; ++id) purgatory.park(sim::NodeIndex{1}, fetch_of(id, {orders0}));
    std::vector<std::int32_t> answered;
    purgatory.for_each_watching(orders0, [&](FetchPurgatory::Ticket ticket) {
        const std::int32_t id = purgatory.find(ticket)->request->correlation_id;
        if (id % 2 == 0) answered.push_back(purgatory.take(ticket).request->correlation_id);
    });
    CHECK(answered == std::vector<std::int32_t>{0, 2, 4});
    CHECK(watching(purgatory, orders0) == std::vector<std::int32_t>{1, 3});
    CHECK(purgatory.size() == 2);
}

TEST_CASE("an idle follower's fetch parked every round trip leaves one watcher behind") {
    FetchPurgatory purgatory;
    for (std::int32_t round = 0; round < 1'000; ++round) {
        auto ticket = purgatory.park(sim::NodeIndex{1}, fetch_of(round, {orders0}));
        purgatory.take(ticket);  // max.wait.ms passed: answered empty
    }
    auto last = purgatory.park(sim::NodeIndex{1}, fetch_of(1'000, {orders0, orders0}));
    CHECK(watching(purgatory, orders0) == std::vector<std::int32_t>{1'000});
    CHECK(purgatory.size() == 1);
    CHECK(purgatory.find(last) != nullptr);
}
