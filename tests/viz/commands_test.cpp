// What the window's controls do, without a window: each panel pushes a Command and the
// main loop applies it between frames.
#include <catch2/catch.hpp>

#include "viz/model/lab_session.h"
#include "viz/model/ui_state.h"
#include "viz_test_support.h"

using namespace std::chrono_literals;
using namespace kafkalab;
using namespace kafkalab::viz;
using testing::crash_lesson;
using testing::lesson;

TEST_CASE("space plays and pauses and a step pauses and moves one log line") {
    LabSession session(lesson(crash_lesson));
    UiState ui;
    apply(Command::of(Command::Kind::toggle_play), session, ui);
    REQUIRE(ui.playback.playing());
    auto lines = session.log().added();
    apply(Command::of(Command::Kind::step_event), session, ui);
    REQUIRE_FALSE(ui.playback.playing());
    REQUIRE(session.log().added() == lines + 1);
}

TEST_CASE("the fault menu's crash is applied and recorded and reported in the status line") {
    LabSession session(lesson(crash_lesson));
    UiState ui;
    apply(Command::seek(4s), session, ui);
    apply(Command::inject(scenarios::FaultKind::crash, "broker-3"), session, ui);
    REQUIRE(session.snapshot().find_host("broker-3")->state == sim::HostState::crashed);
    REQUIRE(ui.status == "crash broker-3 at 4s (recorded)");
    apply(Command::inject(scenarios::FaultKind::crash, "broker-9"), session, ui);
    REQUIRE(ui.status == "unknown host broker-9");
    REQUIRE(session.live_faults().size() == 1);
}

TEST_CASE("clicking the timeline behind the playhead rewinds and a log line goes right after its event") {
    LabSession session(lesson(crash_lesson));
    UiState ui;
    apply(Command::seek(6s), session, ui);
    const EventEntry line = session.log().entries()[session.log().entries().size() / 2];
    apply(Command::seek(2s), session, ui);
    REQUIRE(session.now() == 2s);
    apply(Command::seek_event(line.event_number), session, ui);
    REQUIRE(session.event_number() == line.event_number);
    REQUIRE(session.now() == line.time);
}

TEST_CASE("next fault stops on the crash and past the last one it says so") {
    LabSession session(lesson(crash_lesson));
    UiState ui;
    apply(Command::next(EventCategory::fault), session, ui);
    REQUIRE(session.now() == 10s);
    apply(Command::seek(50s), session, ui);  // after the restart at 45s: no fault is left
    apply(Command::next(EventCategory::fault), session, ui);
    REQUIRE(ui.status == "no further fault before the end of the run");
    REQUIRE(session.finished());
}
