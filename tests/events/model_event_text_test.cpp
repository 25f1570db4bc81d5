// The model's events rendered into the trace's words: the one renderer. Its wording is
// the trace's (every golden trace hash depends on it), so these pin a few of them.
#include <catch2/catch.hpp>

#include "broker_model/events/model_event.h"

using namespace kafkalab::kafka;

TEST_CASE("a truncation renders the partition the broker the removed offsets and the cause") {
    TruncationNote note{{"orders", 0}, "broker-2", Offset{5}, Offset{8}, TruncationCause::leader_epoch};
    CHECK(std::string(trace_kind(note)) == "truncate");
    CHECK(render_summary(note) == "orders-0 on broker-2: offsets 5..7 removed (log end 8 \u2192 5), follower truncation "
                                  "after a leader change (KIP-279)");
    note.removed_from = Offset{7};
    note.cause = TruncationCause::power_loss;
    CHECK(render_summary(note) == "orders-0 on broker-2: offset 7 removed (log end 8 \u2192 7), power loss: the unflushed "
                                  "tail never reached the disk");
}

TEST_CASE("elections render their partition leader epoch and ISR the way the trace has always read") {
    CHECK(render_summary(LeaderElected{{"payments", 0}, BrokerId{2}, LeaderEpoch{3}, {BrokerId{2}, BrokerId{3}}}) ==
          "payments-0 leader broker 2 epoch 3 isr [2,3]");
    CHECK(render_summary(LeaderElected{{"payments", 1}, no_broker, LeaderEpoch{4}, {BrokerId{1}}}) ==
          "payments-1 leader none epoch 4 isr [1]");
    CHECK(std::string(trace_kind(UncleanLeaderElected{{"payments", 0}, BrokerId{3}})) == "unclean-election");
    CHECK(render_summary(UncleanLeaderElected{{"payments", 0}, BrokerId{3}}) ==
          "payments-0: out-of-sync replica 3 elected leader");
    CHECK(render_summary(IsrChanged{{"my-orders.v2", 12}, BrokerId{1}, LeaderEpoch{0}, {BrokerId{1}}}) ==
          "my-orders.v2-12 isr=[1]");
    CHECK(render_summary(BrokersFailed{{BrokerId{1}, BrokerId{3}}}) == "brokers 1,3 are gone");
}

TEST_CASE("a ZooKeeper server's role renders its leader and epoch only once it has one") {
    CHECK(render_summary(ZkServerStateChanged{"LOOKING", false, 0, 0, "started", 0, false}) ==
          "LOOKING (started), last zxid 0x0");
    CHECK(render_summary(ZkServerStateChanged{"LEADING", true, 2, 1, "quorum formed", (1LL << 32) | 5, true}) ==
          "LEADING leader 2 epoch 1 (quorum formed), last zxid 0x100000005, serving");
}
