#include "scenarios/cli_tools/command_line_tokenizer.h"

#include <optional>

namespace kafkalab::scenarios {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Characters a POSIX shell gives a meaning to outside quotes; a backslash before one of
// them makes it literal, a backslash before anything else is kept as typed.
bool is_shell_special(char c) {
    static constexpr std::string_view special = " \t\n'\"\\$`|&;<>()*?[]#~={}!";
    return special.find(c) != std::string_view::npos;
}

// Inside double quotes POSIX only lets a backslash escape these.
bool is_escapable_in_double_quotes(char c) { return c == '$' || c == '`' || c == '"' || c == '\\' || c == '\n'; }

// Reads one quoted span starting after its opening quote; returns the index after the
// closing quote, or nothing when the line ends first.
std::optional<std::size_t> read_quoted(std::string_view line, std::size_t i, char quote, std::string& word) {
    while (i < line.size()) {
        const char c = line[i];
        if (c == quote) return i + 1;
        if (quote == '"' && c == '\\' && i + 1 < line.size() && is_escapable_in_double_quotes(line[i + 1])) {
            if (line[i + 1] != '\n') word += line[i + 1];
            i += 2;
            continue;
        }
        word += c;
        ++i;
    }
    return std::nullopt;
}

}  // namespace

TokenizedLine tokenize_command_line(std::string_view line) {
    TokenizedLine result;
    std::string word;
    bool in_word = false;  // Distinguishes an empty quoted word ("") from no word at all.
    std::size_t i = 0;
    while (i < line.size()) {
        const char c = line[i];
        if (is_blank(c)) {
            if (in_word) result.words.push_back(std::move(word));
            word.clear();
            in_word = false;
            ++i;
        } else if (c == '\'' || c == '"') {
            const auto after = read_quoted(line, i + 1, c, word);
            if (!after) {
                result.error = c == '\'' ? "unterminated single quote" : "unterminated double quote";
                result.words.clear();
                return result;
            }
            in_word = true;
            i = *after;
        } else if (c == '\\' && i + 1 < line.size() && is_shell_special(line[i + 1])) {
            // A backslash-newline continues the line and adds nothing to the word.
            if (line[i + 1] != '\n') {
                word += line[i + 1];
                in_word = true;
            }
            i += 2;
        } else {
            word += c;
            in_word = true;
            ++i;
        }
    }
    if (in_word) result.words.push_back(std::move(word));
    return result;
}

}  // namespace kafkalab::scenarios
