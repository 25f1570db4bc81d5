// Every cut that removes records from a replica's log shows up in the trace as a
// typed truncation event naming the partition, the broker, the offsets and the cause,
// rendered as a "truncate" record; cuts that remove nothing leave no record.
#include <catch2/catch.hpp>

#include "broker_model/events/model_event.h"
#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

const TopicPartition payments0{"payments", 0};

struct Truncation {
    TruncationNote note;
    std::string kind;
    std::string summary;
};

/// The truncation events from now on, with the record that carried each.
std::shared_ptr<std::vector<Truncation>> collect_truncations(TestCluster& cluster) {
    auto truncations = std::make_shared<std::vector<Truncation>>();
    auto previous = cluster.sim().event_listener();
    cluster.sim().set_event_listener([truncations, previous](const sim::TraceRecord& record) {
        if (previous) previous(record);
        const auto* event = record.event_as<ModelEvent>();
        if (const auto* note = event ? std::get_if<TruncationNote>(event) : nullptr) {
            truncations->push_back({*note, record.kind, record.summary});
        }
    });
    return truncations;
}

}  // namespace

TEST_CASE("a returning leader that truncates its unreplicated acks=1 records is noted with their offsets") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    REQUIRE(cluster.produce(payments0, {"a"}, Acks::all).error == Error::none);
    const int old_leader = cluster.leader(payments0);
    std::vector<sim::NodeIndex> others;
    for (int id = 1; id <= 3; ++id) {
        if (id != old_leader) others.push_back(cluster.broker_node(id));
    }
    cluster.sim().partition({{cluster.broker_node(old_leader), cluster.zookeeper().node(1), cluster.client_node()}, others});
    REQUIRE(cluster.produce(payments0, {"lost-1", "lost-2"}, Acks::leader).error == Error::none);
    auto truncations = collect_truncations(cluster);
    cluster.crash(old_leader);
    cluster.sim().heal();
    REQUIRE(cluster.run_until([&] { return cluster.leader(payments0) != old_leader && cluster.leader(payments0) > 0; }, 40s));
    cluster.wait_for_leader(payments0);
    REQUIRE(cluster.produce(payments0, {"b"}, Acks::all).error == Error::none);
    CHECK(truncations->empty());  // nobody has cut anything yet
    cluster.restart(old_leader);
    REQUIRE(cluster.run_until([&] { return cluster.isr(payments0).size() == 3; }, 60s));

    const std::string broker = "broker-" + std::to_string(old_leader);
    REQUIRE(truncations->size() == 1);
    const Truncation& cut = truncations->front();
    // The default era (3.6) learns the cut point from the Fetch response (KAFKA-10554).
    CHECK(cut.note == TruncationNote{payments0, broker, Offset{1}, Offset{3}, TruncationCause::leader_epoch,
                                     LeaderEpochSource::fetch_diverging_epoch});
    CHECK(cut.kind == "truncate");
    CHECK(cut.summary == "payments-0 on " + broker +
                             ": offsets 1..2 removed (log end 3 \u2192 1), follower truncation at the Fetch response's "
                             "diverging epoch (KAFKA-10554)");
}

TEST_CASE("a power loss notes the unflushed records it took at the moment the power goes") {
    ClusterOptions options;
    options.brokers = 1;
    TestCluster cluster(options);
    REQUIRE(cluster.create_topic("payments", 1, 1).error == Error::none);
    REQUIRE(cluster.produce(payments0, {"1", "2", "3"}, Acks::all).error == Error::none);
    auto truncations = collect_truncations(cluster);
    cluster.power_loss(1);
    REQUIRE(truncations->size() == 1);
    CHECK(truncations->front().note ==
          TruncationNote{payments0, "broker-1", Offset{0}, Offset{3}, TruncationCause::power_loss});
    CHECK(truncations->front().summary == "payments-0 on broker-1: offsets 0..2 removed (log end 3 \u2192 0), "
                                          "power loss: the unflushed tail never reached the disk");
    cluster.restart(1);
    cluster.run_for(30s);
    CHECK(truncations->size() == 1);  // recovery after the restart finds nothing more to cut
}

TEST_CASE("a crash and restart of a fully replicated leader notes no truncation") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    REQUIRE(cluster.produce(payments0, {"a", "b"}, Acks::all).error == Error::none);
    cluster.run_for(1s);
    auto truncations = collect_truncations(cluster);
    const int old_leader = cluster.leader(payments0);
    cluster.crash(old_leader);
    REQUIRE(cluster.run_until([&] { return cluster.leader(payments0) != old_leader && cluster.leader(payments0) > 0; }, 40s));
    cluster.restart(old_leader);
    REQUIRE(cluster.run_until([&] { return cluster.isr(payments0).size() == 3; }, 60s));
    CHECK(truncations->empty());
}
