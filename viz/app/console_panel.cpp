// The terminal: the lesson's Kafka commands and the class's own, typed here, with
// their output. A typed line runs at the terminal host now, as a scenario step would,
// and is recorded so a rewind or a saved session runs it again at the same point.
#include <array>
#include <cstring>
#include <sstream>

#include <fmt/format.h>

#include "viz/app/panels.h"
#include "viz/app/text_layout.h"

namespace kafkalab::viz {

namespace {

Rgb colour_of(const ConsoleLine& line) {
    if (line.what == "$") return okabe_ito::sky_blue;
    if (line.what == "error") return okabe_ito::vermillion;
    if (line.what == "note") return palette::muted;
    return palette::text;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

/// An ImGui text field over a std::string of the UI state (ImGui 1.86 edits char arrays).
template <std::size_t N>
bool edit(const char* id, std::string& text, ImGuiInputTextFlags flags, float height = 0) {
    std::array<char, N> buffer{};
    std::strncpy(buffer.data(), text.c_str(), N - 1);
    bool entered = height > 0 ? ImGui::InputTextMultiline(id, buffer.data(), N, ImVec2(-1, height), flags)
                              : ImGui::InputText(id, buffer.data(), N, flags);
    text = buffer.data();
    return entered;
}

void draw_prompt(FrameContext& frame) {
    UiState& ui = frame.ui;
    if (!ui.console_error.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(to_imvec4(okabe_ito::vermillion), "%s", ui.console_error.c_str());
        ImGui::PopTextWrapPos();
        text_layout().last_item(ui.console_error);
    }
    const bool producer = ui.console_line.find("kafka-console-producer") != std::string::npos;
    ImGui::TextColored(to_imvec4(okabe_ito::sky_blue), "$");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Run").x - 3 * ImGui::GetStyle().ItemSpacing.x);
    bool entered = edit<1024>("##command", ui.console_line, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    entered = ImGui::Button("Run") || entered;
    if (producer) {
        ImGui::TextColored(to_imvec4(palette::muted), "lines typed into the producer, one record each:");
        edit<4096>("##input", ui.console_input, 0, ImGui::GetTextLineHeight() * 3);
    }
    if (entered && !ui.console_line.empty()) {
        frame.commands.push_back(Command::inject(LiveFault::command(ui.console_line, producer ? lines_of(ui.console_input)
                                                                                              : std::vector<std::string>{})));
        ui.console_follow = true;
    }
}

}  // namespace

void draw_console(FrameContext& frame) {
    const auto& lines = frame.session.console();
    const float prompt_lines = (frame.ui.console_line.find("kafka-console-producer") != std::string::npos ? 5.0f : 1.0f) +
                               (frame.ui.console_error.empty() ? 0.0f : 1.0f);
    const float prompt_h = ImGui::GetFrameHeightWithSpacing() * prompt_lines;
    ImGui::BeginChild("transcript", ImVec2(0, -prompt_h));
    // A line longer than the panel wraps, as in a terminal, under its own column.
    ImGui::PushTextWrapPos(0.0f);
    if (lines.empty()) {
        const char* hint = "Type a Kafka command below: kafka-topics, kafka-console-consumer, kafka-console-producer "
                           "or kafka-consumer-groups, as in a scenario's steps.";
        ImGui::TextColored(to_imvec4(palette::muted), "%s", hint);
        text_layout().last_item(hint);
    }
    for (const auto& line : lines) {
        std::string time = fmt::format("{:>10}", sim::format_time(sim::Time{line.at}));
        std::string text = line.what == "$" ? "$ " + line.text : line.text;
        if (!text.empty() && text.back() == '\n') text.pop_back();
        ImGui::TextColored(to_imvec4(palette::muted), "%s", time.c_str());
        text_layout().last_item(time);
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, to_imvec4(colour_of(line)));
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopStyleColor();
        // A tool's output may be several lines: each is recorded on its own.
        text_layout().last_item(text.substr(0, text.find('\n')));
    }
    ImGui::PopTextWrapPos();
    if (frame.ui.console_follow) ImGui::SetScrollHereY(1.0f);
    frame.ui.console_follow = ImGui::GetScrollY() >= ImGui::GetScrollMaxY();
    ImGui::EndChild();
    draw_prompt(frame);
}

}  // namespace kafkalab::viz
