#include <algorithm>
#include <cmath>

#include "viz/app/panels.h"
#include "viz/app/text_layout.h"

namespace kafkalab::viz {

void same_line_if_fits(float width, float indent) {
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() + width <= ImGui::GetWindowContentRegionMax().x) return;
    ImGui::NewLine();
    if (indent > 0) ImGui::SetCursorPosX(indent);
}

float checkbox_width(const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
}

bool begin_panel(const char* title, ImVec2 position, ImVec2 size) {
    ImGui::SetNextWindowPos(position);
    ImGui::SetNextWindowSize(size);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                             ImGuiWindowFlags_NoSavedSettings;
    // Panels named "##..." have nothing to say in a title bar.
    if (title[0] == '#' && title[1] == '#') flags |= ImGuiWindowFlags_NoTitleBar;
    return ImGui::Begin(title, nullptr, flags);
}

void draw_frame(FrameContext& frame) {
    text_layout().clear();
    handle_keys(frame);
    const float menu_h = draw_menu_bar(frame);
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    // Classroom mode's larger text needs taller strips.
    const float text_scale = ImGui::GetFontSize() / ImGui::GetIO().Fonts->Fonts[0]->FontSize;
    // One row of buttons and its padding: any less and the bar grows a scrollbar.
    const float toolbar_h = std::round(ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().WindowPadding.y);
    // Taller for a long caption, question and answer, up to a quarter of the window.
    const float narration_h = std::round(
        std::clamp(narration_height(frame, screen.x), 64.0f * text_scale, std::max(64.0f * text_scale, screen.y * 0.25f)));
    const float bottom_h = std::max(200.0f, screen.y * 0.34f);
    const float top_y = menu_h + toolbar_h;
    const float top_h = screen.y - top_y - narration_h - bottom_h;
    const float cluster_w = std::floor(screen.x * 0.42f);
    const float timeline_w = std::floor(screen.x * 0.5f);

    if (begin_panel("##toolbar", {0, menu_h}, {screen.x, toolbar_h})) draw_toolbar(frame);
    ImGui::End();
    const ClusterSnapshot& snapshot = frame.session.snapshot();
    const std::vector<InFlightMessage> in_flight = frame.session.in_flight();
    const std::vector<TruncationMark>& truncations = frame.session.truncations();
    SnapshotFrame moment{snapshot, in_flight, truncations, frame.session, frame.ui, frame.commands};
    if (begin_panel("Cluster", {0, top_y}, {cluster_w, top_h})) draw_cluster_panel(moment);
    ImGui::End();
    if (begin_panel("Partitions", {cluster_w, top_y}, {screen.x - cluster_w, top_h})) draw_partitions_panel(moment);
    ImGui::End();
    if (begin_panel("Lesson", {0, top_y + top_h}, {screen.x, narration_h})) draw_narration_panel(frame);
    ImGui::End();
    float bottom_y = top_y + top_h + narration_h;
    if (begin_panel("Timeline", {0, bottom_y}, {timeline_w, bottom_h})) draw_timeline_panel(frame);
    ImGui::End();
    if (begin_panel("##tables", {timeline_w, bottom_y}, {screen.x - timeline_w, bottom_h})) {
        if (ImGui::BeginTabBar("tables")) {
            for (const TablesTab& tab : tables_tabs) {
                const bool wanted = frame.ui.open_tab == tab.label;
                if (ImGui::BeginTabItem(tab.label, nullptr, wanted ? ImGuiTabItemFlags_SetSelected : 0)) {
                    // Asked for once: from now on the tab is the class's to change.
                    if (wanted) frame.ui.open_tab.clear();
                    tab.draw(frame);
                    ImGui::EndTabItem();
                }
            }
            ImGui::EndTabBar();
        }
    }
    ImGui::End();
    draw_violation_banner(moment);
}

}  // namespace kafkalab::viz
