// A broken model invariant (a simulator bug) must not take the window down: the
// session halts at the event where it was seen, says what broke, and stops playing.
#include <catch2/catch.hpp>

#include <algorithm>

#include "broker_model/log/log_manager.h"
#include "viz/model/lab_session.h"
#include "viz/model/ui_state.h"
#include "viz_test_support.h"

using namespace std::chrono_literals;
using namespace kafkalab;
using namespace kafkalab::viz;
using testing::crash_lesson;
using testing::lesson;

namespace {

const kafka::TopicPartition payments0{"payments", 0};

/// Schedules, one second from now, what a buggy model might do: cut an in-sync
/// follower's log below the high watermark behind the leader's back.
void break_a_follower_soon(LabSession& session) {
    const PartitionView* p = session.snapshot().find_partition(payments0);
    REQUIRE(p != nullptr);
    auto follower = std::find_if(p->replicas.begin(), p->replicas.end(),
                                 [](const ReplicaView& r) { return !r.is_leader && r.in_isr; });
    REQUIRE(follower != p->replicas.end());
    auto& sim = session.run().simulation();
    auto node = sim.find_node(follower->host);
    REQUIRE(node);
    kafka::PartitionLog* log = sim.context(*node).disk().find<kafka::LogManager>(kafka::LogManager::disk_key)->find(payments0);
    REQUIRE(log != nullptr);
    REQUIRE(log->high_watermark() > kafka::Offset{1});
    sim.at(sim.now() + 1s, "test: cut a follower's log", [log] { log->truncate_to(kafka::Offset{1}); });
}

SessionOptions checked() {
    SessionOptions options;
    options.check_invariants = true;
    return options;
}

}  // namespace

TEST_CASE("a broken model invariant halts the session at its event and is reported instead of thrown") {
    LabSession session(lesson(crash_lesson), checked());
    session.advance_to(5s);
    break_a_follower_soon(session);

    REQUIRE_NOTHROW(session.advance_to(20s));

    REQUIRE(session.violation());
    const auto& violation = *session.violation();
    CHECK(violation.invariant == "high watermark within the ISR");
    CHECK(session.now() < 7s);  // stopped where it broke, not at 20s
    CHECK(violation.event_number == session.event_number());
    const auto& notable = session.log().notable();
    REQUIRE_FALSE(notable.empty());
    CHECK(notable.back().kind == "invariant-violation");
    CHECK(notable.back().event_number == violation.event_number);
    CHECK_THAT(notable.back().text, Catch::Contains("high watermark within the ISR") && Catch::Contains("payments-0"));
}

TEST_CASE("a halted session does not move and playback stops with the reason in the status line") {
    LabSession session(lesson(crash_lesson), checked());
    session.advance_to(5s);
    break_a_follower_soon(session);
    UiState ui;
    ui.playback.set_speed_index(9);  // 1000x: one frame covers the break
    ui.playback.play();
    REQUIRE_NOTHROW(play_for(session, ui, 0.05));

    REQUIRE(session.violation());
    CHECK_FALSE(ui.playback.playing());
    CHECK_THAT(ui.status, Catch::Contains("invariant"));
    const sim::Duration halted_at = session.now();
    CHECK_FALSE(session.step_event());
    session.advance_to(30s);
    CHECK(session.now() == halted_at);
    apply(Command::of(Command::Kind::toggle_play), session, ui);
    CHECK_FALSE(ui.playback.playing());
    std::string refused;
    CHECK_FALSE(session.inject(LiveFault::on_host(scenarios::FaultKind::crash, "broker-1"), &refused));
    CHECK_THAT(refused, Catch::Contains("invariant"));
}

TEST_CASE("rewinding to before a broken invariant clears it and the run goes on") {
    LabSession session(lesson(crash_lesson), checked());
    session.advance_to(5s);
    break_a_follower_soon(session);
    session.advance_to(10s);
    REQUIRE(session.violation());

    session.rewind_to(3s);  // a new run, without the test's deliberate break
    CHECK_FALSE(session.violation());
    session.advance_to(8s);
    CHECK(session.now() == 8s);
    CHECK_FALSE(session.violation());
}
