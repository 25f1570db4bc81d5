// What the ZooKeeper-era controller puts in UpdateMetadata: the partitions that
// changed, as Kafka's controller sends them, not every partition of the cluster
// (at 1,000 brokers and 100,000 partitions that would be gigabytes per change).
#include <catch2/catch.hpp>

#include <regex>

#include "sim/trace.h"
#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

/// The partition counts of the UpdateMetadata requests delivered to any broker since
/// trace record `from`.
std::vector<int> update_metadata_sizes(const sim::Trace& trace, std::size_t from) {
    static const std::regex count(R"(live, (\d+) partitions?$)");
    std::vector<int> sizes;
    const auto& records = trace.records();
    for (std::size_t i = from; i < records.size(); ++i) {
        std::smatch match;
        if (records[i].kind == "deliver" && records[i].summary.rfind("UpdateMetadata", 0) == 0 &&
            std::regex_search(records[i].summary, match, count)) {
            sizes.push_back(std::stoi(match[1]));
        }
    }
    return sizes;
}

std::size_t count_kind(const sim::Trace& trace, std::size_t from, const std::string& kind) {
    std::size_t n = 0;
    for (std::size_t i = from; i < trace.records().size(); ++i) n += trace.records()[i].kind == kind;
    return n;
}

}  // namespace

TEST_CASE("creating a topic sends UpdateMetadata with the new partitions only") {
    // onNewPartitionCreation: the existing topics' partitions did not change.
    sim::Trace trace;
    TestCluster cluster;
    cluster.sim().set_trace(&trace);
    REQUIRE(cluster.create_topic("wide", 12, 3).error == Error::none);
    cluster.run_for(1s);
    const std::size_t before = trace.records().size();
    REQUIRE(cluster.create_topic("narrow", 2, 3).error == Error::none);
    cluster.run_for(1s);
    const auto sizes = update_metadata_sizes(trace, before);
    REQUIRE(sizes.size() == 3);  // one to each broker
    for (int size : sizes) CHECK(size == 2);
    CHECK(cluster.broker(1)->metadata().topic("wide")->partitions.size() == 12);
    CHECK(cluster.broker(1)->metadata().topic("narrow")->partitions.size() == 2);
}

TEST_CASE("an ISR shrink sends UpdateMetadata with the partitions whose ISR changed only") {
    // KafkaController.processIsrChangeNotification sends UpdateMetadata for the
    // partitions whose ISR changed to every live broker, and no others.
    sim::Trace trace;
    TestCluster cluster;
    cluster.sim().set_trace(&trace);
    REQUIRE(cluster.create_topic("wide", 12, 2).error == Error::none);
    for (int p = 0; p < 12; ++p) cluster.wait_for_leader(TopicPartition{"wide", p});
    cluster.run_for(1s);
    const std::size_t before = trace.records().size();
    // The two brokers that are not the controller stop reaching each other; both still
    // reach ZooKeeper and the controller, so only the ISRs of partitions they share
    // shrink (after replica.lag.time.max.ms), through AlterPartition.
    const int controller = cluster.controller_id();
    const int a = controller % 3 + 1;
    const int b = a % 3 + 1;
    REQUIRE(cluster.sim().cut_link("broker-" + std::to_string(a), "broker-" + std::to_string(b)));
    // A follower is out of sync only when it is behind the leader's log end offset
    // (Partition.isFollowerOutOfSync): every partition gets a record.
    for (int p = 0; p < 12; ++p) CHECK(cluster.produce(TopicPartition{"wide", p}, {"x"}, Acks::leader).error == Error::none);
    cluster.run_for(45s);
    const std::size_t isr_changes = count_kind(trace, before, "isr-change");
    REQUIRE(isr_changes > 0);
    REQUIRE(isr_changes < 12);
    const auto sizes = update_metadata_sizes(trace, before);
    REQUIRE_FALSE(sizes.empty());
    for (int size : sizes) CHECK(size <= static_cast<int>(isr_changes));
}

TEST_CASE("a controlled shutdown sends UpdateMetadata with the partitions it moved only") {
    // The partition state machine batches UpdateMetadata for the partitions whose
    // leadership or ISR the shutdown changed; "solo" (replication factor 1) cannot move.
    sim::Trace trace;
    TestCluster cluster;
    cluster.sim().set_trace(&trace);
    REQUIRE(cluster.create_topic("wide", 12, 3).error == Error::none);
    REQUIRE(cluster.create_topic("solo", 6, 1).error == Error::none);
    for (int p = 0; p < 12; ++p) cluster.wait_for_leader(TopicPartition{"wide", p});
    for (int p = 0; p < 6; ++p) cluster.wait_for_leader(TopicPartition{"solo", p});
    cluster.run_for(1s);
    const int leaving = cluster.controller_id() % 3 + 1;
    const std::size_t before = trace.records().size();
    bool stopped = false;
    cluster.broker(leaving)->begin_controlled_shutdown([&] { stopped = true; });
    REQUIRE(cluster.run_until([&] { return stopped; }, 30s));
    const auto sizes = update_metadata_sizes(trace, before);
    REQUIRE_FALSE(sizes.empty());
    // Every "wide" partition has a replica on the leaving broker: its leadership moves
    // or it leaves the ISR. No "solo" partition changes.
    for (int size : sizes) CHECK(size <= 12);
    CHECK(cluster.broker(cluster.controller_id())->metadata().topic("solo")->partitions.size() == 6);
}
