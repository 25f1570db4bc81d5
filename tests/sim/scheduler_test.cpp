#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "random_delays.h"
#include "sim/random.h"
#include "sim/scheduler.h"

using namespace kafkalab::sim;
using namespace std::chrono_literals;

namespace kafkalab::sim {
/// Reaches into the scheduler to make the sequence tags run out after a few events,
/// and to drop cancelled entries whenever a test likes.
struct SchedulerTesting {
    static void set_tag_limit(Scheduler& scheduler, std::uint64_t limit) { scheduler.tag_limit_ = limit; }
    static void compact(Scheduler& scheduler) { scheduler.compact(); }
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

namespace {

/// A delay from a mix of scales (mixed_scale_delay), and rarely a jump to near the
/// end of the clock's range.
std::int64_t random_delay(RandomStream& random, std::int64_t now) {
    if (random.below(7) < 6) return mixed_scale_delay(random);
    const std::int64_t far = std::int64_t{1} << 62;
    return now < far && random.chance(0.01) ? far - now + static_cast<std::int64_t>(random.below(1000)) : 1;
}

}  // namespace

TEST_CASE("random schedules and cancellations and crashes and steps fire in (time and sequence) order") {
    // A model keeps the events that are going to fire in a std::set of (time, sequence);
    // an observer checks that each event that fires is the first of that set.
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        for (const std::uint64_t tag_limit : {std::uint64_t{1} << 32, std::uint64_t{256}}) {
            INFO("seed " << seed << " tag limit " << tag_limit);
            Scheduler scheduler;
            SchedulerTesting::set_tag_limit(scheduler, tag_limit);
            RandomStream random(seed);
            const NodeIndex owners[] = {scheduler.add_owner(), scheduler.add_owner(), scheduler.add_owner()};
            enum class State { pending, fired, cancelled, orphaned };
            using Key = std::pair<std::int64_t, std::uint64_t>;  // (time, sequence)
            struct Event {
                Key key;
                NodeIndex owner;
                State state;
                TimerId id;
            };
            std::vector<Event> events;  // by sequence
            std::set<Key> due;
            // Cancelled and orphaned events the queue may still hold: those before the last
            // event that fired are gone. Renumbering needs fewer entries than tags.
            std::set<Key> dead;
            auto now = [&] { return scheduler.now().time_since_epoch().count(); };
            scheduler.add_observer([&](const FiredEvent& e) {
                REQUIRE_FALSE(due.empty());
                REQUIRE(std::pair{e.time.time_since_epoch().count(), e.sequence} == *due.begin());
                due.erase(due.begin());
                events[e.sequence].state = State::fired;
                dead.erase(dead.begin(), dead.lower_bound({e.time.time_since_epoch().count(), e.sequence}));
            });

            std::function<void()> act;  // what a firing event does
            auto schedule = [&](std::int64_t at) {
                if (due.size() + dead.size() + 1 >= tag_limit) return;
                const NodeIndex owner = random.chance(0.3) ? owners[random.below(3)] : no_node;
                const EventKind kind = owner == no_node ? EventKind::control : EventKind::timer;
                const Key key{std::max(at, now()), events.size()};
                due.insert(key);
                events.push_back({key, owner, State::pending, {}});
                const EventInfo info{kind, owner, no_node, "e", nullptr};
                events.back().id = scheduler.schedule_at(Time{Duration{at}}, info, [&act] { act(); });
            };
            auto cancel_one = [&] {
                if (events.empty()) return;
                Event& event = events[random.below(events.size())];
                const bool cancelled = scheduler.cancel(event.id);
                if (event.state == State::pending) {
                    REQUIRE(cancelled);
                    due.erase(event.key);
                    dead.insert(event.key);
                    event.state = State::cancelled;
                } else if (event.state != State::orphaned) {  // an orphan may not be dropped yet
                    REQUIRE_FALSE(cancelled);
                }
            };
            auto crash_one = [&] {
                const NodeIndex owner = owners[random.below(3)];
                scheduler.bump_incarnation(owner);
                for (auto it = due.begin(); it != due.end();) {
                    Event& event = events[it->second];
                    if (event.owner != owner) {
                        ++it;
                        continue;
                    }
                    event.state = State::orphaned;
                    dead.insert(event.key);
                    it = due.erase(it);
                }
            };
            act = [&] {
                if (events.size() >= 6'000) return;
                for (std::uint64_t k = random.below(3); k-- > 0;) schedule(now() + random_delay(random, now()));
                if (random.chance(0.1)) cancel_one();
                if (random.chance(0.01)) crash_one();
            };

            for (int op = 0; op < 3'000; ++op) {
                const std::uint64_t what = random.below(100);
                if (what < 30) {
                    schedule(now() + random_delay(random, now()));
                } else if (what < 33) {
                    schedule(now() - static_cast<std::int64_t>(random.below(1000)));  // the past: clamped to now
                } else if (what < 40) {
                    cancel_one();
                } else if (what < 42) {
                    crash_one();
                } else if (what < 65) {
                    const std::uint64_t before = scheduler.fired();
                    const bool any = !due.empty();
                    REQUIRE(scheduler.step() == any);
                    REQUIRE(scheduler.fired() == before + (any ? 1 : 0));
                } else if (what < 90) {
                    // Stop exactly at the next event, just before it, or anywhere.
                    std::int64_t until = now() + random_delay(random, now());
                    if (!due.empty() && random.chance(0.5)) until = due.begin()->first - (random.chance(0.5) ? 1 : 0);
                    const std::int64_t start = now();
                    scheduler.run_until(Time{Duration{until}});
                    REQUIRE((due.empty() || due.begin()->first > until));
                    REQUIRE(now() == std::max(start, until));
                } else if (what < 95) {
                    // Dropping cancelled entries in bulk, at any point, changes no order.
                    SchedulerTesting::compact(scheduler);
                    dead.clear();
                    for (const Event& event : events) {
                        if (event.state == State::orphaned) dead.insert(event.key);  // kept until they reach the top
                    }
                } else if (what < 97) {
                    const Time next = due.empty() ? time_never : Time{Duration{due.begin()->first}};
                    REQUIRE(scheduler.next_event_time() == next);
                } else {
                    std::set<std::pair<std::int64_t, std::uint64_t>> listed;
                    scheduler.for_each_pending([&](Time t, std::uint64_t sequence, const EventInfo&) {
                        listed.insert({t.time_since_epoch().count(), sequence});
                    });
                    REQUIRE(listed == due);
                }
                REQUIRE(scheduler.pending() >= due.size());
            }
            scheduler.run();
            CHECK(due.empty());
            CHECK(scheduler.pending() == 0);
            CHECK(events.size() > 1'000);  // with 256 tags, renumbered many times over
        }
    }
}

TEST_CASE("cancelled timers are dropped in bulk long before they are due") {
    // A Kafka client arms a 30 s request timeout per request and cancels it when the
    // answer comes: the queue must not keep those until they are due.
    Scheduler scheduler;
    std::vector<int> fired;
    std::vector<TimerId> timeouts;
    for (int i = 0; i < 20'000; ++i) {
        timeouts.push_back(scheduler.schedule_at(Time{30s + std::chrono::milliseconds(i)}, control(), [] {}));
        if (i % 1000 == 0) {
            scheduler.schedule_at(Time{std::chrono::milliseconds(i)}, control(), [&fired, i] { fired.push_back(i); });
        }
    }
    for (std::size_t i = 0; i < timeouts.size(); ++i) {
        if (i % 5000 != 0) CHECK(scheduler.cancel(timeouts[i]));
    }
    CHECK(scheduler.pending() == 24);
    CHECK(scheduler.queued() < 24 + 4096 + 1);
    // Handles of dropped events stay dead, and the survivors fire in order.
    CHECK_FALSE(scheduler.cancel(timeouts[1]));
    std::vector<Time> times;
    scheduler.add_observer([&](const FiredEvent& event) { times.push_back(event.time); });
    scheduler.run();
    CHECK(fired.size() == 20);
    CHECK(std::is_sorted(fired.begin(), fired.end()));
    REQUIRE(times.size() == 24);
    CHECK(std::is_sorted(times.begin(), times.end()));
    CHECK(times.back() == Time{30s + 15'000ms});
}

TEST_CASE("a stale handle does not cancel an event that reused a slot freed by dropping cancelled timers") {
    Scheduler scheduler;
    std::vector<TimerId> ids;
    for (int i = 0; i < 5000; ++i) ids.push_back(scheduler.schedule_at(Time{10s}, control(), [] {}));
    for (const TimerId& id : ids) scheduler.cancel(id);
    REQUIRE(scheduler.queued() < 5000);  // dropped: their slots are free again
    bool ran = false;
    scheduler.schedule_at(Time{1s}, control(), [&] { ran = true; });
    for (const TimerId& id : ids) CHECK_FALSE(scheduler.cancel(id));
    scheduler.run();
    CHECK(ran);
}
