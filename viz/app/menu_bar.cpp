// The window's menu bar: File (save the session as a scenario file, quit), Lessons
// (open another lesson of the library), Clients (add a producer or a consumer) and
// View (classroom mode).
#include <array>
#include <cstring>
#include <filesystem>

#include <GLFW/glfw3.h>

#include "viz/app/panels.h"

namespace kafkalab::viz {

namespace {

constexpr const char* save_popup = "Save session as";

std::string default_save_path(const LabSession& session) {
    std::string stem = session.source_file().empty() ? "session" : session.source_file().stem().string();
    return stem + "-session.yaml";
}

void draw_save_popup(FrameContext& frame) {
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 40, 0));
    if (!ImGui::BeginPopupModal(save_popup, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    ImGui::TextWrapped("The scenario and the %zu live faults of this session, as a scenario file that "
                       "kafkalab run and this window replay.",
                       frame.session.live_faults().size());
    std::array<char, 1024> path{};
    std::strncpy(path.data(), frame.ui.save_path.c_str(), path.size() - 1);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    bool enter = ImGui::InputText("##path", path.data(), path.size(), ImGuiInputTextFlags_EnterReturnsTrue);
    frame.ui.save_path = path.data();
    if ((ImGui::Button("Save") || enter) && !frame.ui.save_path.empty()) {
        frame.commands.push_back(Command::save_as(frame.ui.save_path));
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace

float draw_menu_bar(FrameContext& frame) {
    bool open_save = false;
    if (!ImGui::BeginMainMenuBar()) return 0;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Save session as...", "Ctrl+S")) open_save = true;
        if (ImGui::MenuItem("Quit")) frame.ui.quit_requested = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Lessons")) {
        if (!frame.lessons || frame.lessons->empty()) {
            ImGui::TextDisabled("no lessons found");
        } else {
            for (const auto& lesson : *frame.lessons) {
                if (ImGui::MenuItem(lesson.title.c_str())) frame.ui.open_request = lesson.path;
            }
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Clients")) {
        if (ImGui::MenuItem("Add producer...")) open_client_form(frame.ui, true);
        if (ImGui::MenuItem("Add consumer...")) open_client_form(frame.ui, false);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        ImGui::MenuItem("Classroom mode (large text)", "Ctrl+L", &frame.ui.large_font);
        ImGui::EndMenu();
    }
    const float height = ImGui::GetWindowSize().y;
    ImGui::EndMainMenuBar();
    ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_S, false)) open_save = true;
    if (open_save) {
        if (frame.ui.save_path.empty()) frame.ui.save_path = default_save_path(frame.session);
        ImGui::OpenPopup(save_popup);
    }
    draw_save_popup(frame);
    draw_client_form(frame);
    return height;
}

}  // namespace kafkalab::viz
