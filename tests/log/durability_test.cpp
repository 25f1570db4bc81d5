// Flushing, power loss and process crashes, for one log and for a broker's LogManager
// on its simulated disk; and the replication-offset-checkpoint of the high watermark.
#include <catch2/catch.hpp>

#include "broker_model/log/log_manager.h"
#include "log_test_support.h"
#include "sim/disk.h"
#include "sim/simulation.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using testing::LogFixture;
using testing::make_records;

TEST_CASE_METHOD(LogFixture, "flush makes everything up to the log end offset durable") {
    log.append_as_leader(make_records(4), LeaderEpoch{0});
    CHECK(log.flushed_offset() == Offset{0});
    CHECK(log.unflushed_records() == 4);
    log.flush();
    CHECK(log.flushed_offset() == Offset{4});
    CHECK(log.unflushed_records() == 0);
}

TEST_CASE_METHOD(LogFixture, "a power loss loses exactly the records written since the last flush") {
    log.append_as_leader(make_records(4, 1), LeaderEpoch{0});
    log.flush();
    log.append_as_leader(make_records(3, 5), LeaderEpoch{1});
    log.update_high_watermark(Offset{7});

    log.lose_unflushed();

    CHECK(log.log_end_offset() == Offset{4});
    CHECK(testing::all_record_ids(log) == testing::id_range(1, 4));
    CHECK(log.high_watermark() == Offset{4});
    // The epoch that only wrote lost records is gone from the cache too.
    CHECK(log.latest_epoch() == LeaderEpoch{0});
}

TEST_CASE_METHOD(LogFixture, "a process crash keeps unflushed records because the page cache survives") {
    log.append_as_leader(make_records(4, 1), LeaderEpoch{0});
    log.flush();
    log.append_as_leader(make_records(3, 5), LeaderEpoch{0});
    // A crash calls nothing on the log: the data stays as it was.
    CHECK(log.log_end_offset() == Offset{7});
    CHECK(testing::all_record_ids(log) == testing::id_range(1, 7));
    CHECK(log.unflushed_records() == 3);
}

TEST_CASE_METHOD(LogFixture, "truncation below the flushed offset pulls the flushed offset down with it") {
    log.append_as_leader(make_records(6), LeaderEpoch{0});
    log.flush();
    log.truncate_to(Offset{2});
    CHECK(log.flushed_offset() == Offset{2});
    log.append_as_leader(make_records(3), LeaderEpoch{1});
    CHECK(log.unflushed_records() == 3);
}

TEST_CASE_METHOD(LogFixture, "after a restart the high watermark comes back from the replication-offset-checkpoint") {
    log.append_as_leader(make_records(10), LeaderEpoch{0});
    log.update_high_watermark(Offset{4});
    log.checkpoint_high_watermark();
    log.update_high_watermark(Offset{9});

    log.reload_after_restart();

    CHECK(log.checkpointed_high_watermark() == Offset{4});
    CHECK(log.high_watermark() == Offset{4});
}

TEST_CASE_METHOD(LogFixture, "a checkpointed high watermark above the log after a power loss is clamped to the log end offset") {
    log.append_as_leader(make_records(3), LeaderEpoch{0});
    log.flush();
    log.append_as_leader(make_records(5), LeaderEpoch{0});
    log.update_high_watermark(Offset{8});
    log.checkpoint_high_watermark();

    log.lose_unflushed();
    log.reload_after_restart();

    CHECK(log.checkpointed_high_watermark() == Offset{8});
    CHECK(log.high_watermark() == Offset{3});
}

namespace {

const TopicPartition payments_0{"payments", 0};

struct LogView {
    Offset log_end_offset;
    Offset high_watermark;
    bool operator==(const LogView&) const = default;
};

/// A broker stand-in: at every start it reloads its logs the way a broker does and
/// reports what it found; on its first start it writes 5 records, flushing after 3,
/// and checkpoints a high watermark of 3 before moving it to 5.
class LogKeepingNode final : public sim::Node {
public:
    LogKeepingNode(sim::NodeContext& context, std::vector<LogView>& seen) : Node(context), seen_(seen) {}

