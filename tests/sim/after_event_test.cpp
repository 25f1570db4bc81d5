// The kernel's after-event hook: what the invariant checker hangs on.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "sim/scheduler.h"

using namespace kafkalab::sim;
using namespace std::chrono_literals;

namespace {

EventInfo control(const char* label) { return EventInfo{EventKind::control, no_node, no_node, label, nullptr}; }

}  // namespace

TEST_CASE("the after-event hook sees each event once its callback has run") {
    Scheduler scheduler;
    int counter = 0;
    std::vector<std::string> seen;
    scheduler.schedule_at(Time{1s}, control("first"), [&] { counter = 1; });
    scheduler.schedule_at(Time{2s}, control("second"), [&] {
        counter = 2;
        scheduler.schedule_after(0s, control("third"), [&] { counter = 3; });
    });
    scheduler.set_after_event([&](const FiredEvent& event) {
        seen.push_back(std::string(event.info.label) + "@" + format_time(event.time) + "=" + std::to_string(counter) +
                       " #" + std::to_string(scheduler.fired()));
    });
    scheduler.run();
    CHECK(seen == std::vector<std::string>{"first@1.000000s=1 #1", "second@2.000000s=2 #2", "third@2.000000s=3 #3"});
}

TEST_CASE("a throwing after-event hook stops the run and leaves the queue usable") {
    Scheduler scheduler;
    std::vector<int> fired;
    for (int i = 1; i <= 3; ++i) scheduler.schedule_at(Time{std::chrono::seconds(i)}, control("e"), [&fired, i] { fired.push_back(i); });
    scheduler.set_after_event([&](const FiredEvent&) {
        if (fired.size() == 2) throw std::runtime_error("stop");
    });
    CHECK_THROWS_AS(scheduler.run_until(Time{10s}), std::runtime_error);
    CHECK(scheduler.now() == Time{2s});
    CHECK(scheduler.pending() == 1);
    scheduler.set_after_event({});
    scheduler.run_until(Time{10s});
    CHECK(fired == std::vector<int>{1, 2, 3});
}
