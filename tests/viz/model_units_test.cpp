// The small window-free pieces: timeline mapping, playback speed, message kinds, layout
// and log cells.
#include <catch2/catch.hpp>

#include "viz/model/cluster_layout.h"
#include "viz/model/elide.h"
#include "viz/model/log_cells.h"
#include "viz/model/message_kind.h"
#include "viz/model/playback.h"
#include "viz/model/timeline.h"

using namespace std::chrono_literals;
using namespace kafkalab;
using namespace kafkalab::viz;

TEST_CASE("the scrubber maps the run onto its width and back clamped to the run") {
    TimelineMapping mapping(60s, 100.0f, 700.0f);
    REQUIRE(mapping.x_of(0s) == 100.0f);
    REQUIRE(mapping.x_of(30s) == 400.0f);
    REQUIRE(mapping.x_of(90s) == 700.0f);
    REQUIRE(mapping.time_of(400.0f) == 30s);
    REQUIRE(mapping.time_of(0.0f) == 0s);
    REQUIRE(mapping.time_of(1000.0f) == 60s);
    REQUIRE(mapping.time_of(mapping.x_of(12345ms)) == 12345ms);
}

TEST_CASE("playback turns a frame's wall time into simulated time at the chosen speed") {
    Playback playback;
    REQUIRE(playback.advance_for(0.016) == 0ns);  // paused
    playback.play();
    REQUIRE(playback.advance_for(0.016) == 16ms);
    playback.set_speed_index(0);
    REQUIRE(playback.advance_for(1.0) == 100us);  // a stalled frame counts as 0.1 s
    playback.set_speed_index(Playback::speeds.size() - 1);
    REQUIRE(playback.speed_label() == "10000\u00d7");
    playback.faster();
    REQUIRE(playback.speed() == 10000);
}

TEST_CASE("messages are sorted into the kinds a teacher names") {
    REQUIRE(classify_message("Produce", HostRole::producer, HostRole::broker) == MessageKind::produce);
    REQUIRE(classify_message("Fetch", HostRole::broker, HostRole::broker) == MessageKind::replication);
    REQUIRE(classify_message("FetchResponse", HostRole::broker, HostRole::consumer) == MessageKind::consume);
    REQUIRE(classify_message("Heartbeat", HostRole::consumer, HostRole::broker) == MessageKind::group);
    REQUIRE(classify_message("LeaderAndIsr", HostRole::broker, HostRole::broker) == MessageKind::controller);
    REQUIRE(classify_message("ZkRequest", HostRole::broker, HostRole::zookeeper) == MessageKind::zookeeper);
    MessageFilter filter;
    filter.set(MessageKind::zookeeper, false);
    REQUIRE_FALSE(filter.shows(MessageKind::zookeeper));
    REQUIRE(filter.shows(MessageKind::produce));
}

namespace {

HostView host(std::string name, HostRole role, sim::VertexId vertex, std::string switch_name) {
    HostView h;
    h.name = std::move(name);
    h.role = role;
    h.vertex = vertex;
    h.switch_name = std::move(switch_name);
    return h;
}

ClusterSnapshot cluster(int brokers, int racks) {
    ClusterSnapshot s;
    sim::VertexId v = 0;
    s.switches.push_back({"core", v++});
    for (int r = 0; r < racks; ++r) s.switches.push_back({"rack-" + std::to_string(r), v++});
    s.hosts.push_back(host("zk-1", HostRole::zookeeper, v++, "core"));
    for (int b = 1; b <= brokers; ++b) {
        std::string rack = racks ? "rack-" + std::to_string(b % racks) : "core";
        s.hosts.push_back(host("broker-" + std::to_string(b), HostRole::broker, v++, rack));
        s.hosts.back().broker_id = kafka::BrokerId{b};
    }
    s.hosts.push_back(host("registrations", HostRole::producer, v++, "core"));
    s.hosts.push_back(host("analytics-1", HostRole::consumer, v++, "core"));
    return s;
}

void require_boxes_inside_and_apart(const ClusterLayout& layout, Rect canvas) {
    for (const auto& [v, box] : layout.boxes) {
        REQUIRE(box.x >= canvas.x);
        REQUIRE(box.y >= canvas.y);
        REQUIRE(box.x + box.width <= canvas.x + canvas.width);
        REQUIRE(box.y + box.height <= canvas.y + canvas.height);
        for (const auto& [w, other] : layout.boxes) {
            if (v != w) REQUIRE_FALSE(box.overlaps(other));
        }
    }
}

}  // namespace

