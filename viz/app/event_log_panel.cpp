// Every event with its time and number; clicking a line moves the run to right after
// that event (rewinding if it is in the past).
#include <fmt/format.h>

#include "viz/app/fitted_text.h"
#include "viz/app/panels.h"
#include "viz/app/text_layout.h"

namespace kafkalab::viz {

namespace {

bool shown(const EventEntry& entry, const UiState& ui) {
    if (entry.category != EventCategory::message) return true;
    return !ui.log_notable_only && ui.filter.shows(entry.message_kind);
}

Rgb colour_of(const EventEntry& entry) {
    if (entry.category == EventCategory::message) return viz::colour_of(entry.message_kind);
    return okabe_ito::yellow;
}

}  // namespace

void draw_event_log(FrameContext& frame) {
    UiState& ui = frame.ui;
    ImGui::Checkbox("notable only", &ui.log_notable_only);
    text_layout().last_item("notable only");
    ImGui::SameLine();
    ImGui::Checkbox("follow", &ui.log_follow);
    text_layout().last_item("follow");
    // On the same line when it fits, else wrapped under the boxes.
    const char* hint = "click a line to go there; the Cluster panel filters message kinds";
    same_line_if_fits(ImGui::CalcTextSize(hint).x);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(to_imvec4(palette::muted), "%s", hint);
    ImGui::PopTextWrapPos();
    text_layout().last_item(hint);
    const auto& entries = frame.session.log().entries();
    // The filtered view is rebuilt each frame: an index list is cheap next to drawing.
    std::vector<std::size_t> rows;
    rows.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (shown(entries[i], ui)) rows.push_back(i);
    }
    if (rows.empty()) {
        text_to_edge("No events yet: press Play or Step.", palette::muted);
        return;
    }
    ImGui::BeginChild("log", ImVec2(0, 0));
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const EventEntry& entry = entries[rows[static_cast<std::size_t>(r)]];
            std::string line = fmt::format("{:>11}  #{:<8} {}", sim::format_time(sim::Time{entry.time}),
                                           entry.event_number, entry.describe());
            // One line per event: a long one is cut at the panel's edge, whole on hover.
            const std::string shown = fit_to_width(line, ImGui::GetContentRegionAvail().x);
            const ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::PushID(r);
            ImGui::PushStyleColor(ImGuiCol_Text, to_imvec4(colour_of(entry)));
            bool current = entry.event_number == frame.session.event_number();
            if (ImGui::Selectable(shown.c_str(), current)) {
                frame.commands.push_back(Command::seek_event(entry.event_number));
                ui.log_follow = false;
            }
            ImGui::PopStyleColor();
            text_layout().drawn(shown, at, ImGui::GetFontSize());
            if (shown != line && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", line.c_str());
            ImGui::PopID();
        }
    }
    if (ui.log_follow) ImGui::SetScrollHereY(1.0f);
    ImGui::EndChild();
}

}  // namespace kafkalab::viz
