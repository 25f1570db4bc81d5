#include "viz/app/lesson_picker.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "viz/app/panels.h"
#include "scenarios/spec/load_scenario.h"

namespace kafkalab::viz {

std::vector<LessonEntry> list_lessons(const std::string& directory) {
    std::vector<LessonEntry> lessons;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        if (entry.path().extension() != ".yaml") continue;
        auto loaded = scenarios::load_scenario(entry.path());
        std::string name = loaded.scenario ? loaded.scenario->name : "(does not load)";
        lessons.push_back({entry.path().string(), entry.path().filename().string() + "  " + name});
    }
    std::sort(lessons.begin(), lessons.end(), [](const LessonEntry& a, const LessonEntry& b) { return a.path < b.path; });
    return lessons;
}

std::string pick_lesson(Window& window, const std::string& directory) {
    std::vector<LessonEntry> lessons = list_lessons(directory);
    while (!window.should_close()) {
        window.begin_frame(0.05);
        ImVec2 screen = ImGui::GetIO().DisplaySize;
        std::string chosen;
        if (begin_panel("Lessons: pick one to open", {0, 0}, screen)) {
            if (lessons.empty()) ImGui::TextColored(to_imvec4(palette::muted), "No lessons in %s", directory.c_str());
            for (const auto& lesson : lessons) {
                if (ImGui::Selectable(lesson.title.c_str())) chosen = lesson.path;
            }
        }
        ImGui::End();
        window.end_frame(true);
        if (!chosen.empty()) return chosen;
    }
    return "";
}

}  // namespace kafkalab::viz
