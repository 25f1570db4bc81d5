// Tables like a Kafka cluster manager's: brokers, topics with their partitions, groups
// with lag, and the checker's verdict at the end of the run.
#include <algorithm>

#include <fmt/format.h>

#include "broker_model/common/host_names.h"
#include "viz/app/panels.h"

namespace kafkalab::viz {

namespace {

constexpr ImGuiTableFlags table_flags =
    ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;

void headers(std::initializer_list<const char*> names) {
    for (const char* name : names) ImGui::TableSetupColumn(name);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
}

void cell(const std::string& text, std::optional<Rgb> colour = std::nullopt) {
    ImGui::TableNextColumn();
    if (colour) {
        ImGui::TextColored(to_imvec4(*colour), "%s", text.c_str());
    } else {
        ImGui::TextUnformatted(text.c_str());
    }
}

const char* state_name(sim::HostState state) {
    switch (state) {
        case sim::HostState::up: return "up";
        case sim::HostState::crashed: return "crashed";
        case sim::HostState::powered_off: return "power lost";
        case sim::HostState::exited: return "stopped";
    }
    return "?";
}

}  // namespace

void draw_brokers_table(FrameContext& frame) {
    const ClusterSnapshot& s = frame.session.snapshot();
    if (!ImGui::BeginTable("brokers", 5, table_flags)) return;
    headers({"broker", "state", "controller", "rack", "leads"});
    for (const auto& host : s.hosts) {
        if (host.role != HostRole::broker) continue;
        ImGui::TableNextRow();
        cell(host.name);
        std::optional<Rgb> state_colour;
        if (host.state == sim::HostState::exited) state_colour = palette::host_stopped;
        else if (host.state != sim::HostState::up) state_colour = palette::host_crashed;
        cell(state_name(host.state), state_colour);
        cell(host.is_controller ? "yes" : "", palette::controller_mark);
        cell(host.switch_name == "core" ? "" : host.switch_name);
        auto leads = std::count_if(s.partitions.begin(), s.partitions.end(),
                                   [&](const PartitionView& p) { return p.leader == host.broker_id && !p.offline; });
        cell(fmt::format("{} partition(s)", leads));
    }
    ImGui::EndTable();
}

void draw_topics_table(FrameContext& frame) {
    const ClusterSnapshot& s = frame.session.snapshot();
    if (!ImGui::BeginTable("topics", 6, table_flags)) return;
    headers({"partition", "leader", "replicas", "ISR", "high watermark", "state"});
    for (const auto& p : s.partitions) {
        ImGui::TableNextRow();
        cell(p.partition.to_string());
        cell(p.offline ? "none" : std::to_string(p.leader.value));
        cell(kafka::join_ids(p.assignment));
        cell(kafka::join_ids(p.isr));
        cell(p.offline ? "-" : std::to_string(p.high_watermark));
        if (p.offline) {
            cell("offline", palette::offline);
        } else if (p.under_replicated()) {
            cell("under-replicated", palette::out_of_isr);
        } else {
            cell("ok");
        }
    }
    ImGui::EndTable();
}

void draw_groups_table(FrameContext& frame) {
    const ClusterSnapshot& s = frame.session.snapshot();
    if (s.groups.empty()) {
        ImGui::TextColored(to_imvec4(palette::muted), "No consumer groups in this scenario.");
        return;
    }
    if (!ImGui::BeginTable("groups", 7, table_flags)) return;
    headers({"group / consumer", "state", "generation", "partition", "committed", "position", "lag"});
    for (const auto& g : s.groups) {
        ImGui::TableNextRow();
        cell(g.group);
        cell(g.state, g.state == "Stable" ? std::nullopt : std::optional(okabe_ito::yellow));
        cell(std::to_string(g.generation));
        cell(fmt::format("coordinator {}", g.coordinator == kafka::no_broker ? std::string("?") : kafka::broker_host(g.coordinator)));
        cell("");
        cell("");
        cell(std::to_string(g.total_lag));
        for (const auto& c : s.consumers) {
            if (c.group != g.group) continue;
            if (c.assignment.empty()) {
                ImGui::TableNextRow();
                cell("  " + c.name);
                cell(c.running ? "idle: no partition assigned" : "stopped", palette::muted);
                cell(""); cell(""); cell(""); cell(""); cell("");
            }
            for (const auto& a : c.assignment) {
                ImGui::TableNextRow();
                cell("  " + c.name);
                cell(c.rebalancing ? "rebalancing" : c.member_state);
                cell(std::to_string(c.generation));
                cell(a.partition.to_string());
                cell(a.committed ? std::to_string(*a.committed) : "-");
                cell(a.position ? std::to_string(*a.position) : "-");
                cell(a.lag ? std::to_string(*a.lag) : "-");
            }
        }
    }
    ImGui::EndTable();
}

void draw_checker(FrameContext& frame) {
    const std::string& report = frame.session.checker_report();
    if (report.empty()) {
        ImGui::TextColored(to_imvec4(palette::muted), "The checker runs at the end of the run (%s).",
                           sim::format_duration(frame.session.duration()).c_str());
        const ClusterSnapshot& s = frame.session.snapshot();
        ImGui::Text("So far: %llu records sent, %llu acknowledged, %llu failed, %llu consumed.",
                    static_cast<unsigned long long>(s.records_sent), static_cast<unsigned long long>(s.records_acknowledged),
                    static_cast<unsigned long long>(s.records_failed), static_cast<unsigned long long>(s.records_consumed));
        return;
    }
    ImGui::BeginChild("report");
    ImGui::TextUnformatted(report.c_str());
    if (!frame.session.live_faults().empty()) {
        ImGui::Separator();
        ImGui::TextUnformatted("Live faults of this session, as scenario lines:");
        ImGui::TextUnformatted(frame.session.live_faults_yaml().c_str());
    }
    ImGui::EndChild();
}

}  // namespace kafkalab::viz
