// Which request tells a returning follower where to cut its divergent tail depends on
// the Kafka release (AbstractFetcherThread): from 2.8 the Fetch response's DivergingEpoch
// (KAFKA-10554), with no OffsetsForLeaderEpoch on the wire; from 0.11 to 2.7 an
// OffsetsForLeaderEpoch request before the first fetch. Both keep the same records.
#include <catch2/catch.hpp>

#include <algorithm>

#include "broker_model/events/model_event.h"
#include "log/log_test_support.h"
#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

const TopicPartition payments0{"payments", 0};

struct DivergedRun {
    int old_leader = 0;
    std::vector<TruncationNote> truncations;
    /// Requests and responses of each API delivered or dropped after the old leader's
    /// return, by the trace's name for them ("OffsetsForLeaderEpoch", "Fetch", ...).
    std::size_t epoch_queries = 0;
    std::size_t diverging_fetch_responses = 0;
    std::vector<std::string> old_leader_log;
    std::vector<int> isr;
};

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

/// A leader accepts two acks=1 records nobody replicates, dies, and returns as a
/// follower of a leader that wrote "b" in a newer epoch: its log diverges after "a".
DivergedRun run_diverged_follower(FollowerTruncation truncation) {
    ClusterOptions options;
    options.follower_truncation = truncation;
    TestCluster cluster(options);
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    REQUIRE(cluster.produce(payments0, {"a"}, Acks::all).error == Error::none);
    DivergedRun run;
    run.old_leader = cluster.leader(payments0);
    std::vector<sim::NodeIndex> others;
    for (int id = 1; id <= 3; ++id) {
        if (id != run.old_leader) others.push_back(cluster.broker_node(id));
    }
    cluster.sim().partition(
        {{cluster.broker_node(run.old_leader), cluster.zookeeper().node(1), cluster.client_node()}, others});
    REQUIRE(cluster.produce(payments0, {"lost-1", "lost-2"}, Acks::leader).error == Error::none);
    cluster.crash(run.old_leader);
    cluster.sim().heal();
    REQUIRE(cluster.run_until(
        [&] { return cluster.leader(payments0) != run.old_leader && cluster.leader(payments0) > 0; }, 40s));
    cluster.wait_for_leader(payments0);
    REQUIRE(cluster.produce(payments0, {"b"}, Acks::all).error == Error::none);

    sim::Trace trace;
    cluster.sim().set_trace(&trace);
    auto previous = cluster.sim().event_listener();
    cluster.sim().set_event_listener([&run, previous](const sim::TraceRecord& record) {
        if (previous) previous(record);
        const auto* event = record.event_as<ModelEvent>();
        if (const auto* note = event ? std::get_if<TruncationNote>(event) : nullptr) run.truncations.push_back(*note);
    });
    cluster.restart(run.old_leader);
    REQUIRE(cluster.run_until([&] { return cluster.isr(payments0).size() == 3; }, 60s));
    cluster.run_for(2s);
    cluster.sim().set_event_listener(previous);
    cluster.sim().set_trace(nullptr);

    for (const auto& record : trace.records()) {
        if (record.kind != "deliver" && record.kind != "drop") continue;
        if (starts_with(record.summary, "OffsetsForLeaderEpoch")) ++run.epoch_queries;
        if (starts_with(record.summary, "FetchResponse") &&
            record.summary.find("diverging epoch") != std::string::npos) {
            ++run.diverging_fetch_responses;
        }
    }
    run.old_leader_log = cluster.log_values(run.old_leader, payments0);
    run.isr = cluster.isr(payments0);
    return run;
}

}  // namespace

TEST_CASE("a 3.x follower truncates at the Fetch response's diverging epoch, without OffsetsForLeaderEpoch (KAFKA-10554)") {
    const DivergedRun run = run_diverged_follower(follower_truncation_in(KafkaVersion{3, 6, 0}));
    const std::string broker = "broker-" + std::to_string(run.old_leader);
    REQUIRE(run.truncations.size() == 1);
    CHECK(run.truncations.front() == TruncationNote{payments0, broker, Offset{1}, Offset{3}, TruncationCause::leader_epoch,
                                                    LeaderEpochSource::fetch_diverging_epoch});
    CHECK(render_summary(run.truncations.front()) ==
          "payments-0 on " + broker +
              ": offsets 1..2 removed (log end 3 \u2192 1), follower truncation at the Fetch response's diverging "
              "epoch (KAFKA-10554)");
    CHECK(run.epoch_queries == 0);
    CHECK(run.diverging_fetch_responses == 1);
    CHECK(run.old_leader_log == std::vector<std::string>{"a", "b"});
    CHECK(run.isr.size() == 3);
}

