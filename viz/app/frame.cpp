#include "viz/app/panels.h"

namespace kafkalab::viz {

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
    handle_keys(frame);
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    const float toolbar_h = 36.0f;
    const float narration_h = 64.0f;
    const float bottom_h = std::max(200.0f, screen.y * 0.34f);
    const float top_h = screen.y - toolbar_h - narration_h - bottom_h;
    const float cluster_w = std::floor(screen.x * 0.42f);
    const float timeline_w = std::floor(screen.x * 0.5f);

    if (begin_panel("##toolbar", {0, 0}, {screen.x, toolbar_h})) draw_toolbar(frame);
    ImGui::End();
    if (begin_panel("Cluster", {0, toolbar_h}, {cluster_w, top_h})) draw_cluster_panel(frame);
    ImGui::End();
    if (begin_panel("Partitions", {cluster_w, toolbar_h}, {screen.x - cluster_w, top_h})) draw_partitions_panel(frame);
    ImGui::End();
    if (begin_panel("Lesson", {0, toolbar_h + top_h}, {screen.x, narration_h})) draw_narration_panel(frame);
    ImGui::End();
    float bottom_y = toolbar_h + top_h + narration_h;
    if (begin_panel("Timeline", {0, bottom_y}, {timeline_w, bottom_h})) draw_timeline_panel(frame);
    ImGui::End();
    if (begin_panel("##tables", {timeline_w, bottom_y}, {screen.x - timeline_w, bottom_h})) {
        if (ImGui::BeginTabBar("tables")) {
            if (ImGui::BeginTabItem("Event log")) { draw_event_log(frame); ImGui::EndTabItem(); }
            if (ImGui::BeginTabItem("Brokers")) { draw_brokers_table(frame); ImGui::EndTabItem(); }
            if (ImGui::BeginTabItem("Topics")) { draw_topics_table(frame); ImGui::EndTabItem(); }
            if (ImGui::BeginTabItem("Groups")) { draw_groups_table(frame); ImGui::EndTabItem(); }
            if (ImGui::BeginTabItem("Checker")) { draw_checker(frame); ImGui::EndTabItem(); }
            ImGui::EndTabBar();
        }
    }
    ImGui::End();
}

}  // namespace kafkalab::viz
