#include "broker_model/config/properties_file.h"

#include <fstream>
#include <sstream>
#include <system_error>

namespace kafkalab::kafka {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

/// One logical line: physical lines joined where a trailing backslash continues them.
struct LogicalLine {
    std::string text;
    int line = 0;    // of its first physical line
    int column = 0;  // of its first non-blank character
};

bool ends_in_continuation(std::string_view line) {
    std::size_t backslashes = 0;
    while (backslashes < line.size() && line[line.size() - 1 - backslashes] == '\\') ++backslashes;
    return backslashes % 2 == 1;
}

std::vector<LogicalLine> logical_lines(std::string_view text) {
    std::vector<LogicalLine> lines;
    bool continuing = false;
    int number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        std::string_view raw = text.substr(pos, end == std::string_view::npos ? text.size() - pos : end - pos);
        pos = end == std::string_view::npos ? text.size() : end + 1;
        ++number;
        if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
        std::size_t start = 0;
        while (start < raw.size() && is_blank(raw[start])) ++start;
        std::string_view content = raw.substr(start);
        if (!continuing) {
            if (content.empty() || content.front() == '#' || content.front() == '!') continue;
            lines.push_back(LogicalLine{"", number, static_cast<int>(start) + 1});
        }
        continuing = ends_in_continuation(content);
        if (continuing) content.remove_suffix(1);
        lines.back().text += content;
    }
    return lines;
}

void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

/// Resolves escapes; false on a malformed \uXXXX.
bool unescape(std::string_view in, std::string& out) {
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '\\' || i + 1 == in.size()) {
            out += in[i];
            continue;
        }
        char c = in[++i];
        switch (c) {
            case 't': out += '\t'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 'f': out += '\f'; break;
            case 'u': {
                if (i + 4 >= in.size()) return false;  // fewer than four hex digits follow
                unsigned code = 0;
                for (int k = 1; k <= 4; ++k) {
                    char h = in[i + k];
                    unsigned digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                                   : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 16;
                    if (digit == 16) return false;
                    code = code * 16 + digit;
                }
                append_utf8(out, code);
                i += 4;
                break;
            }
            default: out += c;  // "\:" is ":", "\\" is "\"
        }
    }
    return true;
}

/// Splits at the first unescaped '=', ':' or blank, as java.util.Properties does.
void split_key_value(std::string_view text, std::string_view& key, std::string_view& value) {
    std::size_t i = 0;
    while (i < text.size() && text[i] != '=' && text[i] != ':' && !is_blank(text[i])) {
        i += text[i] == '\\' ? 2 : 1;
    }
    i = std::min(i, text.size());
    key = text.substr(0, i);
    while (i < text.size() && is_blank(text[i])) ++i;
    if (i < text.size() && (text[i] == '=' || text[i] == ':')) ++i;
    while (i < text.size() && is_blank(text[i])) ++i;
    value = text.substr(i);
}

}  // namespace

bool PropertiesFileResult::ok() const {
    for (const auto& issue : issues) {
        if (issue.severity == IssueSeverity::error) return false;
    }
    return true;
}

PropertiesFileResult parse_properties_text(std::string_view text, ConfigScope scope, KafkaVersion era) {
    PropertiesFileResult result{Properties(scope, era), {}};
    auto error = [&](const LogicalLine& l, std::string key, std::string message) {
        result.issues.push_back(ConfigIssue{IssueSeverity::error, std::move(key), l.line, l.column, std::move(message)});
    };
    for (const auto& l : logical_lines(text)) {
        std::string_view raw_key, raw_value;
        split_key_value(l.text, raw_key, raw_value);
        std::string key, value;
        if (raw_key.empty()) {
            error(l, "", "a key is missing before '" + std::string(1, l.text.front()) + "'");
            continue;
        }
        if (!unescape(raw_key, key) || !unescape(raw_value, value)) {
            error(l, key, "malformed \\uXXXX escape");
            continue;
        }
        if (const auto* earlier = result.properties.entry(key)) {
            result.issues.push_back(ConfigIssue{IssueSeverity::warning, key, l.line, l.column,
                                                key + " is set twice (first on line " + std::to_string(earlier->line) +
                                                    "); the last value wins"});
        }
        result.properties.set(key, value, l.line, l.column);
    }
    auto checked = validate_entries(result.properties);
    result.issues.insert(result.issues.end(), checked.begin(), checked.end());
    return result;
}

PropertiesFileResult load_properties_file(const std::filesystem::path& path, ConfigScope scope, KafkaVersion era) {
    PropertiesFileResult failed{Properties(scope, era), {}};
    auto fail = [&](std::string message) {
        failed.issues.push_back(ConfigIssue{IssueSeverity::error, "", 1, 1, std::move(message)});
        return failed;
    };
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec) return fail("cannot read the file: " + ec.message());
    if (size > max_properties_file_bytes) {
        return fail("the file has " + std::to_string(size) + " bytes; properties files over " +
                    std::to_string(max_properties_file_bytes) + " bytes are refused");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail("cannot open the file");
    std::ostringstream content;
    content << in.rdbuf();
    std::string text = content.str();
    if (text.find('\0') != std::string::npos) return fail("this is not a text file (it contains NUL bytes)");
    return parse_properties_text(text, scope, era);
}

std::string format_issue(std::string_view file, const ConfigIssue& issue) {
    return std::string(file) + ":" + std::to_string(issue.line > 0 ? issue.line : 1) + ":" +
           std::to_string(issue.column > 0 ? issue.column : 1) + ": " +
           (issue.severity == IssueSeverity::error ? "error: " : "warning: ") + issue.message;
}

}  // namespace kafkalab::kafka
