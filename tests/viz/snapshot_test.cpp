// What the snapshot says about lesson 5 is what kafka-topics and the checker say.
#include <catch2/catch.hpp>

#include <algorithm>

#include "viz/model/lab_session.h"
#include "viz_test_support.h"

using namespace std::chrono_literals;
using namespace kafkalab;
using namespace kafkalab::viz;
using testing::crash_lesson;
using testing::lesson;

namespace {

std::vector<int> ids(const std::vector<kafka::BrokerId>& brokers) {
    std::vector<int> out;
    for (auto b : brokers) out.push_back(b.value);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("at the start every broker is up and one is the controller and every partition is fully replicated") {
    LabSession session(lesson(crash_lesson));
    const auto& s = session.snapshot();
    REQUIRE(std::count_if(s.hosts.begin(), s.hosts.end(), [](auto& h) { return h.role == HostRole::broker; }) == 3);
    REQUIRE(std::count_if(s.hosts.begin(), s.hosts.end(), [](auto& h) { return h.is_controller; }) == 1);
    REQUIRE(s.partitions.size() == 3);  // payments only: __consumer_offsets is hidden
    for (const auto& p : s.partitions) {
        REQUIRE_FALSE(p.offline);
        REQUIRE(p.isr.size() == 3);
        REQUIRE(p.replicas.size() == 3);
    }
}

TEST_CASE("after the crash the dead broker drops out of the ISR and a survivor leads payments-0") {
    LabSession session(lesson(crash_lesson));
    session.advance_to(35s);
    const auto& s = session.snapshot();
    const PartitionView* p = s.find_partition({"payments", 0});
    REQUIRE(p);
    REQUIRE(p->leader.value == 3);
    REQUIRE(ids(p->isr) == std::vector<int>{1, 3});
    REQUIRE(p->under_replicated());
    REQUIRE(s.find_host("broker-2")->state == sim::HostState::crashed);
    // The crashed broker's log is still drawn, from its disk.
    auto crashed = std::find_if(p->replicas.begin(), p->replicas.end(), [](auto& r) { return r.broker.value == 2; });
    REQUIRE(crashed->has_log);
    REQUIRE_FALSE(crashed->host_up);
    REQUIRE(crashed->log_end_offset > 0);
}

TEST_CASE("the analytics group shows its member and its generation and a small lag") {
    LabSession session(lesson(crash_lesson));
    session.advance_to(8s);
    const auto& s = session.snapshot();
    REQUIRE(s.groups.size() == 1);
    REQUIRE(s.groups[0].group == "analytics");
    REQUIRE(s.groups[0].state == "Stable");
    REQUIRE(s.groups[0].generation >= 1);
    REQUIRE(s.groups[0].consumers == std::vector<std::string>{"analytics-1"});
    REQUIRE(s.consumers[0].assignment.size() == 3);
    // Lag as kafka-consumer-groups shows it: the high watermark minus the committed
    // offset, which auto-commit moves every 5 s; at 20 records/s it stays under 120.
    std::int64_t lag = 0;
    for (const auto& a : s.consumers[0].assignment) {
        REQUIRE(a.committed.has_value());
        REQUIRE(a.lag == s.find_partition(a.partition)->high_watermark - *a.committed);
        lag += *a.lag;
    }
    REQUIRE(s.groups[0].total_lag == lag);
    REQUIRE(lag < 120);
    REQUIRE(s.records_acknowledged > 100);
}

TEST_CASE("messages in flight move from sender to receiver along their path") {
    LabSession session(lesson(crash_lesson));
    session.advance_to(2s);
    bool found = false;
    for (int i = 0; i < 200 && !found; ++i) {
        REQUIRE(session.step_event());
        for (const auto& m : session.in_flight()) {
            REQUIRE(m.progress >= 0.0);
            REQUIRE(m.progress <= 1.0);
            if (m.kind == MessageKind::replication) found = true;
        }
    }
    REQUIRE(found);
}

TEST_CASE("the timeline samples ISR size and throughput as the run goes") {
    LabSession session(lesson(crash_lesson));
    session.advance_to(40s);
    const auto& samples = session.series().samples();
    REQUIRE(samples.size() >= 150);
    REQUIRE(samples.front().isr_replicas == 9);
    auto dip = std::min_element(samples.begin(), samples.end(),
                                [](auto& a, auto& b) { return a.isr_replicas < b.isr_replicas; });
    REQUIRE(dip->isr_replicas == 6);  // broker-2 left all three ISRs
    auto throughput = session.series().throughput_per_s();
    float sum = 0;
    for (std::size_t i = 4; i < 36; ++i) sum += throughput[i];
    float mean = sum / 32;  // from 1s to 9s, before the crash: the producer's 20 records/s
    REQUIRE(mean > 15.0f);
    REQUIRE(mean < 25.0f);
}
