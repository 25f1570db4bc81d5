// Breaking the network and freezing a consumer from the window: each live fault does
// what the scenario file's fault of the same name does, is replayed at its exact point
// after a rewind, and refuses what a scenario file could not say.
#include <catch2/catch.hpp>

#include <algorithm>

#include "viz/model/lab_session.h"
#include "viz/model/ui_state.h"
#include "viz_test_support.h"

using namespace std::chrono_literals;
using namespace kafkalab;
using namespace kafkalab::viz;
using testing::crash_lesson;
using testing::lesson;

namespace {

const LinkView* link_between(const ClusterSnapshot& s, const std::string& a, const std::string& b, LabSession& session) {
    auto& network = session.run().simulation().network();
    auto va = network.find(a), vb = network.find(b);
    for (const auto& link : s.links) {
        if ((link.a == *va && link.b == *vb) || (link.a == *vb && link.b == *va)) return &link;
    }
    return nullptr;
}

std::uint64_t consumed_by(const ClusterSnapshot& s, const std::string& consumer) {
    for (const auto& c : s.consumers) {
        if (c.name == consumer) return c.records_consumed;
    }
    return 0;
}

}  // namespace

TEST_CASE("a partition picked host by host cuts broker-1 and zk-1 off from the rest until healed") {
    LabSession session(lesson(crash_lesson));
    session.advance_to(5s);
    REQUIRE(session.inject(LiveFault::partition({{"broker-1", "zk-1"}, {"broker-2", "broker-3"}})));
    session.advance_to(6s);
    const auto& s = session.snapshot();
    REQUIRE(s.network_partitioned);
    REQUIRE(s.find_host("broker-1")->partition_group == s.find_host("zk-1")->partition_group);
    REQUIRE(s.find_host("broker-1")->partition_group != s.find_host("broker-2")->partition_group);
    // Hosts named on neither side (the clients) form one more side, as in a scenario file.
    REQUIRE(s.find_host("registrations")->partition_group != s.find_host("broker-2")->partition_group);
    REQUIRE(session.live_faults().back().to_yaml() ==
            "- {at: 5s, partition: {groups: [[broker-1, zk-1], [broker-2, broker-3]]}}");

    REQUIRE(session.inject(LiveFault::heal()));
    REQUIRE_FALSE(session.snapshot().network_partitioned);
    REQUIRE(session.live_faults().back().to_yaml() == "- {at: 6s, heal: all}");
}

TEST_CASE("cutting broker-1's cable draws it cut and restoring it brings it back") {
    LabSession session(lesson(crash_lesson));
    session.advance_to(4s);
    REQUIRE(session.inject(LiveFault::link(scenarios::FaultKind::cut, "broker-1", "switch")));
    REQUIRE_FALSE(link_between(session.snapshot(), "broker-1", "switch", session)->up);
    auto& network = session.run().simulation().network();
    REQUIRE_FALSE(network.reachable(*network.find("broker-1"), *network.find("broker-2")));
    session.advance_to(8s);
    REQUIRE(session.inject(LiveFault::link(scenarios::FaultKind::restore, "broker-1", "switch")));
    REQUIRE(link_between(session.snapshot(), "broker-1", "switch", session)->up);
    REQUIRE(network.reachable(*network.find("broker-1"), *network.find("broker-2")));
    REQUIRE(session.live_faults_yaml() == "faults:\n  - {at: 4s, cut: [broker-1, switch]}\n"
                                          "  - {at: 8s, restore: [broker-1, switch]}\n");
}

TEST_CASE("a cut between two hosts with no cable of their own blocks just that pair (a firewall rule)") {
    LabSession session(lesson(crash_lesson));
    session.advance_to(3s);
    REQUIRE(session.inject(LiveFault::link(scenarios::FaultKind::cut, "broker-2", "broker-3")));
    const auto& s = session.snapshot();
    REQUIRE(s.blocked.size() == 1);
    REQUIRE_FALSE(s.network_partitioned);
    auto& network = session.run().simulation().network();
    REQUIRE(network.blocked(*network.find("broker-2"), *network.find("broker-3")));
    REQUIRE_FALSE(network.blocked(*network.find("broker-1"), *network.find("broker-3")));
}

