// Play, pause, step, jump to the next event of a kind, speed, and where the run is.
#include <algorithm>

#include <fmt/format.h>

#include <GLFW/glfw3.h>

#include "viz/app/fitted_text.h"
#include "viz/app/panels.h"
#include "viz/app/text_layout.h"

namespace kafkalab::viz {

namespace {

constexpr EventCategory jump_kinds[] = {EventCategory::fault, EventCategory::election, EventCategory::isr_change,
                                        EventCategory::rebalance, EventCategory::controller};

void push(FrameContext& frame, Command::Kind kind) { frame.commands.push_back(Command::of(kind)); }

}  // namespace

void draw_toolbar(FrameContext& frame) {
    LabSession& session = frame.session;
    UiState& ui = frame.ui;
    auto button = [&frame](const char* label, Command::Kind kind, ImVec2 size = ImVec2(0, 0)) {
        if (ImGui::Button(label, size)) push(frame, kind);
        text_layout().last_item(label);
        ImGui::SameLine();
    };
    button("|< Start", Command::Kind::restart_run);
    button(ui.playback.playing() ? "Pause" : "Play ", Command::Kind::toggle_play,
           ImVec2(ImGui::CalcTextSize("Pause").x + 2 * ImGui::GetStyle().FramePadding.x, 0));
    button("Step >", Command::Kind::step_event);
    if (ImGui::Button("Next >>")) {
        frame.commands.push_back(Command::next(ui.step_kind));
    }
    text_layout().last_item("Next >>");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("controller").x + ImGui::GetFrameHeight() +
                            2 * ImGui::GetStyle().FramePadding.x);
    if (ImGui::BeginCombo("##next", to_string(ui.step_kind))) {
        for (EventCategory kind : jump_kinds) {
            if (ImGui::Selectable(to_string(kind), kind == ui.step_kind)) ui.step_kind = kind;
        }
        ImGui::EndCombo();
    }
    text_layout().last_item(to_string(ui.step_kind));
    ImGui::SameLine();
    ImGui::TextUnformatted(" speed");
    text_layout().last_item("speed");
    ImGui::SameLine();
    button("-", Command::Kind::slower);
    // As wide as the widest speed, so that "+" stays put while the speed changes.
    text_within(ui.playback.speed_label(), ImGui::CalcTextSize("0.001\u00d7").x);
    ImGui::SameLine(0, ImGui::GetStyle().ItemSpacing.x + ImGui::CalcTextSize("0.001\u00d7").x -
                           ImGui::GetItemRectSize().x);
    button("+", Command::Kind::faster);
    const std::string where = fmt::format("  t = {} / {}   event #{}", sim::format_time(sim::Time{session.now()}),
                                          sim::format_duration(session.duration()), session.event_number());
    ImGui::TextUnformatted(where.c_str());
    text_layout().last_item(where);
    // The lesson's name and the last command's status share what is left of the bar;
    // on a projector either may be cut, the whole shows on hover.
    const float gap = ImGui::CalcTextSize("   ").x;
    ImGui::SameLine(0, gap);
    float left = ImGui::GetContentRegionAvail().x;
    if (ui.status.empty()) {
        text_within(session.scenario().name, left, palette::muted);
        return;
    }
    const float status_w = ImGui::CalcTextSize(ui.status.c_str()).x;
    const float name_w = std::max(left - status_w - gap, left / 2);
    text_within(session.scenario().name, name_w, palette::muted);
    ImGui::SameLine(0, gap);
    text_to_edge(ui.status, okabe_ito::yellow);
}

void handle_keys(FrameContext& frame) {
    if (ImGui::GetIO().WantTextInput) return;
    // ImGui 1.86 names only the editing keys; the GLFW backend indexes the rest natively.
    for (int digit = 1; digit <= 9; ++digit) {
        if (ImGui::IsKeyPressed(GLFW_KEY_0 + digit, false)) {
            frame.commands.push_back(Command::speed(Playback::speed_index_for_digit(digit)));
        }
    }
    if (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_L, false)) frame.ui.large_font = !frame.ui.large_font;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) push(frame, Command::Kind::toggle_play);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) push(frame, Command::Kind::step_event);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow)) && frame.session.event_number() > 0) {
        // Back one line of the log: to the event before the latest shown one.
        const auto& entries = frame.session.log().entries();
        std::uint64_t target = 0;
        for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
            if (it->event_number < frame.session.event_number()) {
                target = it->event_number;
                break;
            }
        }
        frame.commands.push_back(Command::seek_event(target));
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) push(frame, Command::Kind::faster);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) push(frame, Command::Kind::slower);
}

}  // namespace kafkalab::viz
