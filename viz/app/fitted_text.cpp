#include "viz/app/fitted_text.h"

#include <imgui.h>

#include "viz/app/text_layout.h"
#include "viz/model/elide.h"

namespace kafkalab::viz {

std::string fit_to_width(const std::string& text, float width) {
    return elide(text, width, [](std::string_view piece) {
        return ImGui::CalcTextSize(piece.data(), piece.data() + piece.size()).x;
    });
}

void record_item(const std::string& shown, const std::string& whole) {
    text_layout().last_item(shown);
    if (shown != whole && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", whole.c_str());
}

void text_within(const std::string& text, float width, std::optional<Rgb> colour) {
    const std::string shown = fit_to_width(text, width);
    if (colour) {
        ImGui::TextColored(to_imvec4(*colour), "%s", shown.c_str());
    } else {
        ImGui::TextUnformatted(shown.c_str());
    }
    record_item(shown, text);
}

void text_to_edge(const std::string& text, std::optional<Rgb> colour) {
    text_within(text, ImGui::GetContentRegionAvail().x, colour);
}

}  // namespace kafkalab::viz