TEST_CASE("a paused consumer stops polling and wakes exactly when resumed from the window") {
    LabSession session(lesson(crash_lesson));
    session.advance_to(5s);
    REQUIRE(session.inject(LiveFault::pause("analytics-1", session.duration() - session.now())));
    REQUIRE(session.live_pause("analytics-1"));
    session.advance_to(6s);
    const auto frozen = consumed_by(session.snapshot(), "analytics-1");
    session.advance_to(9s);
    REQUIRE(consumed_by(session.snapshot(), "analytics-1") == frozen);

    REQUIRE(session.resume("analytics-1"));
    REQUIRE(session.now() == 9s);
    REQUIRE_FALSE(session.live_pause("analytics-1"));
    REQUIRE(session.live_faults().back().to_yaml() == "- {at: 5s, pause: analytics-1, for: 4s}");
    session.advance_to(10s);
    // What arrived while it was frozen is read on waking, and polling goes on.
    REQUIRE(consumed_by(session.snapshot(), "analytics-1") > frozen);
    REQUIRE_FALSE(session.resume("analytics-1"));
}

TEST_CASE("a rewind replays a live partition and its heal at their points") {
    LabSession direct(lesson(crash_lesson));
    direct.advance_to(5s);
    REQUIRE(direct.inject(LiveFault::partition({{"broker-2"}})));
    direct.advance_to(9s);
    REQUIRE(direct.inject(LiveFault::heal()));
    direct.advance_to(11s);
    const ClusterSnapshot reached = direct.snapshot();

    direct.advance_to(30s);
    direct.rewind_to(11s);
    REQUIRE(direct.snapshot() == reached);
    REQUIRE(direct.live_faults().size() == 2);
}

TEST_CASE("live faults a scenario file could not replay are refused with the reason") {
    LabSession session(lesson(crash_lesson));
    UiState ui;
    apply(Command::seek(4s), session, ui);
    apply(Command::inject(LiveFault::on_host(scenarios::FaultKind::power_loss, "analytics-1")), session, ui);
    REQUIRE(ui.status.find("analytics-1 is a client: crash it") != std::string::npos);
    apply(Command::inject(LiveFault::link(scenarios::FaultKind::cut, "broker-1", "rack-z")), session, ui);
    REQUIRE(ui.status == "there is no link between broker-1 and rack-z");
    apply(Command::inject(LiveFault::partition({{"broker-1"}, {"broker-1", "broker-2"}})), session, ui);
    REQUIRE(ui.status == "broker-1 is on both sides of the partition");
    apply(Command::inject(LiveFault::partition({{}, {}})), session, ui);
    REQUIRE(ui.status == "pick the hosts of at least one side of the partition");
    apply(Command::inject(scenarios::FaultKind::crash, "terminal"), session, ui);
    REQUIRE(ui.status == "unknown host terminal");
    apply(Command::inject(scenarios::FaultKind::crash, "broker-3"), session, ui);
    apply(Command::inject(scenarios::FaultKind::restart, "broker-3"), session, ui);
    REQUIRE(ui.status.find("at this very instant") != std::string::npos);
    REQUIRE(session.live_faults().size() == 1);
}

TEST_CASE("picking partition sides puts a host on one side at most and clicking again takes it off") {
    UiState ui;
    toggle_partition_side(ui, "broker-1", 0);
    toggle_partition_side(ui, "broker-2", 1);
    REQUIRE(partition_side_of(ui, "broker-1") == 0);
    toggle_partition_side(ui, "broker-1", 1);
    REQUIRE(partition_side_of(ui, "broker-1") == 1);
    REQUIRE(ui.partition_sides[0].empty());
    toggle_partition_side(ui, "broker-1", 1);
    REQUIRE(partition_side_of(ui, "broker-1") == -1);

    LabSession session(lesson(crash_lesson));
    toggle_partition_side(ui, "broker-1", 0);
    apply(Command::inject(LiveFault::partition({ui.partition_sides[0], ui.partition_sides[1]})), session, ui);
    REQUIRE(ui.status == "partition broker-1 | broker-2 at 0s (recorded)");
    REQUIRE(ui.partition_sides[0].empty());  // applied: the picking starts afresh
}

TEST_CASE("classroom keys 1 to 9 pick speeds from 0.01x through real time at 5 to 1000x") {
    UiState ui;
    LabSession session(lesson(crash_lesson));
    apply(Command::speed(Playback::speed_index_for_digit(1)), session, ui);
    REQUIRE(ui.playback.speed() == 0.01);
    apply(Command::speed(Playback::speed_index_for_digit(5)), session, ui);
    REQUIRE(ui.playback.speed() == 1);
    apply(Command::speed(Playback::speed_index_for_digit(9)), session, ui);
    REQUIRE(ui.playback.speed() == 1000);
}
