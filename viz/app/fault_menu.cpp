#include "viz/app/fault_menu.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace kafkalab::viz {

namespace {

constexpr const char* side_names[] = {"A", "B"};

/// Whether the link (or firewall rule) between `a` and `b` is cut now.
bool is_cut(const ClusterSnapshot& s, const std::string& a, const std::string& b) {
    auto va = s.vertex_of(a), vb = s.vertex_of(b);
    if (!va || !vb) return false;
    auto ends = std::minmax(*va, *vb);
    for (const auto& link : s.links) {
        if (link.a == ends.first && link.b == ends.second) return !link.up;
    }
    for (const auto& pair : s.blocked) {
        if (pair == std::pair<sim::VertexId, sim::VertexId>(ends.first, ends.second)) return true;
    }
    return false;
}

/// The other ends a host's link can be cut to: its switch, then every other host of
/// the scenario (two hosts are cut apart by a firewall rule between them).
std::vector<std::string> link_peers(const SnapshotFrame& frame, const HostView& host) {
    std::vector<std::string> peers;
    const auto& hosts = frame.session.scenario().network.hosts;
    for (const auto& h : hosts) {
        if (h.name == host.name) peers.push_back(h.switch_name);
    }
    for (const auto& h : hosts) {
        if (h.name != host.name) peers.push_back(h.name);
    }
    return peers;
}

void link_menus(SnapshotFrame& frame, const HostView& host) {
    const ClusterSnapshot& s = frame.snapshot;
    const auto peers = link_peers(frame, host);
    if (ImGui::BeginMenu("Cut link to")) {
        for (const auto& peer : peers) {
            if (ImGui::MenuItem(peer.c_str(), nullptr, false, !is_cut(s, host.name, peer))) {
                frame.commands.push_back(Command::inject(LiveFault::link(scenarios::FaultKind::cut, host.name, peer)));
            }
        }
        ImGui::EndMenu();
    }
    bool any_cut = false;
    for (const auto& peer : peers) any_cut = any_cut || is_cut(s, host.name, peer);
    if (ImGui::BeginMenu("Restore link to", any_cut)) {
        for (const auto& peer : peers) {
            if (!is_cut(s, host.name, peer)) continue;
            if (ImGui::MenuItem(peer.c_str())) {
                frame.commands.push_back(Command::inject(LiveFault::link(scenarios::FaultKind::restore, host.name, peer)));
            }
        }
        ImGui::EndMenu();
    }
}

}  // namespace

void draw_host_fault_menu(SnapshotFrame& frame, const HostView& host) {
    ImGui::TextUnformatted(host.name.c_str());
    ImGui::Separator();
    const bool up = host.state == sim::HostState::up;
    const bool server = host.role == HostRole::broker || host.role == HostRole::zookeeper;
    auto inject = [&](scenarios::FaultKind kind) { frame.commands.push_back(Command::inject(kind, host.name)); };
    if (ImGui::MenuItem("Crash (kill -9)", nullptr, false, up)) inject(scenarios::FaultKind::crash);
    if (ImGui::MenuItem("Power loss (unflushed data lost)", nullptr, false, up && server)) inject(scenarios::FaultKind::power_loss);
    if (ImGui::MenuItem("Restart", nullptr, false, !up)) inject(scenarios::FaultKind::restart);
    const bool paused = frame.session.live_pause(host.name) != nullptr;
    if (!paused && ImGui::MenuItem("Pause (a long GC) until resumed", nullptr, false, up)) {
        frame.commands.push_back(Command::inject(LiveFault::pause(host.name, frame.session.duration() - frame.session.now())));
    }
    if (paused && ImGui::MenuItem("Resume")) frame.commands.push_back(Command::resume(host.name));
    ImGui::Separator();
    link_menus(frame, host);
    ImGui::Separator();
    const int side = partition_side_of(frame.ui, host.name);
    for (int s = 0; s < 2; ++s) {
        std::string label = fmt::format("Partition: side {}", side_names[s]);
        if (ImGui::MenuItem(label.c_str(), nullptr, side == s)) toggle_partition_side(frame.ui, host.name, s);
    }
}

void draw_partition_bar(SnapshotFrame& frame) {
    const auto& sides = frame.ui.partition_sides;
    const ClusterSnapshot& s = frame.snapshot;
    bool link_cut = !s.blocked.empty();
    for (const auto& link : s.links) link_cut = link_cut || !link.up;
    const bool picking = !sides[0].empty() || !sides[1].empty();
    if (!picking && !s.network_partitioned && !link_cut) return;
    if (picking) {
        ImGui::TextColored(to_imvec4(palette::link_cut), "partition  A: %s   B: %s",
                           fmt::format("{}", fmt::join(sides[0], " ")).c_str(),
                           sides[1].empty() ? "(everyone else)" : fmt::format("{}", fmt::join(sides[1], " ")).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Apply")) {
            std::vector<std::vector<std::string>> groups;
            for (const auto& side : sides) {
                if (!side.empty()) groups.push_back(side);
            }
            frame.commands.push_back(Command::inject(LiveFault::partition(std::move(groups))));
        }
        ImGui::SameLine();
        if (ImGui::SmallButton("Clear")) frame.ui.partition_sides = {};
        if (s.network_partitioned || link_cut) ImGui::SameLine();
    }
    if (s.network_partitioned || link_cut) {
        if (ImGui::SmallButton("Heal the network")) frame.commands.push_back(Command::inject(LiveFault::heal()));
    }
}

}  // namespace kafkalab::viz
