// The model reports what happens as typed events (broker_model/events/model_event.h) and
// the simulation its faults (sim/fault_event.h); observers read these, not the words of
// the trace. A kill -9 of a partition's leader, told through them.
#include <catch2/catch.hpp>

#include <algorithm>

#include "broker_model/events/model_event.h"
#include "sim/fault_event.h"
#include "support/test_cluster.h"

using namespace kafkalab;
using namespace kafkalab::kafka;
using namespace kafkalab::kafka::testing;

namespace {

const TopicPartition payments0{"payments", 0};

struct Seen {
    std::vector<ModelEvent> model;
    std::vector<sim::FaultEvent> faults;
    std::vector<std::pair<std::string, std::string>> rendered;  // kind, summary of each model event
};

std::shared_ptr<Seen> watch(TestCluster& cluster) {
    auto seen = std::make_shared<Seen>();
    auto previous = cluster.sim().event_listener();
    cluster.sim().set_event_listener([seen, previous](const sim::TraceRecord& record) {
        if (previous) previous(record);
        if (const auto* event = record.event_as<ModelEvent>()) {
            seen->model.push_back(*event);
            seen->rendered.emplace_back(record.kind, record.summary);
        }
        if (const auto* fault = record.event_as<sim::FaultEvent>()) seen->faults.push_back(*fault);
    });
    return seen;
}

template <class T>
std::vector<T> all_of(const Seen& seen) {
    std::vector<T> out;
    for (const auto& event : seen.model) {
        if (const auto* e = std::get_if<T>(&event)) out.push_back(*e);
    }
    return out;
}

}  // namespace

TEST_CASE("a kill -9 of a leader is a crash fault then brokers gone and a LeaderElected with the new leader and epoch") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    cluster.run_for(1s);
    const int old_leader = cluster.leader(payments0);
    const LeaderEpoch old_epoch = cluster.state(payments0)->leader_epoch;
    auto seen = watch(cluster);
    cluster.crash(old_leader);
    REQUIRE(cluster.run_until([&] { return cluster.leader(payments0) > 0 && cluster.leader(payments0) != old_leader; }, 40s));

    REQUIRE(seen->faults.size() == 1);
    CHECK(seen->faults[0].kind == sim::FaultEventKind::crash);
    CHECK(seen->faults[0].host == "broker-" + std::to_string(old_leader));

    const auto gone = all_of<BrokersFailed>(*seen);
    REQUIRE(gone.size() == 1);
    CHECK(gone[0].brokers == std::vector<BrokerId>{BrokerId{old_leader}});

    std::vector<LeaderElected> elections;
    for (const auto& e : all_of<LeaderElected>(*seen)) {
        if (e.partition == payments0) elections.push_back(e);
    }
    REQUIRE(elections.size() == 1);
    const LeaderAndIsr now = *cluster.state(payments0);
    CHECK(elections[0].leader == now.leader);
    CHECK(elections[0].leader_epoch == now.leader_epoch);
    CHECK(elections[0].leader_epoch.value == old_epoch.value + 1);
    CHECK(std::find(elections[0].isr.begin(), elections[0].isr.end(), BrokerId{old_leader}) == elections[0].isr.end());
    CHECK(all_of<UncleanLeaderElected>(*seen).empty());

    // Each event's record is its one rendering.
    for (std::size_t i = 0; i < seen->model.size(); ++i) {
        CHECK(seen->rendered[i].first == trace_kind(seen->model[i]));
        CHECK(seen->rendered[i].second == render_summary(seen->model[i]));
    }
}

TEST_CASE("a controlled shutdown is told as started then finished") {
    TestCluster cluster;
    REQUIRE(cluster.create_topic("payments", 1, 3).error == Error::none);
    cluster.run_for(1s);
    auto seen = watch(cluster);
    bool stopped = false;
    cluster.broker(2)->begin_controlled_shutdown([&] { stopped = true; });
    REQUIRE(cluster.run_until([&] { return stopped; }, 60s));
    const auto steps = all_of<ControlledShutdown>(*seen);
    REQUIRE(steps.size() == 2);
    CHECK_FALSE(steps[0].finished);
    CHECK(steps[1].finished);
}
