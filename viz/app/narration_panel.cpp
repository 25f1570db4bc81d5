// The lesson's caption of the moment, and its "predict first" question with the
// answer kept back until the class asks for it. Everything wraps at the panel's edge:
// a projector's 1280x720 in classroom text is narrow for a lesson's sentence.
#include "viz/app/panels.h"
#include "viz/app/text_layout.h"

namespace kafkalab::viz {

namespace {

void wrapped(const std::string& text, std::optional<Rgb> colour = std::nullopt) {
    ImGui::PushTextWrapPos(0.0f);
    if (colour) {
        ImGui::TextColored(to_imvec4(*colour), "%s", text.c_str());
    } else {
        ImGui::TextUnformatted(text.c_str());
    }
    ImGui::PopTextWrapPos();
    text_layout().last_item(text);
}

}  // namespace

void draw_narration_panel(FrameContext& frame) {
    const auto* line = frame.session.narration();
    const auto* question = frame.session.prediction();
    if (!line && !question) {
        wrapped(frame.session.scenario().description, palette::muted);
        return;
    }
    if (line) wrapped(sim::format_duration(line->at) + "  " + line->say);
    if (question && (!line || question->at >= line->at)) {
        wrapped("Predict: " + question->ask, okabe_ito::yellow);
        if (frame.ui.answer_revealed) {
            wrapped("Answer: " + question->answer);
        } else {
            same_line_if_fits(ImGui::CalcTextSize("Show the answer").x + 2 * ImGui::GetStyle().FramePadding.x);
            if (ImGui::SmallButton("Show the answer")) frame.ui.answer_revealed = true;
            text_layout().last_item("Show the answer");
        }
    }
}

}  // namespace kafkalab::viz
