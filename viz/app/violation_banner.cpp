// A broken model invariant stops the run; this banner says so over everything else,
// so a class does not mistake a simulator bug for something Kafka does.
#include <fmt/format.h>

#include "viz/app/panels.h"

namespace kafkalab::viz {

void draw_violation_banner(SnapshotFrame& frame) {
    const auto& violation = frame.session.violation();
    if (!violation) return;
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    const float width = std::min(screen.x - 40.0f, std::max(480.0f, screen.x * 0.6f));
    ImGui::SetNextWindowPos(ImVec2((screen.x - width) / 2, screen.y * 0.2f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_imvec4(palette::violation_banner));
    ImGui::PushStyleColor(ImGuiCol_Text, to_imvec4(palette::text));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize;
    if (ImGui::Begin("Model invariant broken: the run is halted", nullptr, flags)) {
        const sim::Duration at = frame.session.scenario_time(violation->time);
        ImGui::TextWrapped("invariant '%s' broken at %s, event #%llu (seed %llu)", violation->invariant.c_str(),
                           sim::format_duration(at).c_str(), static_cast<unsigned long long>(violation->event_number),
                           static_cast<unsigned long long>(violation->seed));
        ImGui::TextWrapped("%s", violation->detail.c_str());
        ImGui::Separator();
        ImGui::TextWrapped("This is a bug in the simulator, not something Kafka does. Playback stopped; the event log "
                           "has the line. Rewind (timeline or restart) to look at what led here: the same seed "
                           "stops at the same event again.");
    }
    ImGui::End();
    ImGui::PopStyleColor(2);
}

}  // namespace kafkalab::viz
