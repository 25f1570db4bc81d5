// The whole run on one axis: a scrubber with the notable events marked (click or drag
// to rewind or jump ahead), and small plots of ISR size, lag and throughput.
#include <algorithm>
#include <cmath>
#include <utility>

#include "scenarios/runner/notable_event.h"
#include "viz/app/fitted_text.h"
#include "viz/app/panels.h"
#include "viz/app/text_layout.h"
#include "viz/model/timeline.h"

namespace kafkalab::viz {

namespace {

Rgb mark_colour(EventCategory category) {
    switch (category) {
        case EventCategory::fault: return okabe_ito::reddish_purple;
        case EventCategory::election: return okabe_ito::yellow;
        case EventCategory::isr_change: return okabe_ito::sky_blue;
        case EventCategory::rebalance: return okabe_ito::bluish_green;
        default: return palette::muted;
    }
}

void draw_scrubber(FrameContext& frame) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    const float height = 34.0f;
    TimelineMapping mapping(frame.session.duration(), origin.x + 6, origin.x + width - 6);
    float mid = origin.y + height / 2;
    draw->AddRectFilled(ImVec2(origin.x, mid - 3), ImVec2(origin.x + width, mid + 3), to_imgui(palette::link_up), 3.0f);
    for (const auto& mark : frame.session.log().notable()) {
        if (mark.category == EventCategory::other || mark.category == EventCategory::controller) continue;
        // Elections of __consumer_offsets partitions would bury the lesson's own.
        if (mark.category == EventCategory::election && scenarios::about_internal_topic(mark.event)) continue;
        float x = mapping.x_of(mark.time);
        draw->AddLine(ImVec2(x, origin.y + 2), ImVec2(x, origin.y + height - 2), to_imgui(mark_colour(mark.category)), 2.0f);
    }
    float now_x = mapping.x_of(frame.session.now());
    draw->AddTriangleFilled(ImVec2(now_x - 7, origin.y), ImVec2(now_x + 7, origin.y), ImVec2(now_x, mid),
                            IM_COL32_WHITE);
    draw->AddLine(ImVec2(now_x, origin.y), ImVec2(now_x, origin.y + height), IM_COL32_WHITE, 2.0f);
    ImGui::InvisibleButton("scrubber", ImVec2(width, height));
    // Seek on release: every seek backwards re-runs the scenario, once is enough.
    if (ImGui::IsItemDeactivated() || (ImGui::IsItemHovered() && ImGui::IsMouseReleased(ImGuiMouseButton_Left))) {
        frame.commands.push_back(Command::seek(mapping.time_of(ImGui::GetIO().MousePos.x)));
    }
    if (ImGui::IsItemActive() || ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s", sim::format_time(sim::Time{mapping.time_of(ImGui::GetIO().MousePos.x)}).c_str());
    }
    // The legend flows onto a second line when classroom text makes it too wide.
    static constexpr std::pair<EventCategory, const char*> legend[] = {{EventCategory::fault, "| fault"},
                                                                       {EventCategory::election, "| election"},
                                                                       {EventCategory::isr_change, "| ISR change"},
                                                                       {EventCategory::rebalance, "| rebalance"}};
    bool first = true;
    for (const auto& [category, label] : legend) {
        if (!first) same_line_if_fits(ImGui::CalcTextSize(label).x);
        first = false;
        ImGui::TextColored(to_imvec4(mark_colour(category)), "%s", label);
        text_layout().last_item(label);
    }
}

/// A small line plot `width` wide titled "label: latest value"; the title is shortened
/// to fit the plot, which is what ImGui clips it to.
void plot(const char* label, const std::vector<float>& values, float width, float height) {
    if (values.empty()) {
        ImGui::Dummy(ImVec2(width, height));
        return;
    }
    float high = *std::max_element(values.begin(), values.end());
    const ImVec2 padding = ImGui::GetStyle().FramePadding;
    const std::string title =
        fit_to_width(std::string(label) + ": " + std::to_string(static_cast<long long>(values.back())), width - 2 * padding.x);
    ImGui::PlotLines("##plot", values.data(), static_cast<int>(values.size()), 0, title.c_str(), 0.0f,
                     std::max(1.0f, high * 1.1f), ImVec2(width, height));
    // Where PlotLines puts its title: centred at the top of the plot, inside it.
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const float title_w = ImGui::CalcTextSize(title.c_str()).x;
    text_layout().drawn_within(title, ImVec2(min.x + std::max(0.0f, (max.x - min.x - title_w) / 2), min.y + padding.y),
                               min, max);
}

}  // namespace

void draw_timeline_panel(FrameContext& frame) {
    draw_scrubber(frame);
    const auto& samples = frame.session.series().samples();
    std::vector<float> isr, under, lag;
    for (const auto& s : samples) {
        isr.push_back(static_cast<float>(s.isr_replicas));
        under.push_back(static_cast<float>(s.under_replicated));
        lag.push_back(static_cast<float>(s.total_lag));
    }
    float height = std::max(30.0f, (ImGui::GetContentRegionAvail().y - 12) / 2);
    // Two plots a row, of equal width.
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = std::floor((ImGui::GetContentRegionAvail().x - spacing) / 2);
    ImGui::PushID("isr");
    plot("ISR replicas", isr, width, height);
    ImGui::PopID();
    ImGui::SameLine();
    ImGui::PushID("under");
    plot("under-replicated", under, width, height);
    ImGui::PopID();
    ImGui::PushID("lag");
    plot("consumer lag", lag, width, height);
    ImGui::PopID();
    ImGui::SameLine();
    ImGui::PushID("throughput");
    plot("acknowledged/s", frame.session.series().throughput_per_s(), width, height);
    ImGui::PopID();
}

}  // namespace kafkalab::viz
