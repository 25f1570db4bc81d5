// Stepping: one event at a time, to the next event of a kind, and the event log lines
// a student reads.
#include <catch2/catch.hpp>

#include "viz/model/lab_session.h"
#include "viz_test_support.h"

using namespace std::chrono_literals;
using namespace kafkalab;
using namespace kafkalab::viz;
using testing::crash_lesson;
using testing::lesson;

TEST_CASE("one step fires events up to the next line of the event log and no further") {
    LabSession session(lesson(crash_lesson));
    session.advance_to(2s);
    auto lines_before = session.log().added();
    auto events_before = session.event_number();

    REQUIRE(session.step_event());

    REQUIRE(session.log().added() == lines_before + 1);
    REQUIRE(session.event_number() > events_before);
    REQUIRE(session.log().entries().back().event_number == session.event_number());
}

TEST_CASE("stepping to the next fault stops at the lesson's crash of the payments-0 leader at 10s") {
    LabSession session(lesson(crash_lesson));
    std::string leader = "broker-" + std::to_string(session.snapshot().find_partition({"payments", 0})->leader.value);

    REQUIRE(session.step_to_next(EventCategory::fault));

    REQUIRE(session.now() == 10s);
    const EventEntry& crash = session.log().notable().back();
    REQUIRE(crash.kind == "crash");
    REQUIRE(crash.to == leader);
    REQUIRE(session.snapshot().find_host(leader)->state == sim::HostState::crashed);
}

TEST_CASE("the event log reads as sender and receiver and the request in Kafka's words") {
    LabSession session(lesson(crash_lesson));
    session.advance_to(3s);
    bool saw_produce = false;
    for (const auto& entry : session.log().entries()) {
        if (entry.message_kind == MessageKind::produce && entry.text.rfind("Produce ", 0) == 0) {
            REQUIRE(entry.describe().find("registrations \u2192 broker-") == 0);
            REQUIRE(entry.describe().find("acks=all") != std::string::npos);
            saw_produce = true;
            break;
        }
    }
    REQUIRE(saw_produce);
}

TEST_CASE("the narration caption is the latest line whose time has come") {
    LabSession session(lesson(crash_lesson));
    session.advance_to(9s);
    REQUIRE(session.narration() == nullptr);
    REQUIRE(session.prediction() != nullptr);
    session.advance_to(12s);
    REQUIRE(session.narration() != nullptr);
    REQUIRE(session.narration()->say.find("leader of payments-0 is gone") != std::string::npos);
}