TEST_CASE("the cluster picture puts ZooKeeper above the brokers and the clients below without overlaps") {
    Rect canvas{0, 0, 600, 400};
    ClusterSnapshot s = cluster(3, 0);
    ClusterLayout layout = layout_cluster(s, canvas);
    require_boxes_inside_and_apart(layout, canvas);
    float zk = layout.centers.at(s.find_host("zk-1")->vertex).y;
    float broker = layout.centers.at(s.find_host("broker-2")->vertex).y;
    float producer = layout.centers.at(s.find_host("registrations")->vertex).y;
    REQUIRE(zk < broker);
    REQUIRE(broker < producer);
    REQUIRE(layout.host_at(layout.centers.at(s.find_host("broker-2")->vertex)) == s.find_host("broker-2")->vertex);
    REQUIRE_FALSE(layout.host_at({1, 1}).has_value());
}

TEST_CASE("thirty brokers in three racks fit the picture with each rack's brokers side by side in its frame") {
    Rect canvas{10, 20, 1280, 500};
    ClusterSnapshot s = cluster(30, 3);
    ClusterLayout layout = layout_cluster(s, canvas);
    require_boxes_inside_and_apart(layout, canvas);
    REQUIRE(layout.racks.size() == 3);
    for (const auto& host : s.hosts) {
        if (host.role != HostRole::broker) continue;
        auto frame = std::find_if(layout.racks.begin(), layout.racks.end(),
                                  [&](const RackFrame& r) { return r.name == host.switch_name; });
        REQUIRE(frame->area.contains(layout.centers.at(host.vertex)));
    }
}

TEST_CASE("a long log is drawn one cell per run of offsets so every row fits") {
    OffsetWindow small = offset_window(0, 12, 48);
    REQUIRE(small.per_cell == 1);
    REQUIRE(small.cell_count() == 12);
    OffsetWindow large = offset_window(0, 1000, 48);
    REQUIRE(large.per_cell == 21);
    REQUIRE(large.cell_count() <= 48);
    OffsetWindow empty = offset_window(5, 5, 48);
    REQUIRE(empty.cell_count() == 0);
}

namespace {

/// Ten pixels a character, as a fixed-width font would measure (a UTF-8 arrow is one).
float ten_per_character(std::string_view text) {
    float width = 0;
    for (char c : text) width += (static_cast<unsigned char>(c) & 0xC0) == 0x80 ? 0 : 10;
    return width;
}

}  // namespace

TEST_CASE("a text too wide for its place is cut with an ellipsis, between characters and without a trailing space") {
    REQUIRE(elide("payments-0", 100, ten_per_character) == "payments-0");
    // 8 characters fit in 80 px: 7 and the ellipsis.
    REQUIRE(elide("payments-0 leader", 80, ten_per_character) == "payment\u2026");
    REQUIRE(ten_per_character(elide("broker-1 \u2192 shop: ProduceResponse", 125, ten_per_character)) <= 125);
    // The cut falls just after the arrow's three bytes, not inside them.
    REQUIRE(elide("a \u2192 b: Fetch", 40, ten_per_character) == "a \u2192\u2026");
    REQUIRE(elide("acks all", 60, ten_per_character) == "acks\u2026");
    REQUIRE(elide("consumer lag", 5, ten_per_character) == "\u2026");
}
