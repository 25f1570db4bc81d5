#include "viz/app/style.h"

namespace kafkalab::viz {

void apply_style() {
    ImGui::StyleColorsDark();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 0;
    style.WindowBorderSize = 1;
    style.FramePadding = ImVec2(6, 3);
    style.ItemSpacing = ImVec2(6, 4);
    style.Colors[ImGuiCol_WindowBg] = to_imvec4(palette::panel);
    style.Colors[ImGuiCol_Text] = to_imvec4(palette::text);
    style.Colors[ImGuiCol_TitleBg] = to_imvec4(palette::background);
    style.Colors[ImGuiCol_TitleBgActive] = to_imvec4(palette::background);
}

}  // namespace kafkalab::viz
