// Play, pause, step, jump to the next event of a kind, speed, and where the run is.
#include <fmt/format.h>

#include <GLFW/glfw3.h>

#include "viz/app/panels.h"

namespace kafkalab::viz {

namespace {

constexpr EventCategory jump_kinds[] = {EventCategory::fault, EventCategory::election, EventCategory::isr_change,
                                        EventCategory::rebalance, EventCategory::controller};

void push(FrameContext& frame, Command::Kind kind) { frame.commands.push_back(Command::of(kind)); }

}  // namespace

void draw_toolbar(FrameContext& frame) {
    LabSession& session = frame.session;
    UiState& ui = frame.ui;
    if (ImGui::Button("|< Start")) push(frame, Command::Kind::restart_run);
    ImGui::SameLine();
    if (ImGui::Button(ui.playback.playing() ? "Pause" : "Play ", ImVec2(60, 0))) push(frame, Command::Kind::toggle_play);
    ImGui::SameLine();
    if (ImGui::Button("Step >")) push(frame, Command::Kind::step_event);
    ImGui::SameLine();
    if (ImGui::Button("Next >>")) {
        frame.commands.push_back(Command::next(ui.step_kind));
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110);
    if (ImGui::BeginCombo("##next", to_string(ui.step_kind))) {
        for (EventCategory kind : jump_kinds) {
            if (ImGui::Selectable(to_string(kind), kind == ui.step_kind)) ui.step_kind = kind;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::TextUnformatted("  speed");
    ImGui::SameLine();
    if (ImGui::Button("-")) push(frame, Command::Kind::slower);
    ImGui::SameLine();
    ImGui::Text("%-7s", ui.playback.speed_label().c_str());
    ImGui::SameLine();
    if (ImGui::Button("+")) push(frame, Command::Kind::faster);
    ImGui::SameLine();
    ImGui::Text("   t = %s / %s    event #%llu", sim::format_time(sim::Time{session.now()}).c_str(),
                sim::format_duration(session.duration()).c_str(),
                static_cast<unsigned long long>(session.event_number()));
    ImGui::SameLine();
    ImGui::TextColored(to_imvec4(palette::muted), "   %s", session.scenario().name.c_str());
    if (!ui.status.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(to_imvec4(okabe_ito::yellow), "   %s", ui.status.c_str());
    }
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
