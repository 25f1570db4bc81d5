// The checker on whole clusters with real producers and consumers: what the class
// would see after each lesson's fault.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "consumer/consumer_fixture.h"
#include "producer/producer_fixture.h"
#include "scenarios/checker/checker.h"
#include "scenarios/checker/committed_logs.h"
#include "scenarios/checker/report_text.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;
using scenarios::CheckReport;

namespace {

const TopicPartition orders0{"orders", 0};

std::vector<sim::NodeIndex> broker_nodes(TestCluster& cluster, int brokers = 3) {
    std::vector<sim::NodeIndex> nodes;
    for (int id = 1; id <= brokers; ++id) nodes.push_back(cluster.broker_node(id));
    return nodes;
}

CheckReport check_cluster(ProducerFixture& f, const ConsumptionLog* consumption = nullptr) {
    const auto brokers = broker_nodes(f.cluster);
    return scenarios::check(scenarios::make_check_input(f.cluster.sim(), brokers, f.ledger, consumption));
}

std::set<RecordId> ids_of_lost_writes(const CheckReport& report) {
    std::set<RecordId> ids;
    for (const auto& lost : report.lost_writes) ids.insert(lost.record_id);
    return ids;
}

struct LeaderLossRun {
    CheckReport report;
    /// Records whose acknowledgement came while the leader was cut off from its followers.
    std::set<RecordId> acknowledged_during_cut;
    std::size_t delivered = 0;
};

/// The leader of orders-0 is cut off from its followers but keeps ZooKeeper, the
/// producer and a reading consumer (so it stays leader and takes writes nobody copies),
/// then crashes before the ISR shrinks. A follower takes over; the producer sends five
/// more records, which the new leader writes at the offsets the old one had used.
LeaderLossRun leader_cut_off_then_crashed(ProducerConfig config) {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("orders", 1, 3, {{"min.insync.replicas", "2"}}).error == Error::none);
    config.bootstrap_servers = cluster_producer_config().bootstrap_servers;
    const auto producer = f.add("producer", config);
    auto consumption = std::make_shared<ConsumptionLog>();
    ConsumerOptions reader;
    reader.config.auto_offset_reset = AutoOffsetReset::earliest;
    reader.partitions = {orders0};
    reader.log = consumption;
    const auto consumer = add_consumer(f.cluster, "reader", reader);
    for (int i = 0; i < 5; ++i) f.producer(producer).send("orders", 0, std::nullopt, "before-" + std::to_string(i));
    REQUIRE(f.settle());

    const int old_leader = f.cluster.leader(orders0);
    std::vector<sim::NodeIndex> followers;
    for (int id = 1; id <= 3; ++id) {
        if (id != old_leader) followers.push_back(f.cluster.broker_node(id));
    }
    const sim::Time cut_at = f.cluster.sim().now();
    f.cluster.sim().partition(
        {{f.cluster.broker_node(old_leader), f.cluster.zookeeper().node(1), producer, consumer}, followers});
    for (int i = 0; i < 5; ++i) {
        f.producer(producer).send("orders", 0, std::nullopt, "during-" + std::to_string(i));
        f.cluster.run_for(200ms);
    }
    f.cluster.run_for(2s);  // well inside replica.lag.time.max.ms: the ISR is still whole
    const sim::Time crash_at = f.cluster.sim().now();
    f.cluster.crash(old_leader);
    f.cluster.sim().heal();
    REQUIRE(f.cluster.run_until([&] { return f.cluster.leader(orders0) > 0 && f.cluster.leader(orders0) != old_leader; }, 60s));
    f.cluster.wait_for_leader(orders0);
    REQUIRE(f.settle(120s));
    for (int i = 0; i < 5; ++i) f.producer(producer).send("orders", 0, std::nullopt, "after-" + std::to_string(i));
    REQUIRE(f.settle(60s));
    f.cluster.run_for(5s);

    LeaderLossRun run{check_cluster(f, consumption.get()), {}, consumption->deliveries().size()};
    for (const SendEntry& entry : f.ledger.acknowledged()) {
        if (entry.outcome_time >= cut_at && entry.outcome_time <= crash_at) run.acknowledged_during_cut.insert(entry.record_id);
    }
    return run;
}

}  // namespace

TEST_CASE("with acks=all and min.insync.replicas=2 a leader crash loses no acknowledged record") {
    ProducerConfig config;  // Kafka 3.x defaults: acks=all, idempotence on
    REQUIRE(config.acks == Acks::all);
    const LeaderLossRun run = leader_cut_off_then_crashed(config);
    const CheckReport& report = run.report;
    INFO(scenarios::render_text(report));
    CHECK(report.counts.sent == 15);
    CHECK(report.counts.acknowledged == 15);
    CHECK(report.counts.present_in_logs == 15);
    CHECK(report.lost_writes.empty());
    CHECK(report.duplicates.empty());
    CHECK(report.inconsistent_offsets.empty());
    CHECK(report.nonmonotonic_sends.empty());
    // The leader could not acknowledge anything while its followers were out of reach.
    CHECK(run.acknowledged_during_cut.empty());
    // The consumer, which kept reading through the failover, saw every record.
    CHECK(report.unseen.empty());
    CHECK(report.clean());
}

