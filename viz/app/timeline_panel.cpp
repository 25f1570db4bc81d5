// The whole run on one axis: a scrubber with the notable events marked (click or drag
// to rewind or jump ahead), and small plots of ISR size, lag and throughput.
#include <algorithm>

#include "scenarios/runner/notable_event.h"
#include "viz/app/panels.h"
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
    ImGui::TextColored(to_imvec4(mark_colour(EventCategory::fault)), "| fault");
    ImGui::SameLine();
    ImGui::TextColored(to_imvec4(mark_colour(EventCategory::election)), "| election");
    ImGui::SameLine();
    ImGui::TextColored(to_imvec4(mark_colour(EventCategory::isr_change)), "| ISR change");
    ImGui::SameLine();
    ImGui::TextColored(to_imvec4(mark_colour(EventCategory::rebalance)), "| rebalance");
}

void plot(const char* label, const std::vector<float>& values, float height) {
    float width = ImGui::GetContentRegionAvail().x * 0.5f - 4;
    if (values.empty()) {
        ImGui::Dummy(ImVec2(width, height));
        return;
    }
    float high = *std::max_element(values.begin(), values.end());
    std::string overlay = std::string(label) + ": " + std::to_string(static_cast<long long>(values.back()));
    ImGui::PlotLines("##plot", values.data(), static_cast<int>(values.size()), 0, overlay.c_str(), 0.0f,
                     std::max(1.0f, high * 1.1f), ImVec2(width, height));
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
    ImGui::PushID("isr");
    plot("ISR replicas", isr, height);
    ImGui::PopID();
    ImGui::SameLine();
    ImGui::PushID("under");
    plot("under-replicated", under, height);
    ImGui::PopID();
    ImGui::PushID("lag");
    plot("consumer lag", lag, height);
    ImGui::PopID();
    ImGui::SameLine();
    ImGui::PushID("throughput");
    plot("acknowledged/s", frame.session.series().throughput_per_s(), height);
    ImGui::PopID();
}

}  // namespace kafkalab::viz
