#include "scenarios/spec/indentation_hint.h"

#include <vector>

namespace kafkalab::scenarios::detail {
namespace {

/// One open block level: its indentation and the latest key written at it.
struct Level {
    std::size_t indent = 0;
    std::string key;
    int line = 0;
};

/// The key a line starts ("partitions" of "partitions: 3", of "- name: t" the "name"),
/// or the line's first word.
std::string key_of(std::string_view content) {
    if (content.starts_with("- ")) {
        // "- " alone (an empty list item) has no key after the dash.
        const std::size_t key = content.find_first_not_of(' ', 1);
        content.remove_prefix(key == std::string_view::npos ? content.size() : key);
    }
    std::size_t end = content.find(':');
    if (end == std::string_view::npos) end = content.find(' ');
    return std::string(content.substr(0, std::min(end, content.size())));
}

std::string spaces(std::size_t n) { return std::to_string(n) + (n == 1 ? " space" : " spaces"); }

/// Bracket depth change of a line, outside quotes, ignoring a trailing comment.
int bracket_change(std::string_view content) {
    int depth = 0;
    char quote = 0;
    for (std::size_t i = 0; i < content.size(); ++i) {
        char c = content[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#' && (i == 0 || content[i - 1] == ' ')) {
            break;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return depth;
}

std::string_view trim_comment(std::string_view content) {
    auto hash = content.find(" #");
    if (hash != std::string_view::npos) content = content.substr(0, hash);
    while (!content.empty() && content.back() == ' ') content.remove_suffix(1);
    return content;
}

}  // namespace

std::optional<IndentationHint> find_misindented_line(std::string_view text) {
    std::vector<Level> levels{{0, "", 0}};
    bool opens_block = false;  // the last line ended with "key:" or "-"
    int flow_depth = 0;
    std::size_t block_scalar_indent = std::string_view::npos;  // inside | or > when set
    int number = 0;
    for (std::size_t start = 0; start <= text.size(); ++number) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const std::size_t indent = line.find_first_not_of(' ');
        if (indent == std::string_view::npos || line[indent] == '#') continue;
        if (line.starts_with("---") || line.starts_with("...")) continue;
        std::string_view content = line.substr(indent);
        if (block_scalar_indent != std::string_view::npos) {
            if (indent > block_scalar_indent) continue;
            block_scalar_indent = std::string_view::npos;
        }
        if (flow_depth > 0) {
            flow_depth += bracket_change(content);
            continue;
        }
        const int line_number = number + 1;
        if (indent > levels.back().indent) {
            if (!opens_block) {
                return IndentationHint{line_number, static_cast<int>(indent) + 1,
                                       "'" + key_of(content) + "' is indented " + spaces(indent) +
                                           ", deeper than the line above allows; its siblings are indented " +
                                           spaces(levels.back().indent) +
                                           (levels.back().key.empty() ? std::string()
                                                                      : " (like '" + levels.back().key + "', line " +
                                                                            std::to_string(levels.back().line) + ")")};
            }
            levels.push_back({indent, key_of(content), line_number});
        } else {
            Level deeper;
            while (levels.back().indent > indent) {
                deeper = levels.back();
                levels.pop_back();
            }
            if (levels.back().indent != indent) {
                const Level& outer = levels.back();
                return IndentationHint{line_number, static_cast<int>(indent) + 1,
                                       "'" + key_of(content) + "' is indented " + spaces(indent) +
                                           ", matching none of the keys above it: its siblings are indented " +
                                           spaces(deeper.indent) + " (like '" + deeper.key + "', line " +
                                           std::to_string(deeper.line) + ")" +
                                           (outer.key.empty() ? std::string()
                                                              : " or " + spaces(outer.indent) + " (like '" +
                                                                    outer.key + "', line " +
                                                                    std::to_string(outer.line) + ")")};
            }
            // The latest sibling is the one a message should point to.
            levels.back().key = key_of(content);
            levels.back().line = line_number;
        }
        // A sequence item "- key: value" opens a mapping at the column of its key.
        if (content.starts_with("- ")) {
            const std::size_t inner = content.find_first_not_of(' ', 1);
            if (inner != std::string_view::npos && content.find(':') != std::string_view::npos) {
                levels.push_back({indent + inner, key_of(content), line_number});
            }
        }
        const std::string_view body = trim_comment(content);
        flow_depth = bracket_change(body);
        opens_block = body.ends_with(":") || body == "-";
        if (body.ends_with("|") || body.ends_with(">") || body.ends_with("|-") || body.ends_with(">-")) {
            block_scalar_indent = indent;
        }
    }
    return std::nullopt;
}

}  // namespace kafkalab::scenarios::detail