    void on_start() override {
        LogManager& logs = LogManager::on_disk(context().disk());
        logs.reload_after_restart();
        const bool first_start = seen_.empty();
        PartitionLog& log = logs.get_or_create(payments_0);
        seen_.push_back({log.log_end_offset(), log.high_watermark()});
        if (!first_start) return;
        log.append_as_leader(make_records(3, 1), LeaderEpoch{0});
        log.flush();
        log.update_high_watermark(Offset{3});
        log.checkpoint_high_watermark();
        log.append_as_leader(make_records(2, 4), LeaderEpoch{0});
        log.update_high_watermark(Offset{5});
    }
    void on_message(sim::NodeIndex, const sim::MessagePtr&) override {}

private:
    std::vector<LogView>& seen_;
};

}  // namespace

TEST_CASE("a broker's logs survive a process crash with unflushed records and reload the checkpointed high watermark") {
    sim::Simulation simulation(42);
    std::vector<LogView> seen;
    const sim::NodeIndex broker = simulation.add_node(
        "broker-1", [&seen](sim::NodeContext& context) { return std::make_unique<LogKeepingNode>(context, seen); });
    simulation.run_for(std::chrono::milliseconds(1));

    simulation.crash(broker);
    simulation.restart(broker);
    simulation.run_for(std::chrono::milliseconds(1));

    REQUIRE(seen.size() == 2);
    CHECK(seen[1] == LogView{Offset{5}, Offset{3}});
    const PartitionLog* log = LogManager::on_disk(simulation.context(broker).disk()).find(payments_0);
    CHECK(testing::all_record_ids(*log) == testing::id_range(1, 5));
}

TEST_CASE("a broker's power loss keeps only the flushed records of its logs") {
    sim::Simulation simulation(42);
    std::vector<LogView> seen;
    const sim::NodeIndex broker = simulation.add_node(
        "broker-1", [&seen](sim::NodeContext& context) { return std::make_unique<LogKeepingNode>(context, seen); });
    simulation.run_for(std::chrono::milliseconds(1));

    simulation.power_loss(broker);
    simulation.restart(broker);
    simulation.run_for(std::chrono::milliseconds(1));

    REQUIRE(seen.size() == 2);
    CHECK(seen[1] == LogView{Offset{3}, Offset{3}});
}

TEST_CASE("a power loss on the broker's disk truncates every log to its flushed offset") {
    sim::Disk disk;
    LogManager& logs = LogManager::on_disk(disk);
    PartitionLog& flushed = logs.get_or_create({"payments", 0});
    PartitionLog& partly = logs.get_or_create({"payments", 1});
    flushed.append_as_leader(make_records(4), LeaderEpoch{0});
    flushed.flush();
    partly.append_as_leader(make_records(2), LeaderEpoch{0});
    partly.flush();
    partly.append_as_leader(make_records(6), LeaderEpoch{0});

    disk.lose_unflushed();

    CHECK(flushed.log_end_offset() == Offset{4});
    CHECK(partly.log_end_offset() == Offset{2});
    CHECK(log_invariant_violations(partly).empty());
}

TEST_CASE("the log manager lists, creates and deletes partition logs in partition order") {
    sim::Disk disk;
    LogManager& logs = LogManager::on_disk(disk);
    logs.get_or_create({"orders", 1});
    logs.get_or_create({"orders", 0});
    PartitionLog& payments = logs.get_or_create({"payments", 0});
    payments.append_as_leader(make_records(2), LeaderEpoch{0});

    CHECK(&logs.get_or_create({"payments", 0}) == &payments);
    CHECK(logs.partitions() ==
          std::vector<TopicPartition>{{"orders", 0}, {"orders", 1}, {"payments", 0}});
    CHECK(logs.erase({"orders", 1}));
    CHECK_FALSE(logs.erase({"orders", 1}));
    CHECK(logs.find({"orders", 1}) == nullptr);
    CHECK(logs.size() == 2);
}