TEST_CASE("a 2.6 follower still asks OffsetsForLeaderEpoch before fetching, and keeps the same records (KIP-279)") {
    const DivergedRun run = run_diverged_follower(follower_truncation_in(KafkaVersion{2, 6, 0}));
    const std::string broker = "broker-" + std::to_string(run.old_leader);
    REQUIRE(run.truncations.size() == 1);
    CHECK(run.truncations.front() == TruncationNote{payments0, broker, Offset{1}, Offset{3}, TruncationCause::leader_epoch,
                                                    LeaderEpochSource::offsets_for_leader_epoch});
    CHECK(run.epoch_queries >= 2);  // the request and its response
    CHECK(run.diverging_fetch_responses == 0);
    CHECK(run.old_leader_log == std::vector<std::string>{"a", "b"});
    CHECK(run.isr.size() == 3);
}

TEST_CASE("the truncation mechanism follows the release: high watermark before 0.11, OffsetsForLeaderEpoch to 2.7, "
          "the Fetch response from 2.8") {
    CHECK(follower_truncation_in(KafkaVersion{0, 10, 2}) == FollowerTruncation::to_high_watermark);
    CHECK(follower_truncation_in(KafkaVersion{0, 11, 0}) == FollowerTruncation::offsets_for_leader_epoch);
    // 2.7 knew Fetch v12 for KIP-595, but its ReplicaFetcherThread never sent LastFetchedEpoch.
    CHECK(follower_truncation_in(KafkaVersion{2, 7, 0}) == FollowerTruncation::offsets_for_leader_epoch);
    CHECK(follower_truncation_in(KafkaVersion{2, 8, 0}) == FollowerTruncation::on_fetch_response);
    CHECK(follower_truncation_in(default_kafka_version) == FollowerTruncation::on_fetch_response);
}

TEST_CASE("a leader answers a fetch whose last fetched epoch diverges with where that epoch ends (Partition.readRecords)") {
    // The leader's log: epoch 0 wrote offsets 0..1, epoch 2 wrote from offset 2 on.
    sim::Disk disk;
    PartitionLog& log = LogManager::on_disk(disk).get_or_create(payments0);
    log.append_as_leader(testing::make_records(2), LeaderEpoch{0});
    log.append_as_leader(testing::make_records(1, 3), LeaderEpoch{2});
    REQUIRE(log.log_end_offset() == Offset{3});
    Partition leader(payments0, BrokerId{1}, log);

    auto fetch = [](Offset at, std::optional<LeaderEpoch> last) {
        FetchPartition wanted{payments0, at, LeaderEpoch{2}};
        wanted.last_fetched_epoch = last;
        return wanted;
    };
    // Before Fetch v12 nothing is checked.
    CHECK(leader.check_last_fetched_epoch(fetch(Offset{5}, std::nullopt)).reads_records());
    // Agreeing logs: epoch 0 ends at 2 here, and the follower is not past it.
    CHECK(leader.check_last_fetched_epoch(fetch(Offset{2}, LeaderEpoch{0})).reads_records());
    CHECK(leader.check_last_fetched_epoch(fetch(Offset{3}, LeaderEpoch{2})).reads_records());
    // The follower kept writing epoch 0 past where it ended here.
    auto past_end = leader.check_last_fetched_epoch(fetch(Offset{4}, LeaderEpoch{0}));
    CHECK(past_end.error == Error::none);
    CHECK(past_end.diverging_epoch == EpochEndOffset{LeaderEpoch{0}, Offset{2}});
    // An epoch this leader never saw: the largest one below it and where that ends (KIP-279).
    auto unknown_epoch = leader.check_last_fetched_epoch(fetch(Offset{3}, LeaderEpoch{1}));
    CHECK(unknown_epoch.diverging_epoch == EpochEndOffset{LeaderEpoch{0}, Offset{2}});
    // An epoch above all of this leader's: it cannot say where it ends.
    CHECK(leader.check_last_fetched_epoch(fetch(Offset{3}, LeaderEpoch{7})).error == Error::offset_out_of_range);
}
