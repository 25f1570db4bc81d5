#include "viz/app/text_layout.h"

#include <algorithm>
#include <ostream>

#include <imgui_internal.h>

namespace kafkalab::viz {

TextLayout& text_layout() {
    static TextLayout layout;
    return layout;
}

void TextLayout::clear() {
    texts_.clear();
    boxes_.clear();
    cuts_.clear();
}

void TextLayout::add(const std::string& text, ImVec2 min, ImVec2 max) {
    const ImGuiWindow* window = ImGui::GetCurrentWindowRead();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    texts_.push_back(PlacedText{window->Name, text, min, max, draw->GetClipRectMin(), draw->GetClipRectMax(),
                                window->ScrollMax.y > 0, window->ScrollMax.x > 0});
}

void TextLayout::last_item(const std::string& text) {
    if (enabled_) add(text, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void TextLayout::drawn(const std::string& text, ImVec2 min, float font_size) {
    if (!enabled_) return;
    ImVec2 size = ImGui::GetFont()->CalcTextSizeA(font_size, FLT_MAX, 0.0f, text.c_str());
    add(text, min, ImVec2(min.x + size.x, min.y + size.y));
}

void TextLayout::drawn_within(const std::string& text, ImVec2 min, ImVec2 clip_min, ImVec2 clip_max) {
    if (!enabled_) return;
    drawn(text, min, ImGui::GetFontSize());
    // The visible part is what both the rectangle and the window show.
    PlacedText& placed = texts_.back();
    placed.clip_min = ImVec2(std::max(placed.clip_min.x, clip_min.x), std::max(placed.clip_min.y, clip_min.y));
    placed.clip_max = ImVec2(std::min(placed.clip_max.x, clip_max.x), std::min(placed.clip_max.y, clip_max.y));
}

void TextLayout::box(const std::string& host, ImVec2 min, ImVec2 max) {
    if (enabled_) boxes_.push_back(PlacedBox{host, min, max});
}

void TextLayout::cut(const std::string& a, const std::string& b, std::vector<ImVec2> points) {
    if (enabled_) cuts_.push_back(PlacedCut{a, b, std::move(points)});
}

void TextLayout::write(std::ostream& out) const {
    for (const auto& t : texts_) {
        out << "text\t" << t.panel << '\t' << t.min.x << '\t' << t.min.y << '\t' << t.max.x << '\t' << t.max.y << '\t'
            << t.clip_min.x << '\t' << t.clip_min.y << '\t' << t.clip_max.x << '\t' << t.clip_max.y << '\t'
            << (t.scrolls ? 1 : 0) << '\t' << (t.scrolls_x ? 1 : 0) << '\t' << t.text << '\n';
    }
    for (const auto& b : boxes_) {
        out << "box\t" << b.host << '\t' << b.min.x << '\t' << b.min.y << '\t' << b.max.x << '\t' << b.max.y << '\n';
    }
    for (const auto& c : cuts_) {
        out << "cut\t" << c.a << '\t' << c.b;
        for (const auto& p : c.points) out << '\t' << p.x << '\t' << p.y;
        out << '\n';
    }
}

}  // namespace kafkalab::viz
