// The viewer and expectations read the cluster through one read: the leader and ISR the
// viewer draws are those `expect:` checks, also while no controller is active and the
// answer comes from the brokers' metadata (where the viewer once took the first live
// broker's cache and expectations the freshest of all of them).
#include <catch2/catch.hpp>

#include "scenarios/runner/cluster_view.h"
#include "viz/model/lab_session.h"
#include "viz_test_support.h"

using namespace std::chrono_literals;
using namespace kafkalab;
using namespace kafkalab::viz;
using testing::lesson;

TEST_CASE("through a controller crash the viewer's leaders and ISRs are the ones expectations read") {
    // Lesson 9 kills the controller at 10 s; until its ZooKeeper session expires no
    // broker is controller.
    LabSession session(lesson("09-zookeeper-and-the-controller.yaml"));
    int without_controller = 0;
    for (auto at = 1s; at <= 40s; at += 1s) {
        session.advance_to(at);
        const ClusterSnapshot& snapshot = session.snapshot();
        const kafka::ClusterState state = scenarios::cluster_state(session.run());
        CHECK(snapshot.controller == state.controller);
        if (state.source == kafka::ClusterState::Source::broker_metadata) {
            ++without_controller;
            CHECK(snapshot.controller == kafka::no_broker);
        }
        REQUIRE_FALSE(snapshot.partitions.empty());
        for (const PartitionView& partition : snapshot.partitions) {
            const kafka::PartitionLeadership* read = state.find(partition.partition);
            REQUIRE(read);
            CHECK(partition.leader == read->leadership.leader);
            CHECK(partition.isr == read->leadership.isr);
            CHECK(partition.assignment == read->replicas);
        }
    }
    CHECK(without_controller > 0);  // the window the two readers could disagree in was seen
}
