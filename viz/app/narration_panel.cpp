// The lesson's caption of the moment, and its "predict first" question with the
// answer kept back until the class asks for it. Everything wraps at the panel's edge,
// and the strip grows to show it all: a projector's 1280x720 in classroom text is
// narrow for a lesson's sentence, and a caption scrolled out of sight is not read.
#include <optional>
#include <vector>

#include "viz/app/panels.h"
#include "viz/app/text_layout.h"

namespace kafkalab::viz {

namespace {

struct Sentence {
    std::string text;
    std::optional<Rgb> colour;
};

/// What the strip says now, in order; `ask` is set when the answer is still kept back.
std::vector<Sentence> sentences(const FrameContext& frame, bool& ask) {
    std::vector<Sentence> said;
    ask = false;
    const auto* line = frame.session.narration();
    const auto* question = frame.session.prediction();
    if (!line && !question) {
        said.push_back({frame.session.scenario().description, palette::muted});
        return said;
    }
    if (line) said.push_back({sim::format_duration(line->at) + "  " + line->say, std::nullopt});
    if (question && (!line || question->at >= line->at)) {
        said.push_back({"Predict: " + question->ask, okabe_ito::yellow});
        if (frame.ui.answer_revealed) {
            said.push_back({"Answer: " + question->answer, std::nullopt});
        } else {
            ask = true;
        }
    }
    return said;
}

constexpr const char* show_answer = "Show the answer";

float small_button_width(const char* label) {
    return ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x;
}

}  // namespace

float narration_height(const FrameContext& frame, float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float wrap = width - 2 * style.WindowPadding.x;
    bool ask = false;
    float height = ImGui::GetFrameHeight() + 2 * style.WindowPadding.y;  // the title bar
    float last_line_w = 0;
    for (const Sentence& s : sentences(frame, ask)) {
        const ImVec2 size = ImGui::CalcTextSize(s.text.c_str(), nullptr, false, wrap);
        height += size.y + style.ItemSpacing.y;
        last_line_w = size.x;
    }
    // The button goes under the question when it does not fit beside it (a safe guess:
    // the question's widest line stands for its last).
    if (ask && last_line_w + style.ItemSpacing.x + small_button_width(show_answer) > wrap) {
        height += ImGui::GetTextLineHeight() + style.ItemSpacing.y;
    }
    return height;
}

void draw_narration_panel(FrameContext& frame) {
    bool ask = false;
    for (const Sentence& s : sentences(frame, ask)) {
        ImGui::PushTextWrapPos(0.0f);
        if (s.colour) {
            ImGui::TextColored(to_imvec4(*s.colour), "%s", s.text.c_str());
        } else {
            ImGui::TextUnformatted(s.text.c_str());
        }
        ImGui::PopTextWrapPos();
        text_layout().last_item(s.text);
    }
    if (ask) {
        same_line_if_fits(small_button_width(show_answer));
        if (ImGui::SmallButton(show_answer)) frame.ui.answer_revealed = true;
        text_layout().last_item(show_answer);
    }
}

}  // namespace kafkalab::viz
