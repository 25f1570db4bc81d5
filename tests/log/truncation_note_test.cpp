// The "truncate" trace record's text, written for people and read back by the viewer.
#include <catch2/catch.hpp>

#include "broker_model/log/truncation_note.h"

using namespace kafkalab::kafka;

TEST_CASE("a truncation note names the partition the broker the removed offsets and the cause") {
    TruncationNote note{{"orders", 0}, "broker-2", Offset{5}, Offset{8}, TruncationCause::leader_epoch};
    CHECK(note.to_summary() == "orders-0 on broker-2: offsets 5..7 removed (log end 8 \u2192 5), follower truncation "
                               "after a leader change (KIP-279)");
    note.removed_from = Offset{7};
    note.cause = TruncationCause::power_loss;
    CHECK(note.to_summary() == "orders-0 on broker-2: offset 7 removed (log end 8 \u2192 7), power loss: the unflushed "
                               "tail never reached the disk");
}

TEST_CASE("a truncation note reads back from its own text for every cause and a dashed topic name") {
    for (auto cause : {TruncationCause::leader_epoch, TruncationCause::high_watermark, TruncationCause::power_loss}) {
        TruncationNote note{{"my-orders.v2", 12}, "broker-10", Offset{40}, Offset{41 + static_cast<int>(cause)}, cause};
        CHECK(TruncationNote::parse(note.to_summary()) == note);
    }
}

TEST_CASE("text that is not a truncation note does not parse") {
    CHECK_FALSE(TruncationNote::parse("orders-0 leader broker 2 epoch 3 isr [2]"));
    CHECK_FALSE(TruncationNote::parse("orders-0 on broker-2: offsets 5..7 removed (log end 8 \u2192 5), a meteor"));
    CHECK_FALSE(TruncationNote::parse("orders on broker-2: offset 7 removed (log end 8 \u2192 7), power loss: the "
                                      "unflushed tail never reached the disk"));
    CHECK_FALSE(TruncationNote::parse(""));
}
