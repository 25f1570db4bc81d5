// The leader's fetch purgatory: which waiting fetches an append to a partition checks,
// and in what order (Kafka's DelayedOperationPurgatory watches each fetch under every
// partition it names and checks a key's watchers in the order they were added). The
// broker keeps each partition's watch list with the partition; here a map stands in.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <vector>

#include "broker_model/broker/fetch_purgatory.h"

using namespace kafkalab::kafka;
namespace sim = kafkalab::sim;

namespace {

struct Leader {
    FetchPurgatory purgatory;
    std::map<TopicPartition, FetchWatchList> lists;

    FetchTicket park(sim::NodeIndex client, std::int32_t correlation_id, std::vector<TopicPartition> partitions) {
        auto request = std::make_shared<FetchRequest>();
        request->correlation_id = correlation_id;
        for (auto& tp : partitions) request->partitions.push_back({tp, Offset{0}, no_epoch, 1'048'576});
        FetchTicket ticket = purgatory.park(client, request);
        for (const auto& wanted : request->partitions) purgatory.watch(lists[wanted.partition], ticket);
        return ticket;
    }

    std::vector<std::int32_t> watching(const TopicPartition& tp) {
        std::vector<std::int32_t> ids;
        purgatory.for_each_watching(lists[tp], [&](FetchTicket ticket) {
            ids.push_back(purgatory.find(ticket)->request->correlation_id);
        });
        return ids;
    }
};

const TopicPartition orders0{"orders", 0};
const TopicPartition orders1{"orders", 1};
const TopicPartition payments0{"payments", 0};

}  // namespace

TEST_CASE("an append checks only the fetches naming its partition in the order they arrived") {
    Leader leader;
    leader.park(1, 10, {orders0, payments0});
    leader.park(2, 11, {orders1});
    leader.park(3, 12, {payments0, orders0});
    CHECK(leader.watching(orders0) == std::vector<std::int32_t>{10, 12});
    CHECK(leader.watching(payments0) == std::vector<std::int32_t>{10, 12});
    CHECK(leader.watching(orders1) == std::vector<std::int32_t>{11});
    CHECK(leader.watching(TopicPartition{"orders", 2}).empty());
    CHECK(leader.purgatory.size() == 3);
}

TEST_CASE("an answered fetch is watched no more and its ticket goes stale when the slot is reused") {
    Leader leader;
    auto first = leader.park(1, 10, {orders0});
    leader.park(2, 11, {orders0});
    auto taken = leader.purgatory.take(first);
    CHECK(taken.client == 1);
    CHECK(taken.request->correlation_id == 10);
    CHECK(leader.purgatory.find(first) == nullptr);
    CHECK(leader.watching(orders0) == std::vector<std::int32_t>{11});
    // The next fetch takes the freed slot: the old ticket (a timer's) must not find it.
    auto reused = leader.park(3, 12, {orders1});
    CHECK(reused.slot == first.slot);
    CHECK(leader.purgatory.find(first) == nullptr);
    REQUIRE(leader.purgatory.find(reused) != nullptr);
    CHECK(leader.watching(orders0) == std::vector<std::int32_t>{11});
    CHECK(leader.watching(orders1) == std::vector<std::int32_t>{12});
}

TEST_CASE("fetches answered during a walk are skipped and the walk goes on") {
    Leader leader;
    for (std::int32_t id = 0; id < 5; ++id) leader.park(1, id, {orders0});
    std::vector<std::int32_t> answered;
    leader.purgatory.for_each_watching(leader.lists[orders0], [&](FetchTicket ticket) {
        const std::int32_t id = leader.purgatory.find(ticket)->request->correlation_id;
        if (id % 2 == 0) answered.push_back(leader.purgatory.take(ticket).request->correlation_id);
    });
    CHECK(answered == std::vector<std::int32_t>{0, 2, 4});
    CHECK(leader.watching(orders0) == std::vector<std::int32_t>{1, 3});
    CHECK(leader.purgatory.size() == 2);
}

TEST_CASE("an idle follower's fetch parked every round trip leaves one watcher behind") {
    Leader leader;
    for (std::int32_t round = 0; round < 1'000; ++round) {
        auto ticket = leader.park(1, round, {orders0});
        leader.purgatory.take(ticket);  // max.wait.ms passed: answered empty
    }
    auto last = leader.park(1, 1'000, {orders0, orders0});
    CHECK(leader.lists[orders0].size() == 1);  // the stale tickets were pruned
    CHECK(leader.watching(orders0) == std::vector<std::int32_t>{1'000});
    CHECK(leader.purgatory.size() == 1);
    CHECK(leader.purgatory.find(last) != nullptr);
}
