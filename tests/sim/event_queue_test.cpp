// The scheduler's radix heap against a plain ordered set of (time, tag).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "sim/event_queue.h"
#include "random_delays.h"
#include "sim/random.h"

using namespace kafkalab::sim;

namespace {

using Key = std::tuple<std::int64_t, std::uint32_t, std::uint32_t>;  // (time, tag, slot)

Key key_of(const EventQueue::Entry& entry) { return {entry.time, entry.tag(), entry.slot()}; }

/// Drives an EventQueue and a std::set with the same operations and checks that they
/// agree. Like the scheduler, it pushes at or after the time last popped (its clock),
/// with tags that only grow, and may look at the top without popping it.
struct Twin {
    EventQueue queue;
    std::set<Key> model;
    std::int64_t clock = 0;
    std::uint32_t next_tag = 0;
    std::uint32_t next_slot = 0;

    void push(std::int64_t time) {
        REQUIRE(time >= clock);
        queue.push({time, static_cast<std::uint64_t>(next_tag) << 32 | next_slot});
        model.insert({time, next_tag++, next_slot++});
    }
    void check_top() {
        REQUIRE(queue.size() == model.size());
        if (!model.empty()) REQUIRE(key_of(queue.top()) == *model.begin());
    }
    void pop() {
        check_top();
        if (model.empty()) return;
        clock = queue.top().time;
        queue.pop();
        model.erase(model.begin());
    }
    void check_contents() const {
        std::set<Key> seen;
        queue.for_each([&](const EventQueue::Entry& entry) { seen.insert(key_of(entry)); });
        CHECK(seen == model);
    }
    /// Renumbers the queue, checks that the new tags rank the entries as the old ones
    /// did, and carries the new tags over to the model.
    void renumber() {
        const std::uint64_t first_unused = queue.renumber();
        REQUIRE(first_unused == model.size());
        std::vector<Key> by_old_tag(model.begin(), model.end());
        std::sort(by_old_tag.begin(), by_old_tag.end(),
                  [](const Key& a, const Key& b) { return std::get<1>(a) < std::get<1>(b); });
        std::set<Key> renumbered;
        queue.for_each([&](const EventQueue::Entry& entry) {
            REQUIRE(entry.tag() < by_old_tag.size());
            const Key& old = by_old_tag[entry.tag()];
            REQUIRE(std::get<0>(old) == entry.time);
            REQUIRE(std::get<2>(old) == entry.slot());
            renumbered.insert(key_of(entry));
        });
        REQUIRE(renumbered.size() == model.size());
        model = std::move(renumbered);
        next_tag = static_cast<std::uint32_t>(first_unused);
    }
};

}  // namespace

TEST_CASE("the event queue pops in (time and tag) order under random pushes and pops") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        RandomStream random(seed);
        Twin twin;
        for (int op = 0; op < 20'000; ++op) {
            const std::uint64_t what = random.below(10);
            if (what < 5) {
                twin.push(twin.clock + mixed_scale_delay(random));
            } else if (what < 9) {
                twin.pop();
            } else {
                twin.check_top();  // looks ahead, as run_until and next_event_time do
            }
        }
        twin.check_contents();
        while (!twin.model.empty()) twin.pop();
        CHECK(twin.queue.empty());
    }
}

TEST_CASE("entries pushed at one time pop in push order even when mixed with others") {
    Twin twin;
    for (int round = 0; round < 50; ++round) {
        for (int i = 0; i < 40; ++i) twin.push(twin.clock + (i % 4) * 1000 + (i % 3 == 0 ? 0 : 17));
        for (int i = 0; i < 30; ++i) twin.pop();
        // Ties at the time just popped go behind the ones already waiting there.
        for (int i = 0; i < 5; ++i) twin.push(twin.clock);
    }
    while (!twin.model.empty()) twin.pop();
}

TEST_CASE("an entry pushed before a top that was looked at but not popped comes out first") {
    // run_until stops short of the next event after top() moved the queue's base to it;
    // the next push may then land anywhere between the clock and that event.
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        RandomStream random(seed);
        Twin twin;
        for (int op = 0; op < 5'000; ++op) {
            for (std::uint64_t k = random.below(4); k-- > 0;) twin.push(twin.clock + mixed_scale_delay(random));
            twin.check_top();
            if (!twin.model.empty() && random.chance(0.5)) {
                const std::int64_t next = std::get<0>(*twin.model.begin());
                // Somewhere between the clock and the peeked top, often just below it.
                const std::int64_t span = next - twin.clock;
                std::int64_t at = twin.clock;
                if (span > 0 && random.chance(0.5)) {
                    at += span - 1;
                } else if (span > 0) {
                    at += static_cast<std::int64_t>(random.below(static_cast<std::uint64_t>(span)));
                }
                twin.push(at);
                twin.check_top();
            }
            if (random.chance(0.6)) twin.pop();
        }
        twin.check_contents();
        while (!twin.model.empty()) twin.pop();
    }
}

TEST_CASE("the event queue handles times near the end of the 63-bit range") {
    Twin twin;
    const std::int64_t far = std::int64_t{1} << 62;
    twin.push(far);
    twin.push(far - 1);
    twin.push(far + 1);
    twin.push(std::numeric_limits<std::int64_t>::max());
    twin.push(0);
    twin.pop();
    twin.pop();
    twin.push(far - 1);  // a tie with the time just popped
    twin.push(std::numeric_limits<std::int64_t>::max() - 1);
    while (!twin.model.empty()) twin.pop();
    CHECK(twin.clock == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("renumbering keeps the order of pending entries") {
    RandomStream random(3);
    Twin twin;
    for (int round = 0; round < 40; ++round) {
        for (int i = 0; i < 200; ++i) twin.push(twin.clock + static_cast<std::int64_t>(random.below(50)));
        for (int i = 0; i < 150; ++i) twin.pop();
        if (round % 2 == 0) twin.check_top();  // renumber both with and without a settled top
        twin.renumber();
        twin.check_contents();
    }
    while (!twin.model.empty()) twin.pop();
}
