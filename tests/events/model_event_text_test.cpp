// The model's events rendered into the trace's words: the one renderer. Its wording is
// the trace's (every golden trace hash depends on it), so these pin a few of them.
#include <catch2/catch.hpp>

#include "broker_model/events/model_event.h"

using namespace kafkalab::kafka;

namespace {

// Built field by field: a braced temporary converted into the variant trips a
// false -Wmaybe-uninitialized in GCC 12.
template <class Event>
ModelEvent about(std::string topic, std::int32_t partition, BrokerId leader, std::int32_t epoch, std::vector<BrokerId> isr) {
    Event event;
    event.partition = TopicPartition{std::move(topic), partition};
    event.leader = leader;
    event.leader_epoch = LeaderEpoch{epoch};
    event.isr = std::move(isr);
    return event;
}

}  // namespace

TEST_CASE("a truncation renders the partition the broker the removed offsets and the cause") {
    TruncationNote note{{"orders", 0}, "broker-2", Offset{5}, Offset{8}, TruncationCause::leader_epoch};
    CHECK(std::string(trace_kind(ModelEvent{note})) == "truncate");
    CHECK(render_summary(ModelEvent{note}) == "orders-0 on broker-2: offsets 5..7 removed (log end 8 \u2192 5), follower truncation "
                                  "after a leader change (KIP-279)");
    note.source = LeaderEpochSource::fetch_diverging_epoch;  // Kafka 2.8 and later
    CHECK(render_summary(ModelEvent{note}) == "orders-0 on broker-2: offsets 5..7 removed (log end 8 \u2192 5), follower truncation "
                                  "at the Fetch response's diverging epoch (KAFKA-10554)");
    note.removed_from = Offset{7};
    note.cause = TruncationCause::power_loss;
    CHECK(render_summary(ModelEvent{note}) == "orders-0 on broker-2: offset 7 removed (log end 8 \u2192 7), power loss: the unflushed "
                                  "tail never reached the disk");
}

TEST_CASE("elections render their partition leader epoch and ISR the way the trace has always read") {
    const ModelEvent elected = about<LeaderElected>("payments", 0, BrokerId{2}, 3, {BrokerId{2}, BrokerId{3}});
    CHECK(std::string(trace_kind(elected)) == "leader-election");
    CHECK(render_summary(elected) == "payments-0 leader broker 2 epoch 3 isr [2,3]");
    const ModelEvent offline = about<LeaderElected>("payments", 1, no_broker, 4, {BrokerId{1}});
    CHECK(render_summary(offline) == "payments-1 leader none epoch 4 isr [1]");
    const ModelEvent unclean = UncleanLeaderElected{{"payments", 0}, BrokerId{3}};
    CHECK(std::string(trace_kind(unclean)) == "unclean-election");
    CHECK(render_summary(unclean) == "payments-0: out-of-sync replica 3 elected leader");
    const ModelEvent shrunk = about<IsrChanged>("my-orders.v2", 12, BrokerId{1}, 0, {BrokerId{1}});
    CHECK(render_summary(shrunk) == "my-orders.v2-12 isr=[1]");
    const ModelEvent gone = BrokersFailed{{BrokerId{1}, BrokerId{3}}};
    CHECK(render_summary(gone) == "brokers 1,3 are gone");
}

TEST_CASE("a ZooKeeper server's role renders its leader and epoch only once it has one") {
    const ModelEvent looking = ZkServerStateChanged{"LOOKING", false, 0, 0, "started", 0, false};
    CHECK(render_summary(looking) == "LOOKING (started), last zxid 0x0");
    const ModelEvent leading = ZkServerStateChanged{"LEADING", true, 2, 1, "quorum formed", (1LL << 32) | 5, true};
    CHECK(render_summary(leading) == "LEADING leader 2 epoch 1 (quorum formed), last zxid 0x100000005, serving");
}

namespace {

ModelEvent rebalance(RebalanceStep step) {
    step.group = "analytics";
    return step;
}

}  // namespace

TEST_CASE("rebalance steps render from their fields in the words the coordinator's log has always had") {
    using Step = RebalanceStep::Step;
    RebalanceStep preparing;
    preparing.step = Step::preparing_rebalance;
    preparing.generation = 2;
    preparing.reason = "member consumer-1-abc joined";
    CHECK(std::string(trace_kind(rebalance(preparing))) == "group-coordinator");
    CHECK(render_summary(rebalance(preparing)) ==
          "group analytics: preparing to rebalance with old generation 2 (member consumer-1-abc joined)");
    RebalanceStep started;
    started.step = Step::generation_started;
    started.generation = 3;
    started.members = 2;
    started.member = "consumer-1-abc";
    started.protocol = "range";
    CHECK(render_summary(rebalance(started)) ==
          "group analytics: generation 3 with 2 members, leader consumer-1-abc, protocol range");
    RebalanceStep removed;
    removed.step = Step::member_removed;
    removed.member = "consumer-2-def";
    removed.reason = "member consumer-2-def failed: no heartbeat within session.timeout.ms";
    CHECK(render_summary(rebalance(removed)) ==
          "group analytics: member consumer-2-def failed: no heartbeat within session.timeout.ms");
    RebalanceStep loaded;
    loaded.step = Step::loaded;
    loaded.group_state = "Stable";
    loaded.generation = 4;
    loaded.members = 1;
    loaded.committed_offsets = 3;
    CHECK(render_summary(rebalance(loaded)) ==
          "group analytics: loaded Stable at generation 4 with 1 members and 3 committed offsets");
    RebalanceStep stable;
    stable.step = Step::stable;
    stable.generation = 4;
    CHECK(render_summary(rebalance(stable)) == "group analytics: stable at generation 4");
}
