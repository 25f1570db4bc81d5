// What the viewer calls what happened: rebalances are marked on the timeline, a clean
// stop is drawn STOPPED and never CRASHED, a power loss has its own label.
#include <catch2/catch.hpp>

#include <algorithm>

#include "viz/model/lab_session.h"
#include "viz_test_support.h"

using namespace std::chrono_literals;
using namespace kafkalab;
using namespace kafkalab::viz;
using testing::lesson;

namespace {

std::size_t notable(const LabSession& session, EventCategory category, const std::string& kind = "") {
    const auto& entries = session.log().notable();
    return static_cast<std::size_t>(std::count_if(entries.begin(), entries.end(), [&](const EventEntry& e) {
        return e.category == category && (kind.empty() || e.kind == kind);
    }));
}

}  // namespace

TEST_CASE("the group coordinator's rebalances are timeline marks of their own") {
    // Lesson 21: a killed worker, then one leaving cleanly; each makes the group rebalance.
    LabSession session(lesson("21-rebalance-timeline.yaml"));
    session.advance_to(75s);
    CHECK(notable(session, EventCategory::rebalance, "rebalance") >= 2);
    const auto& entries = session.log().notable();
    CHECK(std::any_of(entries.begin(), entries.end(), [](const EventEntry& e) {
        return e.category == EventCategory::rebalance && e.text.find("preparing to rebalance") != std::string::npos;
    }));
}

TEST_CASE("a consumer that closed cleanly is drawn STOPPED, and its exit is a fault mark, not a crash") {
    LabSession session(lesson("21-rebalance-timeline.yaml"));
    session.advance_to(70s);  // worker-2 stopped at 65 s, worker-3 killed at 10 s
    const auto& s = session.snapshot();
    CHECK(s.find_host("worker-2")->state == sim::HostState::exited);
    CHECK(std::string(down_label(s.find_host("worker-2")->state)) == "STOPPED");
    CHECK(s.find_host("worker-3")->state == sim::HostState::crashed);
    CHECK(std::string(down_label(s.find_host("worker-3")->state)) == "CRASHED");
    CHECK(notable(session, EventCategory::fault, "exit") == 1);
    CHECK(notable(session, EventCategory::fault, "crash") == 1);
}

TEST_CASE("every down state has its own label and an up host none") {
    CHECK(down_label(sim::HostState::up) == nullptr);
    CHECK(std::string(down_label(sim::HostState::crashed)) == "CRASHED");
    CHECK(std::string(down_label(sim::HostState::powered_off)) == "POWER LOST");
    CHECK(std::string(down_label(sim::HostState::exited)) == "STOPPED");
}

TEST_CASE("the under-replicated plot counts every partition, __consumer_offsets included, as Kafka's metric does") {
    // Lesson 5 at 35 s: broker-2 is gone, so payments' three partitions and the
    // __consumer_offsets partitions it held a replica of are under-replicated.
    LabSession session(lesson(testing::crash_lesson));
    session.advance_to(35s);
    const auto& s = session.snapshot();
    const auto shown = std::count_if(s.partitions.begin(), s.partitions.end(),
                                     [](const PartitionView& p) { return p.under_replicated(); });
    CHECK(shown == 3);
    CHECK(s.under_replicated_partitions > shown);
    TimelineSeries series;
    series.maybe_sample(s);
    CHECK(series.samples().back().under_replicated == s.under_replicated_partitions);
}
