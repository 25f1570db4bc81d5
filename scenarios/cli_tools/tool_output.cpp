#include "scenarios/cli_tools/tool_output.h"

namespace kafkalab::scenarios {

void ToolOutput::out(std::string_view text) { write(OutputStream::standard_output, text); }

void ToolOutput::err(std::string_view text) { write(OutputStream::standard_error, text); }

void ToolOutput::append(const ToolOutput& other) {
    for (const OutputChunk& chunk : other.chunks_) write(chunk.stream, chunk.text);
    if (other.exit_code_ != 0) exit_code_ = other.exit_code_;
}

void ToolOutput::write(OutputStream stream, std::string_view text) {
    if (text.empty()) return;
    // Merging adjacent writes keeps equality about bytes and streams, not about how
    // many print calls produced them.
    if (!chunks_.empty() && chunks_.back().stream == stream) {
        chunks_.back().text.append(text);
        return;
    }
    chunks_.push_back(OutputChunk{stream, std::string(text)});
}

std::string ToolOutput::stdout_text() const {
    std::string text;
    for (const OutputChunk& chunk : chunks_)
        if (chunk.stream == OutputStream::standard_output) text += chunk.text;
    return text;
}

std::string ToolOutput::stderr_text() const {
    std::string text;
    for (const OutputChunk& chunk : chunks_)
        if (chunk.stream == OutputStream::standard_error) text += chunk.text;
    return text;
}

std::string ToolOutput::terminal_text() const {
    std::string text;
    for (const OutputChunk& chunk : chunks_) text += chunk.text;
    return text;
}

}  // namespace kafkalab::scenarios
