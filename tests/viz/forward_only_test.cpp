// With real clients attached (kafkalab-viz --serve) the run they talk to is never
// re-run: the window refuses to go back in time, and says why.
#include <catch2/catch.hpp>

#include "viz/model/lab_session.h"
#include "viz/model/ui_state.h"
#include "viz_test_support.h"

using namespace std::chrono_literals;
using namespace kafkalab;
using namespace kafkalab::viz;
using testing::crash_lesson;
using testing::lesson;

namespace {

std::unique_ptr<LabSession> forward_only_session() {
    SessionOptions options;
    options.forward_only = true;
    return std::make_unique<LabSession>(lesson(crash_lesson), options);
}

}  // namespace

TEST_CASE("a forward-only session refuses every way back and says real clients are attached") {
    auto session = forward_only_session();
    REQUIRE_FALSE(session->can_rewind());
    session->advance_to(6s);
    const std::uint64_t events = session->event_number();
    UiState ui;
    const Command backwards[] = {Command::seek(2s), Command::seek_event(events / 2),
                                 Command::of(Command::Kind::restart_run)};
    for (const Command& back : backwards) {
        ui.status.clear();
        apply(back, *session, ui);
        CHECK(session->now() == 6s);
        CHECK(session->event_number() == events);
        CHECK(ui.status == "real clients are attached: the run only goes forward");
    }
    session->rewind_to(1s);
    CHECK(session->now() == 6s);
    // Forward still works.
    apply(Command::seek(8s), *session, ui);
    CHECK(session->now() == 8s);
    CHECK(session->event_number() > events);
}

TEST_CASE("a forward-only session refuses a pause whose end would re-run the past but takes a crash") {
    auto session = forward_only_session();
    session->advance_to(5s);
    std::string refused;
    CHECK_FALSE(session->inject(LiveFault::on_host(scenarios::FaultKind::pause, "broker-2"), &refused));
    CHECK(refused.find("pause cannot be ended") != std::string::npos);
    CHECK(session->inject(LiveFault::on_host(scenarios::FaultKind::crash, "broker-2"), &refused));
    CHECK_FALSE(session->run().simulation().is_up(*session->run().simulation().find_node("broker-2")));
}

TEST_CASE("a session that may rewind still does so") {
    LabSession session(lesson(crash_lesson));
    REQUIRE(session.can_rewind());
    session.advance_to(6s);
    UiState ui;
    apply(Command::seek(2s), session, ui);
    CHECK(session.now() == 2s);
}
