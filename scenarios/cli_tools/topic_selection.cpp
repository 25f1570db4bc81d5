#include "scenarios/cli_tools/topic_selection.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace kafkalab::scenarios {
namespace {

// TopicFilter's clean-up of the raw --topic text: commas become alternatives, blanks
// go, and quotes that property files or shells left around it are dropped.
std::string include_list_regex(std::string raw) {
    const auto not_blank = [](unsigned char c) { return !std::isspace(c); };
    raw.erase(raw.begin(), std::find_if(raw.begin(), raw.end(), not_blank));
    raw.erase(std::find_if(raw.rbegin(), raw.rend(), not_blank).base(), raw.end());
    std::replace(raw.begin(), raw.end(), ',', '|');
    raw.erase(std::remove(raw.begin(), raw.end(), ' '), raw.end());
    const std::size_t first = raw.find_first_not_of("\"'");
    if (first == std::string::npos) return "";
    raw.erase(0, first);
    raw.erase(raw.find_last_not_of("\"'") + 1);
    return raw;
}

// Bounds that keep a hostile --topic from hanging or crashing the run: std::regex
// compiles by recursion (one level per group) and, by default, matches by
// backtracking, exponential on patterns like (a+)+b. Kafka's Java regex has the same
// weaknesses; a topic filter needs none of that power.
constexpr std::size_t longest_pattern = 4096;
constexpr int deepest_group_nesting = 32;

int group_nesting(std::string_view regex) {
    int depth = 0;
    int deepest = 0;
    for (char c : regex) {
        if (c == '(') deepest = std::max(deepest, ++depth);
        if (c == ')') --depth;
    }
    return deepest;
}

/// The compiled filter, or nothing when Kafka would call it invalid or it breaks the
/// bounds above. libstdc++'s polynomial mode matches breadth-first in linear time per
/// topic name; it refuses back-references, which a topic filter has no use for.
std::optional<std::regex> compile_filter(const std::string& regex) {
    if (regex.size() > longest_pattern || group_nesting(regex) > deepest_group_nesting) return std::nullopt;
    auto flags = std::regex::ECMAScript;
#ifdef __GLIBCXX__
    flags |= std::regex_constants::__polynomial;
#endif
    try {
        return std::regex(regex, flags);
    } catch (const std::regex_error&) {
        return std::nullopt;
    }
}

}  // namespace

bool is_internal_topic(std::string_view topic) {
    return topic == "__consumer_offsets" || topic == "__transaction_state";
}

bool has_collision_chars(std::string_view topic) {
    return topic.find_first_of("._") != std::string_view::npos;
}

std::optional<std::string> topic_pattern_error(const std::string& pattern) {
    const std::string regex = include_list_regex(pattern);
    if (!compile_filter(regex)) return regex + " is an invalid regex.";
    return std::nullopt;
}

std::vector<std::string> select_topics(std::vector<std::string> all_topics, const std::optional<std::string>& pattern,
                                       bool exclude_internal) {
    std::sort(all_topics.begin(), all_topics.end());
    std::optional<std::regex> regex;
    if (pattern) {
        regex = compile_filter(include_list_regex(*pattern));
        // Kafka gives up with "<regex> is an invalid regex."; no topic can match it.
        if (!regex) return {};
    }
    std::vector<std::string> selected;
    for (std::string& topic : all_topics) {
        if (exclude_internal && is_internal_topic(topic)) continue;
        if (regex && !std::regex_match(topic, *regex)) continue;
        selected.push_back(std::move(topic));
    }
    return selected;
}

}  // namespace kafkalab::scenarios
