// The lesson's caption of the moment, and its "predict first" question with the
// answer kept back until the class asks for it.
#include "viz/app/panels.h"

namespace kafkalab::viz {

void draw_narration_panel(FrameContext& frame) {
    const auto* line = frame.session.narration();
    const auto* question = frame.session.prediction();
    if (!line && !question) {
        ImGui::TextColored(to_imvec4(palette::muted), "%s", frame.session.scenario().description.c_str());
        return;
    }
    if (line) ImGui::TextWrapped("%s  %s", sim::format_duration(line->at).c_str(), line->say.c_str());
    if (question && (!line || question->at >= line->at)) {
        ImGui::TextColored(to_imvec4(okabe_ito::yellow), "Predict: %s", question->ask.c_str());
        ImGui::SameLine();
        if (frame.ui.answer_revealed) {
            ImGui::TextWrapped("Answer: %s", question->answer.c_str());
        } else if (ImGui::SmallButton("Show the answer")) {
            frame.ui.answer_revealed = true;
        }
    }
}

}  // namespace kafkalab::viz