TEST_CASE("with acks=1 the records an isolated leader acknowledged are exactly the lost writes") {
    ProducerConfig config = ProducerConfig::pre_3_0();
    REQUIRE(config.acks == Acks::leader);
    const LeaderLossRun run = leader_cut_off_then_crashed(config);
    const CheckReport& report = run.report;
    INFO(scenarios::render_text(report));
    CHECK(report.counts.acknowledged == 15);
    CHECK(run.acknowledged_during_cut.size() == 5);
    CHECK(report.lost_acknowledged_data());
    CHECK(ids_of_lost_writes(report) == run.acknowledged_during_cut);
    for (const auto& lost : report.lost_writes) {
        CHECK(lost.value.starts_with("during-"));
        // The old leader never advanced its high watermark without its followers, so no
        // consumer could read the records before they vanished.
        CHECK_FALSE(lost.seen());
        // The new leader gave their offsets to the records sent after the failover.
        CHECK(lost.offset_now_holds.has_value());
    }
    CHECK(report.inconsistent_offsets.size() == 5);
    CHECK(report.duplicates.empty());
}

namespace {

/// Sends one record and, the moment the leader has appended it, cuts the producer off
/// until its request times out, so the response is lost; then heals, and the producer
/// retries.
CheckReport lose_one_response(bool idempotence, RecordId& record) {
    ProducerFixture f;
    const TopicPartition t0{"t", 0};
    REQUIRE(f.cluster.create_topic("t", 1, 3).error == Error::none);
    ProducerConfig config = cluster_producer_config();
    config.enable_idempotence = idempotence;
    config.request_timeout = 3s;
    config.delivery_timeout = 30s;
    const auto node = f.add("producer", config);
    f.producer(node).send("t", 0, std::nullopt, "warm-up");
    REQUIRE(f.settle());
    const PartitionLog& log = *f.cluster.log(f.cluster.leader(t0), t0);
    const Offset before = log.log_end_offset();
    record = f.producer(node).send("t", 0, std::nullopt, "once");
    // Step event by event: the cut must fall between the append and the response.
    for (int i = 0; i < 100000 && log.log_end_offset() == before; ++i) f.cluster.sim().step();
    REQUIRE(log.log_end_offset() > before);
    // Cut off past request.timeout.ms: the producer closes the connection (the late
    // response can no longer arrive) and retries once the heal lets it through.
    f.cluster.sim().partition({{node}});
    f.cluster.run_for(3500ms);
    f.cluster.sim().heal();
    REQUIRE(f.settle());
    f.cluster.run_for(2s);
    return check_cluster(f);
}

}  // namespace

TEST_CASE("without idempotence a lost response and a retry show up as a duplicate") {
    RecordId record = 0;
    const CheckReport report = lose_one_response(false, record);
    INFO(scenarios::render_text(report));
    REQUIRE(report.duplicates.size() == 1);
    CHECK(report.duplicates[0].record_id == record);
    CHECK(report.duplicates[0].value == "once");
    CHECK(report.duplicates[0].attempts == 2);
    CHECK(report.duplicates[0].locations.size() == 2);
    CHECK(report.lost_writes.empty());
    CHECK_FALSE(report.clean());
}

TEST_CASE("with idempotence the same lost response leaves no duplicate") {
    RecordId record = 0;
    const CheckReport report = lose_one_response(true, record);
    INFO(scenarios::render_text(report));
    CHECK(report.duplicates.empty());
    CHECK(report.lost_writes.empty());
    CHECK(report.inconsistent_offsets.empty());
    CHECK(report.counts.present_in_logs == 2);
    CHECK(report.clean());
}

TEST_CASE("with every broker down the checker reads the replica with the highest high watermark") {
    ProducerFixture f;
    REQUIRE(f.cluster.create_topic("orders", 1, 3).error == Error::none);
    const auto node = f.add("producer", cluster_producer_config());
    for (int i = 0; i < 3; ++i) f.producer(node).send("orders", 0, std::nullopt, "r-" + std::to_string(i));
    REQUIRE(f.settle());
    f.cluster.run_for(2s);
    const int leader = f.cluster.leader(orders0);

    const auto brokers = broker_nodes(f.cluster);
    auto logs = scenarios::collect_committed_logs(f.cluster.sim(), brokers);
    REQUIRE(logs.contains(orders0));
    CHECK(logs.at(orders0).source == scenarios::LogSource::leader);
    CHECK(logs.at(orders0).broker == "broker-" + std::to_string(leader));
    CHECK(logs.at(orders0).records.size() == 3);

    for (int id = 1; id <= 3; ++id) f.cluster.crash(id);
    logs = scenarios::collect_committed_logs(f.cluster.sim(), brokers);
    REQUIRE(logs.contains(orders0));
    CHECK(logs.at(orders0).source == scenarios::LogSource::highest_high_watermark);
    CHECK(logs.at(orders0).records.size() == 3);
    CHECK(scenarios::check(scenarios::make_check_input(f.cluster.sim(), brokers, f.ledger)).lost_writes.empty());
}
