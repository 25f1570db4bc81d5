#include "scenarios/spec/text_checks.h"

#include <cstdio>
#include <string>

#include "scenarios/spec/load_scenario.h"

namespace kafkalab::scenarios::detail {
namespace {

// Content indented past this column is nested deeper than any scenario needs; block
// nesting shows up as indentation (or as "- - - -" runs), flow nesting as brackets.
constexpr std::size_t deepest_indent_column = 200;

struct Cursor {
    int line = 1;
    int column = 1;
};

/// Length of the UTF-8 sequence starting at `text[i]`, or 0 when it is not well-formed
/// (RFC 3629): a bad lead or continuation byte, a truncated sequence, an overlong form
/// (0xC0 0xAF for '/', which naive decoders accept), a surrogate, or beyond U+10FFFF.
/// `why` says which.
std::size_t utf8_length(std::string_view text, std::size_t i, const char*& why) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    why = "is not UTF-8 text (is it a binary file?)";
    if (length == 0 || i + length > text.size()) return 0;
    char32_t code = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        code = (code << 6) | (byte(i + k) & 0x3F);
    }
    constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length]) {
        why = "starts an overlong UTF-8 sequence (a character written with more bytes than it needs)";
        return 0;
    }
    if (code >= 0xD800 && code <= 0xDFFF) {
        why = "starts a UTF-16 surrogate, which UTF-8 text never holds";
        return 0;
    }
    if (code > 0x10FFFF) {
        why = "starts a code point beyond U+10FFFF";
        return 0;
    }
    return length;
}

bool check_encoding(std::string_view text, DiagnosticSink& sink) {
    Cursor at;
    for (std::size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        const char* why = "";
        std::size_t length = utf8_length(text, i, why);
        bool control = c < 0x20 && c != '\n' && c != '\r' && c != '\t';
        if (length == 0 || control || c == 0x7F) {
            if (length != 0) why = "is not UTF-8 text (is it a binary file?)";
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", c);
            sink.error(at.line, at.column, std::string("this is not a text scenario: byte ") + hex + " " + why);
            return false;
        }
        if (c == '\n') {
            ++at.line;
            at.column = 1;
        } else {
            ++at.column;
        }
        i += length;
    }
    return true;
}

bool check_indentation(std::string_view text, DiagnosticSink& sink) {
    int line = 1;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        std::string_view row = text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
        std::size_t i = 0;
        while (i < row.size() && (row[i] == ' ' || ((row[i] == '-' || row[i] == '?') && i + 1 < row.size() &&
                                                    row[i + 1] == ' '))) {
            ++i;
        }
        if (i < row.size() && row[i] == '\t') {
            sink.error(line, static_cast<int>(i) + 1, "tab character in indentation; YAML indents with spaces only");
            return false;
        }
        if (i > deepest_indent_column && i < row.size() && row[i] != '#') {
            sink.error(line, static_cast<int>(i) + 1,
                       "nesting is too deep (content starts past column " + std::to_string(deepest_indent_column) +
                           "); scenarios nest a few levels at most");
            return false;
        }
        if (end == std::string_view::npos) break;
        start = end + 1;
        ++line;
    }
    return true;
}

/// Flow nesting ("[[[[") outside quotes and comments. A quote opens a quoted scalar
/// only where a token may start, so the apostrophe in "don't" is not a quote.
bool check_flow_depth(std::string_view text, DiagnosticSink& sink) {
    Cursor at;
    int depth = 0;
    char quote = 0;
    char previous = '\n';
    for (char c : text) {
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '#' && (previous == ' ' || previous == '\n' || previous == '\t')) {
            quote = '\n';  // a comment runs to the end of the line
        } else if ((c == '"' || c == '\'') &&
                   (previous == ' ' || previous == '\n' || previous == '[' || previous == '{' || previous == ',' ||
                    previous == ':' || previous == '-')) {
            quote = c;
        } else if (c == '[' || c == '{') {
            if (++depth > max_nesting_depth) {
                sink.error(at.line, at.column,
                           "nesting is deeper than " + std::to_string(max_nesting_depth) +
                               " levels; scenarios nest a few levels at most");
                return false;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
        if (c == '\n') {
            ++at.line;
            at.column = 1;
            if (quote == '\n') quote = 0;
        } else {
            ++at.column;
        }
        previous = c;
    }
    return true;
}

}  // namespace

bool check_text(std::string_view text, DiagnosticSink& sink) {
    if (text.size() > max_scenario_bytes) {
        sink.error(1, 1, "the file has " + std::to_string(text.size()) + " bytes; scenario files over " +
                             std::to_string(max_scenario_bytes / (1024 * 1024)) + " MiB are refused");
        return false;
    }
    if (!check_encoding(text, sink)) return false;
    bool indentation_ok = check_indentation(text, sink);
    bool depth_ok = check_flow_depth(text, sink);
    return indentation_ok && depth_ok;
}

}  // namespace kafkalab::scenarios::detail
