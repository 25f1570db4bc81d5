// Tables like a Kafka cluster manager's: brokers, topics with their partitions, groups
// with lag, and the checker's verdict at the end of the run.
#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "broker_model/common/host_names.h"
#include "viz/app/fitted_text.h"
#include "viz/app/panels.h"
#include "viz/app/text_layout.h"

namespace kafkalab::viz {

namespace {

constexpr ImGuiTableFlags table_flags =
    ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;

/// A column of a table. Short columns (numbers, states) are always as wide as their
/// widest entry, so that a number is never cut; the others share what is left.
struct Column {
    const char* name;
    bool short_entries = false;
};

void headers(std::initializer_list<Column> columns) {
    for (const Column& c : columns) {
        if (c.short_entries) {
            ImGui::TableSetupColumn(c.name, ImGuiTableColumnFlags_WidthFixed);
        } else {
            ImGui::TableSetupColumn(c.name, ImGuiTableColumnFlags_WidthStretch, 1.0f);
        }
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    // TableHeadersRow(), one header at a time so that each is recorded.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    int index = 0;
    for (const Column& c : columns) {
        if (!ImGui::TableSetColumnIndex(index++)) continue;
        const ImVec2 at = ImGui::GetCursorScreenPos();
        // A fixed column is as wide as its header; a text column's header may be cut.
        const std::string shown = c.short_entries ? c.name : fit_to_width(c.name, ImGui::GetContentRegionAvail().x);
        ImGui::PushID(index);
        ImGui::TableHeader(shown.c_str());
        ImGui::PopID();
        text_layout().drawn(shown, at, ImGui::GetFontSize());
        if (shown != c.name && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", c.name);
    }
}

/// A cell's text: whole in a number column (which grows to fit it), else cut with an
/// ellipsis when its column is narrower (whole on hover).
void cell(const std::string& text, std::optional<Rgb> colour = std::nullopt) {
    ImGui::TableNextColumn();
    const bool fixed = (ImGui::TableGetColumnFlags() & ImGuiTableColumnFlags_WidthFixed) != 0;
    text_within(text, fixed ? FLT_MAX : ImGui::GetContentRegionAvail().x, colour);
}

/// The first of `choices` (longest first) that fits the cell, the first on hover.
void cell_of(std::initializer_list<std::string> choices) {
    ImGui::TableNextColumn();
    const float width = ImGui::GetContentRegionAvail().x;
    const std::string& whole = *choices.begin();
    for (const std::string& choice : choices) {
        if (ImGui::CalcTextSize(choice.c_str()).x <= width || &choice == choices.end() - 1) {
            const std::string shown = fit_to_width(choice, width);
            ImGui::TextUnformatted(shown.c_str());
            record_item(shown, whole);
            return;
        }
    }
}

/// Text wrapped at the panel's edge.
void wrapped(const std::string& text, std::optional<Rgb> colour = std::nullopt) {
    ImGui::PushTextWrapPos(0.0f);
    if (colour) {
        ImGui::TextColored(to_imvec4(*colour), "%s", text.c_str());
    } else {
        ImGui::TextUnformatted(text.c_str());
    }
    ImGui::PopTextWrapPos();
    text_layout().last_item(text);
}

/// Preformatted text, a line at a time.
void lines(const std::string& text) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        ImGui::TextUnformatted(line.c_str());
        text_layout().last_item(line);
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
    headers({{"broker"}, {"state", true}, {"controller", true}, {"rack"}, {"leads", true}});
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
    headers({{"partition"}, {"leader", true}, {"replicas"}, {"ISR"}, {"high watermark", true}, {"state", true}});
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
        text_to_edge("No consumer groups in this scenario.", palette::muted);
        return;
    }
    if (!ImGui::BeginTable("groups", 7, table_flags)) return;
    headers({{"group"}, {"state", true}, {"gen.", true}, {"partition"}, {"committed", true}, {"position", true},
             {"lag", true}});
    for (const auto& g : s.groups) {
        ImGui::TableNextRow();
        cell(g.group);
        cell(g.state, g.state == "Stable" ? std::nullopt : std::optional(okabe_ito::yellow));
        cell(std::to_string(g.generation));
        const std::string coordinator = g.coordinator == kafka::no_broker ? std::string("?") : kafka::broker_host(g.coordinator);
        cell_of({"coordinator " + coordinator, "coord. " + coordinator, coordinator});
        cell("");
        cell("");
        cell(std::to_string(g.total_lag));
        for (const auto& c : s.consumers) {
            if (c.group != g.group) continue;
            if (c.assignment.empty()) {
                ImGui::TableNextRow();
                cell("  " + c.name);
                cell(c.running ? "idle" : "stopped", palette::muted);
                cell("");
                cell(c.running ? "none assigned" : "", palette::muted);
                cell(""); cell(""); cell("");
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
        const ClusterSnapshot& s = frame.session.snapshot();
        wrapped(fmt::format("The checker runs at the end of the run ({}).", sim::format_duration(frame.session.duration())),
                palette::muted);
        wrapped(fmt::format("So far: {} records sent, {} acknowledged, {} failed, {} consumed.", s.records_sent,
                            s.records_acknowledged, s.records_failed, s.records_consumed));
        return;
    }
    // The report's columns line up in its own spacing: long lines scroll sideways.
    ImGui::BeginChild("report", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    lines(report);
    if (!frame.session.live_faults().empty()) {
        ImGui::Separator();
        lines("Live faults of this session, as scenario lines:\n" + frame.session.live_faults_yaml());
    }
    ImGui::EndChild();
}

}  // namespace kafkalab::viz
