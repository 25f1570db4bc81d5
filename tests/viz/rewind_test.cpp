// Rewinding re-runs the scenario; what a student sees afterwards must be exactly what
// they would have seen had they stopped there on the way forward.
#include <catch2/catch.hpp>

#include <algorithm>

#include "viz/model/lab_session.h"
#include "viz_test_support.h"

using namespace std::chrono_literals;
using namespace kafkalab;
using namespace kafkalab::viz;
using testing::crash_lesson;
using testing::lesson;

TEST_CASE("the state after rewinding to 15s equals the state reached by running to 15s") {
    LabSession direct(lesson(crash_lesson));
    direct.advance_to(15s);

    LabSession rewound(lesson(crash_lesson));
    rewound.advance_to(25s);
    REQUIRE(rewound.snapshot() != direct.snapshot());
    rewound.rewind_to(15s);

    REQUIRE(rewound.now() == 15s);
    REQUIRE(rewound.snapshot() == direct.snapshot());
    REQUIRE(rewound.run().ledger().digest() == direct.run().ledger().digest());
}

TEST_CASE("rewinding to an event number lands right after that event as stepping there does") {
    LabSession direct(lesson(crash_lesson));
    direct.advance_to(9s);
    for (int i = 0; i < 40; ++i) REQUIRE(direct.step_event());
    const std::uint64_t target = direct.event_number();

    LabSession rewound(lesson(crash_lesson));
    rewound.advance_to(12s);
    rewound.rewind_to_event(target);

    REQUIRE(rewound.event_number() == target);
    REQUIRE(rewound.snapshot() == direct.snapshot());
}

TEST_CASE("a live crash is replayed at the same point when the run is rewound past it") {
    LabSession direct(lesson(crash_lesson));
    direct.advance_to(5s);
    REQUIRE(direct.inject(scenarios::FaultKind::crash, "broker-1"));
    direct.advance_to(8s);

    LabSession rewound(lesson(crash_lesson));
    rewound.advance_to(5s);
    REQUIRE(rewound.inject(scenarios::FaultKind::crash, "broker-1"));
    rewound.advance_to(20s);
    rewound.rewind_to(8s);

    REQUIRE(rewound.snapshot().find_host("broker-1")->state == sim::HostState::crashed);
    REQUIRE(rewound.snapshot() == direct.snapshot());
    REQUIRE(rewound.live_faults().size() == 1);
}

TEST_CASE("a fault injected after a rewind replaces the faults of the abandoned future") {
    LabSession session(lesson(crash_lesson));
    session.advance_to(5s);
    REQUIRE(session.inject(scenarios::FaultKind::crash, "broker-1"));
    session.rewind_to(3s);
    REQUIRE(session.inject(scenarios::FaultKind::crash, "broker-3"));
    session.advance_to(6s);

    REQUIRE(session.live_faults().size() == 1);
    REQUIRE(session.live_faults()[0].host() == "broker-3");
    REQUIRE(session.snapshot().find_host("broker-1")->state == sim::HostState::up);
    REQUIRE(session.live_faults_yaml() == "faults:\n  - {at: 3s, crash: broker-3}\n");
}

TEST_CASE("watching a run with the viewer leaves its trace byte for byte the same") {
    auto scenario = lesson(crash_lesson);
    sim::Trace plain_trace(false);
    {
        scenarios::RunOptions options;
        options.trace = &plain_trace;
        scenarios::ScenarioRun plain(scenario, options);
        plain.run_until(20s);
    }
    sim::Trace watched_trace(false);
    {
        SessionOptions options;
        options.trace = &watched_trace;
        LabSession watched(lesson(crash_lesson), options);
        for (int i = 0; i < 50; ++i) REQUIRE(watched.step_event());
        while (watched.now() < 20s) {
            watched.advance_to(std::min<sim::Duration>(watched.now() + 100ms, 20s));
            (void)watched.snapshot();
            (void)watched.in_flight();
        }
    }
    REQUIRE(watched_trace.count() == plain_trace.count());
    REQUIRE(watched_trace.hash() == plain_trace.hash());
}
