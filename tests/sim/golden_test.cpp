// Golden runs: fixed workloads whose trace hashes were recorded before the kernel was
// optimised. Any change to the event order, to the random draws or to a fault's effect
// changes a hash, so these tests hold every later optimisation to the exact semantics.
// If a hash changes on purpose (a deliberate change of behaviour), say so in the
// commit and record the new value.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/simulation.h"
#include "test_nodes.h"

using namespace kafkalab::sim;
using namespace kafkalab::sim::testing;
using namespace std::chrono_literals;

namespace {

/// Folds values into a 64-bit FNV-1a hash.
struct Fold {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    void add(std::uint64_t value) {
        for (int i = 0; i < 8; ++i) {
            hash ^= (value >> (8 * i)) & 0xff;
            hash *= 0x100000001b3ULL;
        }
    }
    void add(std::string_view text) {
        for (unsigned char c : text) {
            hash ^= c;
            hash *= 0x100000001b3ULL;
        }
        add(text.size());
    }
};

/// Sends to random peers on a jittery tick, arms a timeout per send and cancels it on
/// any arrival, and replies to some messages: timers, cancellations and traffic mixed.
class Chatter final : public Node {
public:
    Chatter(NodeContext& context, std::size_t nodes) : Node(context), nodes_(nodes) {}
    void on_start() override { tick(); }
    void on_message(NodeIndex from, const MessagePtr& message) override {
        context().cancel_timer(timeout_);
        const auto& note = static_cast<const Note&>(*message);
        if (context().random().chance(0.5)) {
            context().send(from, std::make_shared<Note>(note.number + 1, 50 + context().random().below(5000)));
        }
    }

private:
    void tick() {
        auto to = static_cast<NodeIndex>(context().random().below(nodes_));
        if (to != context().index()) {
            context().send(to, std::make_shared<Note>(static_cast<int>(to), 100 + context().random().below(20'000)));
            context().cancel_timer(timeout_);
            timeout_ = context().set_timer(3ms, "timeout", [] {});
        }
        context().set_timer(Duration{context().random().between(1, 2'000'000)}, "tick", [this] { tick(); });
    }
    std::size_t nodes_;
    TimerId timeout_;
};

}  // namespace

TEST_CASE("a fixed run with faults reproduces its recorded trace hash") {
    NetworkOptions options;
    options.link = LinkSpec{300us, 200us, 125'000'000, 0.01};
    Simulation sim(42, options);
    Trace trace(false);
    sim.set_trace(&trace);
    Fold fired;
    sim.scheduler().add_observer([&](const FiredEvent& e) {
        fired.add(static_cast<std::uint64_t>(e.time.time_since_epoch().count()));
        fired.add(e.sequence);
        fired.add(static_cast<std::uint64_t>(e.info.kind));
        fired.add(e.info.node);
        fired.add(e.info.peer);
        fired.add(e.info.label);
    });
    const std::size_t nodes = 12;
    const char* racks[] = {"rack-a", "rack-b", "rack-c"};
    for (std::size_t i = 0; i < nodes; ++i) {
        sim.add_node("n" + std::to_string(i), [&](NodeContext& c) { return std::make_unique<Chatter>(c, nodes); },
                     racks[i % 3]);
    }
    sim.at(Time{50ms}, "crash", [&] { sim.crash(3); });
    sim.at(Time{80ms}, "partition", [&] { sim.partition({{0, 1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11}}); });
    sim.at(Time{120ms}, "heal", [&] { sim.heal(); });
    sim.at(Time{130ms}, "restart", [&] { sim.restart(3); });
    sim.at(Time{140ms}, "power loss", [&] { sim.power_loss(7); });
    sim.at(Time{150ms}, "cut", [&] { sim.cut_link("rack-b", "core"); });
    TimerId never = sim.at(Time{160ms}, "cancelled", [] { FAIL("a cancelled event fired"); });
    sim.at(Time{155ms}, "cancel", [&] { sim.scheduler().cancel(never); });
    sim.at(Time{170ms}, "restore", [&] { sim.restore_link("rack-b", "core"); });
    sim.at(Time{180ms}, "restart", [&] { sim.restart(7); });
    sim.run_until(Time{250ms});

    INFO("trace hash " << trace.hash() << ", fired hash " << fired.hash << ", delivered "
                       << sim.messages_delivered() << ", dropped " << sim.messages_dropped());
    // Recorded when a rebooted host began to reset its peers' old connections.
    CHECK(trace.count() == 7'355);
    CHECK(sim.messages_delivered() == 2'224);
    CHECK(sim.messages_dropped() == 281);
    CHECK(sim.scheduler().fired() == 5'280);
    CHECK(trace.hash() == 16418250359290270079ULL);
    CHECK(fired.hash == 17336083337157858572ULL);
}

TEST_CASE("a scheduler run with ties, cancellations and orphans reproduces its recorded order") {
    Scheduler scheduler;
    RandomStream random(7);
    const NodeIndex owners[] = {scheduler.add_owner(), scheduler.add_owner(), scheduler.add_owner()};
    Fold fired;
    scheduler.add_observer([&](const FiredEvent& e) {
        fired.add(static_cast<std::uint64_t>(e.time.time_since_epoch().count()));
        fired.add(e.sequence);
    });
    std::vector<TimerId> ids;
    int spawned = 0;
    // Each event may spawn more at coarse times (to make ties), cancel a random earlier
    // handle (live, fired or reused), or crash an owner (to make orphans).
    std::function<void()> spawn = [&] {
        if (++spawned > 200'000) return;
        for (std::uint64_t k = random.below(4); k-- > 0;) {
            NodeIndex owner = random.chance(0.3) ? owners[random.below(3)] : no_node;
            EventKind kind = owner == no_node ? EventKind::control : EventKind::timer;
            Duration delay{static_cast<std::int64_t>(random.below(50)) * 1000};
            ids.push_back(scheduler.schedule_after(delay, EventInfo{kind, owner, no_node, "e", nullptr}, spawn));
        }
        if (!ids.empty() && random.chance(0.2)) scheduler.cancel(ids[random.below(ids.size())]);
        if (random.chance(0.001)) scheduler.bump_incarnation(owners[random.below(3)]);
    };
    for (int i = 0; i < 100; ++i) scheduler.schedule_at(Time{Duration{i}}, EventInfo{}, spawn);
    std::uint64_t steps = 0;
    while (scheduler.pending() > 0 && steps < 1'000'000) {
        scheduler.run_until(scheduler.now() + 7us);
        steps += scheduler.step() ? 1 : 0;
        fired.add(scheduler.pending());
    }
    INFO("fired hash " << fired.hash << ", fired " << scheduler.fired());
    CHECK(scheduler.fired() == 221'389);
    CHECK(fired.hash == 6787732092839081426ULL);
}
