#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/scheduler.h"

using namespace kafkalab::sim;
using namespace std::chrono_literals;

namespace kafkalab::sim {
/// Reaches into the scheduler to make the sequence tags run out after a few events.
struct SchedulerTesting {
    static void set_tag_limit(Scheduler& scheduler, std::uint64_t limit) { scheduler.tag_limit_ = limit; }
};
}  // namespace kafkalab::sim

namespace {
EventInfo control(const char* label = "") { return EventInfo{EventKind::control, no_node, no_node, label, nullptr}; }
}  // namespace

TEST_CASE("events fire in time order, and ties in the order they were scheduled") {
    Scheduler scheduler;
    std::string order;
    scheduler.schedule_at(Time{20ms}, control(), [&] { order += "c"; });
    scheduler.schedule_at(Time{10ms}, control(), [&] { order += "a"; });
    scheduler.schedule_at(Time{10ms}, control(), [&] { order += "b"; });
    scheduler.schedule_at(Time{20ms}, control(), [&] { order += "d"; });
    scheduler.run();
    CHECK(order == "abcd");
    CHECK(scheduler.now() == Time{20ms});
}

TEST_CASE("an event scheduled for now by a firing event runs after the events already due") {
    Scheduler scheduler;
    std::string order;
    scheduler.schedule_at(Time{1ms}, control(), [&] {
        order += "a";
        scheduler.schedule_after(0ms, control(), [&] { order += "c"; });
    });
    scheduler.schedule_at(Time{1ms}, control(), [&] { order += "b"; });
    scheduler.run();
    CHECK(order == "abc");
}

TEST_CASE("a cancelled timer never fires and is not pending") {
    Scheduler scheduler;
    bool fired = false;
    TimerId id = scheduler.schedule_after(5ms, control(), [&] { fired = true; });
    CHECK(scheduler.pending() == 1);
    CHECK(scheduler.cancel(id));
    CHECK_FALSE(scheduler.cancel(id));
    CHECK(scheduler.pending() == 0);
    scheduler.run();
    CHECK_FALSE(fired);
}

TEST_CASE("cancelling an old handle does not cancel the event that reused its slot") {
    Scheduler scheduler;
    int fired = 0;
    TimerId first = scheduler.schedule_after(1ms, control(), [&] { ++fired; });
    scheduler.run();
    scheduler.schedule_after(1ms, control(), [&] { ++fired; });
    CHECK_FALSE(scheduler.cancel(first));
    scheduler.run();
    CHECK(fired == 2);
}

TEST_CASE("step fires exactly one event and skips cancelled ones") {
    Scheduler scheduler;
    std::vector<int> fired;
    TimerId dead = scheduler.schedule_at(Time{1ms}, control(), [&] { fired.push_back(0); });
    scheduler.schedule_at(Time{2ms}, control(), [&] { fired.push_back(1); });
    scheduler.schedule_at(Time{3ms}, control(), [&] { fired.push_back(2); });
    scheduler.cancel(dead);
    REQUIRE(scheduler.step());
    CHECK(fired == std::vector<int>{1});
    CHECK(scheduler.now() == Time{2ms});
    REQUIRE(scheduler.step());
    CHECK(fired == std::vector<int>{1, 2});
    CHECK_FALSE(scheduler.step());
}

TEST_CASE("run_until fires what is due and stops the clock exactly there") {
    Scheduler scheduler;
    int fired = 0;
    scheduler.schedule_at(Time{10ms}, control(), [&] { ++fired; });
    scheduler.schedule_at(Time{30ms}, control(), [&] { ++fired; });
    scheduler.run_until(Time{20ms});
    CHECK(fired == 1);
    CHECK(scheduler.now() == Time{20ms});
    scheduler.run_for(10ms);
    CHECK(fired == 2);
    CHECK(scheduler.next_event_time() == time_never);
}

TEST_CASE("timers of a crashed owner are skipped") {
    Scheduler scheduler;
    NodeIndex owner = scheduler.add_owner();
    bool fired = false;
    scheduler.schedule_after(1ms, EventInfo{EventKind::timer, owner, no_node, "t", nullptr}, [&] { fired = true; });
    scheduler.bump_incarnation(owner);
    scheduler.run();
    CHECK_FALSE(fired);
    CHECK(scheduler.pending() == 0);
}

TEST_CASE("observers see every fired event with its time and label") {
    Scheduler scheduler;
    std::vector<std::string> seen;
    scheduler.add_observer([&](const FiredEvent& e) { seen.push_back(format_time(e.time) + " " + e.info.label); });
    scheduler.schedule_at(Time{2ms}, control("b"), [] {});
    scheduler.schedule_at(Time{1ms}, control("a"), [] {});
    scheduler.run();
    CHECK(seen == std::vector<std::string>{"0.001000s a", "0.002000s b"});
}

TEST_CASE("a callback too big to store inline still runs") {
    Scheduler scheduler;
    std::array<long, 32> big{};
    big[31] = 7;
    long seen = 0;
    scheduler.schedule_after(1ms, control(), [big, &seen] { seen = big[31]; });
    scheduler.run();
    CHECK(seen == 7);
}

TEST_CASE("ties keep their scheduling order when the sequence tags are renumbered") {
    // Four events share each of three times; each fired event adds one more at the
    // latest time, so with a limit of 16 tags run out while ties are pending.
    auto run = [](std::uint64_t tag_limit, std::vector<std::uint64_t>& sequences) {
        Scheduler scheduler;
        SchedulerTesting::set_tag_limit(scheduler, tag_limit);
        scheduler.add_observer([&](const FiredEvent& e) { sequences.push_back(e.sequence); });
        std::string order;
        for (int i = 0; i < 12; ++i) {
            scheduler.schedule_at(Time{Duration{i % 3}}, control(), [&scheduler, &order, i] {
                order += static_cast<char>('a' + i);
                if (i >= 9) return;
                scheduler.schedule_at(Time{Duration{2}}, control(),
                                      [&order, i] { order += static_cast<char>('A' + i); });
            });
        }
        scheduler.run();
        return order;
    };
    std::vector<std::uint64_t> renumbered_sequences;
    std::vector<std::uint64_t> plain_sequences;
    const std::string renumbered = run(16, renumbered_sequences);
    CHECK(renumbered == "adgjbehkcfilADGBEHCFI");
    CHECK(renumbered == run(std::uint64_t{1} << 32, plain_sequences));
    // Observers see the full sequence, not the renumbered tag.
    CHECK(renumbered_sequences == plain_sequences);
    CHECK(renumbered_sequences.back() == 20);
}

TEST_CASE("an event scheduled with an empty callback fires and does nothing") {
    Scheduler scheduler;
    int fired = 0;
    scheduler.add_observer([&](const FiredEvent&) { ++fired; });
    scheduler.schedule_after(1ms, control(), Callback{});
    CHECK(scheduler.pending() == 1);
    scheduler.run();
    CHECK(fired == 1);
    CHECK(scheduler.pending() == 0);
}
